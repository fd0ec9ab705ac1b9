namespace Proxy.Core.SessionLog;

/// <summary>The append side of the session log, as the data path sees it.</summary>
public interface ISessionLog
{
    Durability Durability { get; }

    /// <summary>Whether the log is currently writable; read by health reporting.</summary>
    SessionLogHealth Health { get; }

    /// <summary>
    /// Queues an event without waiting. Never blocks the data path: when the queue is full (the log
    /// has been failing for a while) the event is dropped, counted, and false is returned.
    /// </summary>
    bool TryAppend(SessionEvent sessionEvent);

    /// <summary>
    /// Queues an event and completes once it is committed together with whatever else was queued
    /// (group commit). Throws <see cref="SessionLogUnavailableException"/> when the log cannot commit now:
    /// the caller must not forward what the event describes. The event itself is still kept and
    /// committed once the log recovers (unless the queue is full, when it is counted as dropped).
    /// </summary>
    ValueTask AppendCommittedAsync(SessionEvent sessionEvent, CancellationToken cancellationToken = default);

    /// <summary>Completes once everything queued before the call is committed (or has failed).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}

/// <summary>A snapshot of the log's state. <see cref="Fault"/> is null while writes succeed.</summary>
public sealed record SessionLogHealth(string? Fault, long DroppedEvents, int QueueDepth)
{
    public bool IsHealthy => Fault is null;
}

public sealed class SessionLogUnavailableException : Exception
{
    public SessionLogUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public SessionLogUnavailableException()
    {
    }

    public SessionLogUnavailableException(string message)
        : base(message)
    {
    }
}
