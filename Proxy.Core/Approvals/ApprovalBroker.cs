using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Proxy.Core.SessionLog;

namespace Proxy.Core.Approvals;

/// <summary>What `approve(…)` means when an argument is left out (docs/approvals.md, "Defaults").</summary>
public static class ApprovalDefaults
{
    /// <summary>Long enough for a person to notice a notification and look; short enough that a held session does not hang for long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>How long an approved `retry` request lets its requester run the statement again.</summary>
    public static readonly TimeSpan Grant = TimeSpan.FromMinutes(10);

    public const ApprovalMode Mode = ApprovalMode.Hold;
}

/// <summary>
/// The pending approval requests of the running proxy, in memory, with every change written to the session log.
/// One lock guards all state; the work under it is a few dictionary operations and queueing an event (the log
/// never blocks an append), so sessions asking and approvers deciding never wait on I/O.
/// </summary>
/// <remarks>
/// Events of one request are appended under the lock, so the log has them in the order they happened: the
/// request before its decision, one final event per request. Tickets complete outside the lock, and their
/// continuations run asynchronously, so a session resumed by a decision never runs on the approver's thread.
/// </remarks>
public sealed partial class ApprovalBroker : IApprovalBroker, IDisposable
{
    public const string IdPrefix = "apr_";

    /// <summary>What an `approval_expired` event says about a request found pending when the proxy started.</summary>
    public const string RestartReason = "the proxy restarted while the request was pending";

