using System.Text.Json;
using Proxy.Core.Sessions;

namespace Proxy.Core.SessionLog;

/// <summary>
/// One thing that happened in a session. Each kind writes its own fields as a JSON object; the
/// schema of every kind is documented in docs/audit-format.md.
/// </summary>
public abstract record SessionEvent(string? SessionId, DateTimeOffset At)
{
    /// <summary>The stable event kind name stored in the log ("open", "close", …).</summary>
    public abstract string Kind { get; }

    /// <summary>Writes the kind-specific fields (the "data" object) as properties of an open object.</summary>
    public abstract void WriteData(Utf8JsonWriter writer);
}

/// <summary>What is known about a session when it opens.</summary>
public sealed record SessionInfo(
    string Id,
    string Listener,
    string Protocol,
    string ClientEndpoint,
    string UpstreamEndpoint,
    DateTimeOffset StartedAt);

public sealed record SessionOpened(SessionInfo Session) : SessionEvent(Session.Id, Session.StartedAt)
{
    public override string Kind => "open";

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteString("listener", Session.Listener);
        writer.WriteString("protocol", Session.Protocol);
        writer.WriteString("client", Session.ClientEndpoint);
        writer.WriteString("upstream", Session.UpstreamEndpoint);
    }
}

public sealed record SessionClosed(
    string Id,
    DateTimeOffset At,
    CloseReason Reason,
    string? Detail,
    string? Identity,
    long BytesFromClient,
    long BytesFromUpstream,
    TimeSpan Duration) : SessionEvent(Id, At)
{
    public override string Kind => "close";

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteString("reason", Reason.ToWireName());
        if (Detail is not null)
        {
            writer.WriteString("detail", Detail);
        }

        if (Identity is not null)
        {
            writer.WriteString("identity", Identity);
        }

        writer.WriteNumber("bytes_from_client", BytesFromClient);
        writer.WriteNumber("bytes_from_upstream", BytesFromUpstream);
        JsonMilliseconds.Write(writer, StatementJsonNames.DurationMs, Duration);
    }
}

/// <summary>
/// Written once the log is writable again after a fault, when events had to be dropped because the
/// in-memory queue was full (normal durability only): the gap is itself on the record.
/// </summary>
public sealed record EventsDropped(DateTimeOffset At, long Count, string Fault) : SessionEvent(null, At)
{
    public override string Kind => "events_dropped";

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteNumber("count", Count);
        writer.WriteString("fault", Fault);
    }
}
