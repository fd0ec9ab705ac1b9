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

    public static TransportOptions Default { get; } = new();

    /// <summary>
    /// How much one socket receive asks for; larger reads mean fewer syscalls in bulk transfers. An idle
    /// connection holds no buffer (the receive loop waits with a zero-byte read), so this costs memory
    /// only while bytes are in flight. 256 KiB: one loopback stream of 1 GiB went 1.58× faster than with
    /// 64 KiB, at 0.71× the proxy CPU per GiB, with no change in pgbench -S or in idle RSS
    /// (docs/benchmarks.md, "Tuning history").
    /// </summary>
    public int ReceiveBufferSize { get; init; } = 256 * 1024;

    /// <summary>
    /// Inline schedulers: a receive that completes runs the protocol and the opposite send on the
    /// same thread, with no thread-pool hop per message.
    /// </summary>
    public PipeOptions PipeOptions { get; init; } = new(
        pauseWriterThreshold: PauseWriterThreshold,
        resumeWriterThreshold: ResumeWriterThreshold,
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        // Equal to ReceiveBufferSize: the handler copies into the send pipe with PipeWriter.Write, which
        // takes segments of this size, and the send loop issues one send per segment. At 16 KiB every
        // 64 KiB received went out as four sendto calls (strace: 98k sends for 25k receives).
        minimumSegmentSize: 256 * 1024,
        useSynchronizationContext: false);
}