    /// <summary>10 characters of base32: 50 random bits, easy to read out and type, no 0/O or 1/l to confuse.</summary>
    private const int IdRandomLength = 10;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Final requests stay listed this long after their decision (and as long as a grant they gave lasts).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly ISessionLog _log;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);

    /// <summary>Every request held in memory, oldest first; <see cref="List"/> reads it backwards.</summary>
    private readonly List<Entry> _order = [];

    /// <summary>Pending `retry` requests by (requester, fingerprint): a retry while one is pending asks nothing new.</summary>
    private readonly Dictionary<(string Requester, string Fingerprint), Entry> _pendingRetries = [];

    /// <summary>The latest approved `retry` request by (requester, fingerprint).</summary>
    private readonly Dictionary<(string Requester, string Fingerprint), Entry> _grants = [];

    private DateTimeOffset _lastPrune;
    private bool _disposed;

    public ApprovalBroker(ISessionLog log, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _log = log;
        _time = time;
        _logger = logger;
        _lastPrune = time.GetUtcNow();
    }

    public ApprovalTicket Request(ApprovalAsk ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentException.ThrowIfNullOrEmpty(ask.Requester);
        ArgumentException.ThrowIfNullOrEmpty(ask.ApproverGroup);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ask.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ask.Grant, TimeSpan.Zero);
        Entry entry;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = (ask.Requester, ask.Fingerprint);
            if (ask.Mode == ApprovalMode.Retry && _pendingRetries.TryGetValue(key, out var waiting))
            {
                // An agent retrying before anyone decided: the request it already made stands.
                return waiting.Ticket!;
            }

            var now = _time.GetUtcNow();
            PruneLocked(now);
            var id = NewIdLocked();
            entry = new Entry(id, ask, now, now + ask.Timeout);
            _byId.Add(id, entry);
            _order.Add(entry);
            if (ask.Mode == ApprovalMode.Retry)
            {
                _pendingRetries[key] = entry;
            }

            // In the lock: the request is in the log's queue before any decision on it can be.
            var recorded = _log.AppendCommittedAsync(new ApprovalRequested(id, ask, now, entry.ExpiresAt)).AsTask();
            entry.Ticket = new ApprovalTicket(id, entry.Completion.Task) { Recorded = recorded };
            entry.Timer = _time.CreateTimer(static state => ((TimeoutState)state!).Fire(), new TimeoutState(this, entry), ask.Timeout, System.Threading.Timeout.InfiniteTimeSpan);
        }

        LogRequested(_logger, entry.Id, ask.Requester, ask.RuleId, ask.ApproverGroup, ApprovalNames.Mode(ask.Mode));
        return entry.Ticket;
    }

    public bool Withdraw(string id, string reason)
    {
        ArgumentNullException.ThrowIfNull(id);
        ApprovalRequest final;
        Entry? entry;
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out entry) || entry.State != ApprovalState.Pending)
            {
                return false;
            }

            final = ResolveLocked(entry, ApprovalState.Withdrawn, entry.Ask.Requester, reason);
        }

        entry.Completion.TrySetResult(final);
        LogResolved(_logger, id, ApprovalNames.State(ApprovalState.Withdrawn), entry.Ask.Requester, reason);
        return true;
    }

    public bool TryGetGrant(string requester, string fingerprint, out ApprovalRequest? grant)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(fingerprint);
        lock (_lock)
        {
            if (_grants.TryGetValue((requester, fingerprint), out var entry))
            {
                if (_time.GetUtcNow() < GrantEnd(entry))
                {
                    grant = entry.Snapshot();
                    return true;
                }

                _grants.Remove((requester, fingerprint));
            }
        }

        grant = null;
        return false;
    }

    public IReadOnlyList<ApprovalRequest> List(ApprovalState? state = null)
    {
        lock (_lock)
        {
            var list = new List<ApprovalRequest>();
            for (var i = _order.Count - 1; i >= 0; i--)
            {
                if (state is null || _order[i].State == state)
                {
                    list.Add(_order[i].Snapshot());
                }
            }

            return list;
        }
    }

    public ApprovalRequest? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            return _byId.TryGetValue(id, out var entry) ? entry.Snapshot() : null;
        }
    }

    public ApprovalDecisionResult Decide(string id, string approver, IReadOnlyCollection<string> approverGroups, bool approve, string? reason)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrEmpty(approver);
        ArgumentNullException.ThrowIfNull(approverGroups);
        Entry? entry;
        ApprovalRequest final;
        var timedOut = false;
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out entry))
            {
                return ApprovalDecisionResult.NotFound;
            }

            // Identity before state: who may not decide learns nothing about where the request stands.
            if (string.Equals(approver, entry.Ask.Requester, StringComparison.Ordinal))
            {
                return ApprovalDecisionResult.SelfApproval;
            }

            if (!approverGroups.Contains(entry.Ask.ApproverGroup, StringComparer.Ordinal))
            {
                return ApprovalDecisionResult.NotApprover;
            }

            if (entry.State != ApprovalState.Pending)
            {
                return ApprovalDecisionResult.AlreadyDecided;
            }

            if (_time.GetUtcNow() >= entry.ExpiresAt)
            {
                // The timer is due but has not run yet: the deadline wins over a decision that came after it.
                final = ResolveLocked(entry, ApprovalState.TimedOut, by: null, TimeoutReason(entry));
                timedOut = true;
            }
            else
            {
                final = ResolveLocked(entry, approve ? ApprovalState.Approved : ApprovalState.Denied, approver, reason);
            }
        }

        entry.Completion.TrySetResult(final);
        LogResolved(_logger, id, ApprovalNames.State(final.State), final.DecidedBy ?? "-", final.Reason ?? string.Empty);
        return timedOut ? ApprovalDecisionResult.AlreadyDecided : ApprovalDecisionResult.Decided;
    }

    /// <summary>
    /// Start-up: reads the approval events of the session log and takes back the recent requests, so they are
    /// listed as before and an approved `retry` grant still holds; a request still pending in the log (the proxy
    /// stopped before it was decided) is closed as <see cref="ApprovalState.Expired"/> with an `approval_expired`
    /// event, never silently dropped. Call before the first <see cref="Request"/>; returns how many expired.
    /// </summary>
    public int Recover(SessionLogReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var found = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var order = new List<Entry>();
        foreach (var stored in reader.ReadEventsOfKinds(ApprovalNames.EventKinds))
        {
            using var data = JsonDocument.Parse(stored.DataJson);
            var root = data.RootElement;
            if (!root.TryGetProperty("id", out var idElement) || idElement.GetString() is not { } id)
            {
                continue;
            }

            if (stored.Kind == ApprovalRequested.KindName)
            {
                if (ReadRequest(stored, id, root) is { } requested && found.TryAdd(id, requested))
                {
                    order.Add(requested);
                }
            }
            else if (ApprovalNames.FinalState(stored.Kind) is { } state && found.TryGetValue(id, out var entry) && entry.State == ApprovalState.Pending)
            {
                entry.State = state;
                entry.DecidedAt = stored.At;
                entry.DecidedBy = Text(root, "by");
                entry.Reason = Text(root, "reason");
            }
        }

        var expired = new List<Entry>();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var entry in order)
            {
                if (entry.State == ApprovalState.Pending)
                {
                    ResolveLocked(entry, ApprovalState.Expired, by: null, RestartReason);
                    expired.Add(entry);
                }
                else if (!IsStale(entry, now) && !_byId.ContainsKey(entry.Id))
                {
                    // Already final in the log: listed again, no new event.
                    entry.Completion.TrySetResult(entry.Snapshot());
                }
                else
                {
                    continue;
                }

                if (_byId.TryAdd(entry.Id, entry))
                {
                    _order.Add(entry);
                    if (entry.State == ApprovalState.Approved && entry.Ask.Mode == ApprovalMode.Retry)
                    {
                        _grants[(entry.Ask.Requester, entry.Ask.Fingerprint)] = entry;
                    }
                }
            }
        }

        foreach (var entry in expired)
        {
            entry.Completion.TrySetResult(entry.Snapshot());
        }

        if (expired.Count > 0)
        {
            LogExpiredAtStart(_logger, expired.Count, string.Join(", ", expired.Select(e => e.Id)));
        }

        return expired.Count;
    }

    public void Dispose()
    {
        List<Entry> pending;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = [.. _order.Where(e => e.State == ApprovalState.Pending)];
        }

        // Pending requests stay pending in the log: the next start closes them as expired, with the reason.
        foreach (var entry in pending)
        {
            entry.Timer?.Dispose();
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static Entry? ReadRequest(StoredEvent stored, string id, JsonElement root)
    {
        if (Text(root, "requester") is not { } requester || Text(root, "by") is not { } group)
        {
            return null;
        }

        var ask = new ApprovalAsk(
            stored.SessionId ?? string.Empty,
            requester,
            Text(root, "database"),
            Text(root, "statement") ?? string.Empty,
            Text(root, "fingerprint") ?? string.Empty,
            Text(root, "rule") ?? string.Empty,
            Text(root, "rule_message"),
            group,
            ApprovalNames.ParseMode(Text(root, "mode")) ?? ApprovalDefaults.Mode,
            TimeSpan.FromMilliseconds(Number(root, "timeout_ms")),
            TimeSpan.FromMilliseconds(Number(root, "grant_ms")))
        {
            Parameters = root.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array
                ? [.. parameters.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : null)]
                : null,
        };
        var expiresAt = Text(root, "expires_at") is { } text ? SessionLogTime.Parse(text) : stored.At + ask.Timeout;
        return new Entry(id, ask, stored.At, expiresAt);
    }

    private static DateTimeOffset GrantEnd(Entry entry) =>
        entry.State == ApprovalState.Approved && entry.Ask.Mode == ApprovalMode.Retry && entry.DecidedAt is { } decided
            ? decided + entry.Ask.Grant
            : DateTimeOffset.MinValue;

    private static string TimeoutReason(Entry entry) => $"no decision within {FormatDuration(entry.Ask.Timeout)}";

    /// <summary>`90s`, `5m`, `1h30m`: the way the policy language writes durations.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{(long)duration.TotalMilliseconds}ms";
        }

        var text = string.Empty;
        if (duration.Days > 0)
        {
            text += $"{duration.Days}d";
        }

        if (duration.Hours > 0)
        {
            text += $"{duration.Hours}h";
        }

        if (duration.Minutes > 0)
        {
            text += $"{duration.Minutes}m";
        }

        if (duration.Seconds > 0)
        {
            text += $"{duration.Seconds}s";
        }

        return text;
    }

    /// <summary>Final, decided longer ago than <see cref="Retention"/>, and no longer granting anything.</summary>
    private static bool IsStale(Entry entry, DateTimeOffset now) =>
        entry.State != ApprovalState.Pending
        && (entry.DecidedAt ?? entry.RequestedAt) < now - Retention
        && GrantEnd(entry) <= now;

    private string NewIdLocked()
    {
        while (true)
        {
            var id = IdPrefix + RandomNumberGenerator.GetString(IdAlphabet, IdRandomLength);
            if (!_byId.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>Makes a request final, once: the state, the event, the grant; the caller completes the ticket outside the lock.</summary>
    private ApprovalRequest ResolveLocked(Entry entry, ApprovalState state, string? by, string? reason)
    {
        var now = _time.GetUtcNow();
        entry.State = state;
        entry.DecidedAt = now;
        entry.DecidedBy = by;
        entry.Reason = reason;
        entry.Timer?.Dispose();
        entry.Timer = null;
        var key = (entry.Ask.Requester, entry.Ask.Fingerprint);
        if (_pendingRetries.TryGetValue(key, out var waiting) && ReferenceEquals(waiting, entry))
        {
            _pendingRetries.Remove(key);
        }

        DateTimeOffset? grantUntil = null;
        if (state == ApprovalState.Approved && entry.Ask.Mode == ApprovalMode.Retry)
        {
            _grants[key] = entry;
            grantUntil = now + entry.Ask.Grant;
        }

        _log.TryAppend(new ApprovalResolved(
            string.IsNullOrEmpty(entry.Ask.SessionId) ? null : entry.Ask.SessionId,
            now,
            entry.Id,
            state,
            entry.Ask.Requester,
            state is ApprovalState.Approved or ApprovalState.Denied or ApprovalState.Withdrawn ? by : null,
            reason,
            grantUntil));
        return entry.Snapshot();
    }

    private void OnTimeout(Entry entry)
    {
        ApprovalRequest final;
        lock (_lock)
        {
            if (entry.State != ApprovalState.Pending)
            {
                return;
            }

            final = ResolveLocked(entry, ApprovalState.TimedOut, by: null, TimeoutReason(entry));
        }

        entry.Completion.TrySetResult(final);
        LogResolved(_logger, entry.Id, ApprovalNames.State(ApprovalState.TimedOut), "-", final.Reason!);
    }

    private void PruneLocked(DateTimeOffset now)
    {
        if (now - _lastPrune < PruneInterval)
        {
            return;
        }

        _lastPrune = now;
        _order.RemoveAll(entry =>
        {
            if (!IsStale(entry, now))
            {
                return false;
            }

            _byId.Remove(entry.Id);
            var key = (entry.Ask.Requester, entry.Ask.Fingerprint);
            if (_grants.TryGetValue(key, out var grant) && ReferenceEquals(grant, entry))
            {
                _grants.Remove(key);
            }

            return true;
        });
    }

    [LoggerMessage(1, LogLevel.Information, "Approval {Id} requested by {Requester} (rule {Rule}); approvers: group {Group}; mode {Mode}")]
    private static partial void LogRequested(ILogger logger, string id, string requester, string rule, string group, string mode);

    [LoggerMessage(2, LogLevel.Information, "Approval {Id} {State} by {By}: {Reason}")]
    private static partial void LogResolved(ILogger logger, string id, string state, string by, string? reason);

    [LoggerMessage(3, LogLevel.Warning, "{Count} approval request(s) were pending when the proxy stopped; recorded as expired: {Ids}")]
    private static partial void LogExpiredAtStart(ILogger logger, int count, string ids);

    /// <summary>One request. Mutable, and only ever changed under the broker's lock.</summary>
    private sealed class Entry(string id, ApprovalAsk ask, DateTimeOffset requestedAt, DateTimeOffset expiresAt)
    {
        public string Id { get; } = id;

        public ApprovalAsk Ask { get; } = ask;

        public DateTimeOffset RequestedAt { get; } = requestedAt;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public ApprovalState State { get; set; } = ApprovalState.Pending;

        public string? DecidedBy { get; set; }

        public DateTimeOffset? DecidedAt { get; set; }

        public string? Reason { get; set; }

        public ITimer? Timer { get; set; }

        public ApprovalTicket? Ticket { get; set; }

        public TaskCompletionSource<ApprovalRequest> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ApprovalRequest Snapshot() => new(Id, Ask, RequestedAt, ExpiresAt, State, DecidedBy, DecidedAt, Reason);
    }

    /// <summary>The timer's state: a timer keeps no delegate that captures, so none is allocated per request but this.</summary>
    private sealed class TimeoutState(ApprovalBroker broker, Entry entry)
    {
        public void Fire() => broker.OnTimeout(entry);
    }
}
