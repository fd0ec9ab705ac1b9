using System.Globalization;
using System.Text.Json;
using Proxy.Core.Approvals;

namespace Proxy.Core.SessionLog;

/// <summary>
/// An approval request was registered (kind `approval_requested`, docs/audit-format.md). It carries the whole
/// ask, so a restarted proxy can show a request it finds pending in the log without any other record.
/// </summary>
public sealed record ApprovalRequested(string Id, ApprovalAsk Ask, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt)
    : SessionEvent(Ask.SessionId, RequestedAt)
{
    public const string KindName = "approval_requested";

    public override string Kind => KindName;

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteString("id", Id);
        writer.WriteString("requester", Ask.Requester);
        if (Ask.Database is not null)
        {
            writer.WriteString("database", Ask.Database);
        }

        writer.WriteString("statement", Ask.Statement);
        if (Ask.Parameters is { } parameters)
        {
            writer.WriteStartArray("parameters");
            foreach (var parameter in parameters)
            {
                if (parameter is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(parameter);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteString("fingerprint", Ask.Fingerprint);
        writer.WriteString("rule", Ask.RuleId);
        if (Ask.RuleMessage is not null)
        {
            writer.WriteString("rule_message", Ask.RuleMessage);
        }

        writer.WriteString("by", Ask.ApproverGroup);
        writer.WriteString("mode", ApprovalNames.Mode(Ask.Mode));
        writer.WriteNumber("timeout_ms", (long)Ask.Timeout.TotalMilliseconds);
        writer.WriteNumber("grant_ms", (long)Ask.Grant.TotalMilliseconds);
        writer.WriteString("expires_at", SessionLogTime.Format(ExpiresAt));
    }
}

/// <summary>
/// A request reached its final state: `approval_approved`, `approval_denied`, `approval_withdrawn`,
/// `approval_timed_out` or `approval_expired`. <see cref="By"/> is who decided (approved, denied), null otherwise.
/// </summary>
public sealed record ApprovalResolved(
    string? SessionId,
    DateTimeOffset At,
    string Id,
    ApprovalState State,
    string Requester,
    string? By,
    string? Reason,
    DateTimeOffset? GrantUntil) : SessionEvent(SessionId, At)
{
    public override string Kind => ApprovalNames.EventKind(State);

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteString("id", Id);
        writer.WriteString("requester", Requester);
        if (By is not null)
        {
            writer.WriteString("by", By);
        }

        if (Reason is not null)
        {
            writer.WriteString("reason", Reason);
        }

        if (GrantUntil is { } until)
        {
            writer.WriteString("grant_until", SessionLogTime.Format(until));
        }
    }
}

/// <summary>The names approvals have in the session log and in the policy language.</summary>
public static class ApprovalNames
{
    /// <summary>Every kind an approval event can have, the request first.</summary>
    public static readonly IReadOnlyList<string> EventKinds =
    [
        ApprovalRequested.KindName,
        "approval_approved",
        "approval_denied",
        "approval_withdrawn",
        "approval_timed_out",
        "approval_expired",
    ];

    public static string Mode(ApprovalMode mode) => mode == ApprovalMode.Retry ? "retry" : "hold";

    /// <summary>`hold` or `retry` as the policy language writes them; null for anything else.</summary>
    public static ApprovalMode? ParseMode(string? text) => text switch
    {
        "hold" => ApprovalMode.Hold,
        "retry" => ApprovalMode.Retry,
        _ => null,
    };

    /// <summary>`pending`, `approved`, `denied`, `timed_out`, `withdrawn`, `expired`.</summary>
    public static string State(ApprovalState state) => state switch
    {
        ApprovalState.Pending => "pending",
        ApprovalState.Approved => "approved",
        ApprovalState.Denied => "denied",
        ApprovalState.TimedOut => "timed_out",
        ApprovalState.Withdrawn => "withdrawn",
        ApprovalState.Expired => "expired",
        _ => ((int)state).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The event kind of a final state; the state of an event kind (null: not a final approval event).</summary>
    public static string EventKind(ApprovalState state) => "approval_" + State(state);

    public static ApprovalState? FinalState(string kind) => kind switch
    {
        "approval_approved" => ApprovalState.Approved,
        "approval_denied" => ApprovalState.Denied,
        "approval_withdrawn" => ApprovalState.Withdrawn,
        "approval_timed_out" => ApprovalState.TimedOut,
        "approval_expired" => ApprovalState.Expired,
        _ => null,
    };
}
