using System.Diagnostics;
using System.Net;
using Proxy.Core.SessionLog;

namespace Proxy.Tests.Support;

/// <summary>An event as the test double received it: queued (<see cref="ISessionLog.TryAppend"/>) or committed.</summary>
public sealed record RecordedEvent(SessionEvent Event, bool Committed);

/// <summary>
/// An in-memory <see cref="ISessionLog"/> that keeps every event, so transport tests can check the record
/// without a database. <see cref="Fail"/> makes it behave like a log whose storage broke: committed appends
/// throw and <see cref="Health"/> reports the fault. Queued appends are still kept while faulted, as the real
/// log's queue would hold them until it recovers, so a test can see what the proxy tried to record.
/// </summary>
public sealed class RecordingSessionLog : ISessionLog
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private readonly Lock _lock = new();
    private readonly List<RecordedEvent> _events = [];
    private string? _fault;
    private int _flushes;

    public RecordingSessionLog(Durability durability = Durability.Normal)
    {
        Durability = durability;
    }

    public Durability Durability { get; }

    public SessionLogHealth Health => new(Volatile.Read(ref _fault), 0, 0);

    public int Flushes => Volatile.Read(ref _flushes);

    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<SessionOpened> Opened => [.. Events.Select(e => e.Event).OfType<SessionOpened>()];

    public IReadOnlyList<SessionClosed> Closed => [.. Events.Select(e => e.Event).OfType<SessionClosed>()];

    /// <summary>From now on committed appends throw <see cref="SessionLogUnavailableException"/>.</summary>
    public void Fail(string fault) => Volatile.Write(ref _fault, fault);

    public void Recover() => Volatile.Write(ref _fault, null);

    public bool TryAppend(SessionEvent sessionEvent)
    {
        lock (_lock)
        {
            _events.Add(new RecordedEvent(sessionEvent, Committed: false));
        }

        return true;
    }

    public ValueTask AppendCommittedAsync(SessionEvent sessionEvent, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fault = Volatile.Read(ref _fault);
        if (fault is not null)
        {
            // As the real log: the wait is refused, the event is still kept for when it recovers.
            TryAppend(sessionEvent);
            return ValueTask.FromException(new SessionLogUnavailableException(fault));
        }

        lock (_lock)
        {
            _events.Add(new RecordedEvent(sessionEvent, Committed: true));
        }

        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _flushes);
        return Task.CompletedTask;
    }

    /// <summary>The open event of the session whose client connected from <paramref name="clientEndPoint"/>.</summary>
    public SessionOpened? FindOpened(EndPoint clientEndPoint)
    {
        var client = clientEndPoint.ToString();
        return Opened.FirstOrDefault(o => o.Session.ClientEndpoint == client);
    }

    /// <summary>Waits for the close event of the session whose client connected from <paramref name="clientEndPoint"/>.</summary>
    public Task<SessionClosed> WaitForCloseAsync(EndPoint clientEndPoint, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var client = clientEndPoint.ToString();
        return WaitForAsync(
            () =>
            {
                var opened = Opened.FirstOrDefault(o => o.Session.ClientEndpoint == client);
                return opened is null ? null : Closed.FirstOrDefault(c => c.Id == opened.Session.Id);
            },
            $"the close event of the session from {client}",
            timeout,
            cancellationToken);
    }

    public Task<SessionClosed> WaitForCloseAsync(string sessionId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForAsync(
            () => Closed.FirstOrDefault(c => c.Id == sessionId),
            $"the close event of session {sessionId}",
            timeout,
            cancellationToken);

    /// <summary>Waits until at least <paramref name="count"/> sessions have a close event, and returns them all.</summary>
    public Task<IReadOnlyList<SessionClosed>> WaitForClosedCountAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForAsync(
            () =>
            {
                var closed = Closed;
                return closed.Count >= count ? closed : null;
            },
            $"{count} close events",
            timeout,
            cancellationToken);

    /// <summary>Every event, one a line, for assertion messages.</summary>
    public string Describe()
    {
        var events = Events;
        return events.Count == 0
            ? "(no events)"
            : string.Join(Environment.NewLine, events.Select(e => $"{(e.Committed ? "committed" : "queued")} {e.Event}"));
    }

    // The transport records a session's end after it has closed both sockets, so what a client observes
    // (its connection ending) comes slightly before the event exists: poll rather than look once.
    private async Task<T> WaitForAsync<T>(Func<T?> find, string what, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"no {what} within {timeout.TotalSeconds:0.###}s; the log holds:{Environment.NewLine}{Describe()}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
