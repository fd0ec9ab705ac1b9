namespace Proxy.Core.Approvals;

/// <summary>`approve(mode: …)`: hold the statement in the session until decided, or refuse it now and grant a retry.</summary>
public enum ApprovalMode
{
    Hold,
    Retry,
}

/// <summary>Where a request stands. Every state but <see cref="Pending"/> is final.</summary>
public enum ApprovalState
{
    Pending,
    Approved,
    Denied,
    TimedOut,

    /// <summary>The requester gave up: cancelled the statement or closed the session.</summary>
    Withdrawn,

    /// <summary>The proxy stopped while the request was pending; found and closed at the next start.</summary>
    Expired,
}

/// <summary>
/// What a session asks an approver for when a rule says `approve(…)`. <see cref="Fingerprint"/> is the
/// statement with its literals replaced by placeholders: what a `retry` grant covers.
/// </summary>
public sealed record ApprovalAsk(
    string SessionId,
    string Requester,
    string? Database,
    string Statement,
    string Fingerprint,
    string RuleId,
    string? RuleMessage,
    string ApproverGroup,
    ApprovalMode Mode,
    TimeSpan Timeout,
    TimeSpan Grant)
{
    /// <summary>
    /// The Bind parameters of an extended-protocol execution, as the session log records them (text as sent, binary
    /// as <c>\x</c> hex); null for a simple query. What an approver needs to see which rows a statement touches.
    /// </summary>
    public IReadOnlyList<string?>? Parameters { get; init; }
}

/// <summary>A snapshot of one request, as the admin API and the CLI show it.</summary>
public sealed record ApprovalRequest(
    string Id,
    ApprovalAsk Ask,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    ApprovalState State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Reason);

/// <summary>A pending request: its id, and a task that completes with the final snapshot once it is decided, times out or is withdrawn.</summary>
public sealed record ApprovalTicket(string Id, Task<ApprovalRequest> Completion)
{
    /// <summary>
    /// Completes once the request's event is committed to the session log; faults with
    /// <see cref="SessionLog.SessionLogUnavailableException"/> when it cannot be. The requester is told the id only
    /// after this, so no one can be asked to approve a request the log does not have.
    /// </summary>
    public Task Recorded { get; init; } = Task.CompletedTask;
}

public enum ApprovalDecisionResult
{
    Decided,
    NotFound,

    /// <summary>Someone else decided first, or it timed out or was withdrawn: exactly one decision wins.</summary>
    AlreadyDecided,

    /// <summary>A requester can never approve (or deny) their own request.</summary>
    SelfApproval,

    /// <summary>The approver is not in the request's approver group.</summary>
    NotApprover,
}

/// <summary>
/// The pending approval requests of the running proxy. The data path asks and waits; approvers decide through
/// the admin API. Every request, decision, withdrawal and timeout is a session-log event.
/// </summary>
public interface IApprovalBroker
{
    /// <summary>Registers a pending request and records it; the ticket's task completes when it is final.</summary>
    ApprovalTicket Request(ApprovalAsk ask);

    /// <summary>The requester withdraws (cancel, session closed). False when the request is already final.</summary>
    bool Withdraw(string id, string reason);

    /// <summary>Whether an approved `retry` request grants <paramref name="requester"/> this fingerprint now.</summary>
    bool TryGetGrant(string requester, string fingerprint, out ApprovalRequest? grant);

    /// <summary>Requests, newest first; all states when <paramref name="state"/> is null.</summary>
    IReadOnlyList<ApprovalRequest> List(ApprovalState? state = null);

    ApprovalRequest? Find(string id);

    /// <summary>
    /// Approves or denies as <paramref name="approver"/>, whose groups are <paramref name="approverGroups"/>.
    /// Thread-safe: of two racing decisions exactly one returns <see cref="ApprovalDecisionResult.Decided"/>.
    /// </summary>
    ApprovalDecisionResult Decide(string id, string approver, IReadOnlyCollection<string> approverGroups, bool approve, string? reason);
}
