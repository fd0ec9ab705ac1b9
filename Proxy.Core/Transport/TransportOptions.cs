using System.IO.Pipelines;

namespace Proxy.Core.Transport;

/// <summary>Buffer sizing shared by every connection. Not user configuration: tuned by the benchmarks.</summary>
public sealed class TransportOptions
{
    /// <summary>
    /// A writer pauses when this many bytes wait unread, so memory per session is bounded. L7 framers
    /// must cap a message below this, or a message that cannot fit would never be readable.
    /// </summary>
    public const int PauseWriterThreshold = 1024 * 1024;

    public const int ResumeWriterThreshold = PauseWriterThreshold / 2;

    /// <summary>
    /// How much one socket receive asks for, and the pipe segment size (equal, so one receive becomes
    /// one segment and one send). An idle connection holds no buffer (the receive loop waits with a
    /// zero-byte read), so this costs memory only while bytes are in flight.
    /// </summary>
    /// <remarks>
    /// 64 KiB, not more: arrays of 85,000 bytes and up live on the large object heap, and under many busy
    /// sessions the pool would hand out fresh ones that only a gen-2 collection reclaims. Measured in one
    /// run (docs/benchmarks.md, "Tuning history"): 16 KiB segments sent every 64 KiB as four sendto calls
    /// (0.97× haproxy bulk); 64/64 KiB gave 1.30×; 256 KiB gave 1.54×, not worth leaving the small heap.
    /// </remarks>
    public const int SegmentSize = 64 * 1024;

    public static TransportOptions Default { get; } = new();

    public int ReceiveBufferSize { get; init; } = SegmentSize;

    /// <summary>
    /// These options, with the pause threshold raised when a listener reads messages larger than it: a message
    /// that cannot fit in the pipe would never be readable, and the session would stall. Only a session that
    /// actually sends such a message holds that much memory.
    /// </summary>
    public TransportOptions HoldingMessagesOf(int maxMessageSize)
    {
        if (maxMessageSize <= PipeOptions.PauseWriterThreshold)
        {
            return this;
        }

        var pause = (long)maxMessageSize + SegmentSize;
        return new TransportOptions
        {
            ReceiveBufferSize = ReceiveBufferSize,
            PipeOptions = new PipeOptions(
                pauseWriterThreshold: pause,
                resumeWriterThreshold: pause / 2,
                readerScheduler: PipeOptions.ReaderScheduler,
                writerScheduler: PipeOptions.WriterScheduler,
                minimumSegmentSize: PipeOptions.MinimumSegmentSize,
                useSynchronizationContext: false),
        };
    }

    /// <summary>
    /// Inline schedulers: a receive that completes runs the protocol and the opposite send on the
    /// same thread, with no thread-pool hop per message.
    /// </summary>
    public PipeOptions PipeOptions { get; init; } = new(
        pauseWriterThreshold: PauseWriterThreshold,
        resumeWriterThreshold: ResumeWriterThreshold,
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        minimumSegmentSize: SegmentSize,
        useSynchronizationContext: false);
}
