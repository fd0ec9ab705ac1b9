using System.Text.Json;

namespace Proxy.Core.SessionLog;

/// <summary>What the policy made of a statement, as recorded: the verdict, the rule that made it, and the rules that only watched.</summary>
public sealed record StatementDecision(string Verdict, string? Rule, IReadOnlyList<string> Tags, IReadOnlyList<string> WouldBlock)
{
    /// <summary>The approval request asked for the statement (or whose grant let it run); null when none was needed.</summary>
    public string? Approval { get; init; }
}

/// <summary>How a statement ended: rows from the command tag, or the error the client saw.</summary>
public sealed record StatementOutcome(TimeSpan Duration, string? CommandTag, long? Rows, string? SqlState, string? ErrorMessage)
{
    /// <summary>What masking changed in the statement's results; null when nothing was masked.</summary>
    public IReadOnlyList<MaskedValues>? Masked { get; init; }
}

/// <summary>
/// How many result values one mask changed: <see cref="What"/> is `column schema.table.column`,
/// `expression NAME` (a result column without an origin, masked whole) or `pattern NAME`.
/// </summary>
public sealed record MaskedValues(string What, string Function, long Values);

/// <summary>
/// One statement of a session: who ran it where, what it was, what the policy decided and how it ended
/// (docs/audit-format.md, kind `statement`). <see cref="Outcome"/> is null for a statement that never
/// reached the database's answer (the session ended first).
/// </summary>
public sealed record StatementEvent(
    string SessionId,
    DateTimeOffset At,
    long Sequence,
    string? Identity,
    string? Database,
    string Text,
    IReadOnlyList<string?>? Parameters,
    string StatementKind,
    IReadOnlyList<string> Tables,
    StatementDecision Decision,
    StatementOutcome? Outcome) : SessionEvent(SessionId, At)
{
    public override string Kind => "statement";

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteNumber("seq", Sequence);
        WriteOptional(writer, "identity", Identity);
        WriteOptional(writer, "database", Database);
        writer.WriteString("text", Text);
        if (Parameters is not null)
        {
            writer.WriteStartArray("parameters");
            foreach (var parameter in Parameters)
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

        writer.WriteString("statement_kind", StatementKind);
        WriteList(writer, "tables", Tables);
        writer.WriteString("decision", Decision.Verdict);
        WriteOptional(writer, "rule", Decision.Rule);
        WriteOptional(writer, "approval", Decision.Approval);
        if (Decision.Tags.Count > 0)
        {
            WriteList(writer, "tags", Decision.Tags);
        }

        if (Decision.WouldBlock.Count > 0)
        {
            WriteList(writer, "would_block", Decision.WouldBlock);
        }

        WriteOutcome(writer, Outcome);
    }

    internal static void WriteOutcome(Utf8JsonWriter writer, StatementOutcome? outcome)
    {
        if (outcome is null)
        {
            return;
        }

        writer.WriteNumber("duration_ms", Math.Round(outcome.Duration.TotalMilliseconds, 3));
        WriteOptional(writer, "command_tag", outcome.CommandTag);
        if (outcome.Rows is { } rows)
        {
            writer.WriteNumber("rows", rows);
        }

        WriteOptional(writer, "sqlstate", outcome.SqlState);
        WriteOptional(writer, "error", outcome.ErrorMessage);
        if (outcome.Masked is { Count: > 0 } masked)
        {
            writer.WriteStartArray("masked");
            foreach (var entry in masked)
            {
                writer.WriteStartObject();
                writer.WriteString("what", entry.What);
                writer.WriteString("function", entry.Function);
                writer.WriteNumber("values", entry.Values);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}

/// <summary>
/// How a statement ended, when its <see cref="StatementEvent"/> was committed before it ran (strict durability):
/// kind `statement_result`, joined to that event by session and <see cref="Sequence"/>.
/// </summary>
public sealed record StatementResultEvent(string SessionId, DateTimeOffset At, long Sequence, StatementOutcome? Outcome) : SessionEvent(SessionId, At)
{
    public override string Kind => "statement_result";

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteNumber("seq", Sequence);
        StatementEvent.WriteOutcome(writer, Outcome);
    }
}
