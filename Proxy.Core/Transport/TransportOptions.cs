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

    /// <summary>How much one socket receive asks for; larger reads mean fewer syscalls in bulk transfers.</summary>
    public int ReceiveBufferSize { get; init; } = 64 * 1024;

    /// <summary>
    /// Inline schedulers: a receive that completes runs the protocol and the opposite send on the
    /// same thread, with no thread-pool hop per message.
    /// </summary>
    public PipeOptions PipeOptions { get; init; } = new(
        pauseWriterThreshold: PauseWriterThreshold,
        resumeWriterThreshold: ResumeWriterThreshold,
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        minimumSegmentSize: 16 * 1024,
        useSynchronizationContext: false);
}
