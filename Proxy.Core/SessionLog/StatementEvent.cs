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
        writer.WriteNumber(StatementJsonNames.Seq, Sequence);
        WriteOptional(writer, StatementJsonNames.Identity, Identity);
        WriteOptional(writer, StatementJsonNames.Database, Database);
        writer.WriteString(StatementJsonNames.Text, Text);
        if (Parameters is { } parameters)
        {
            // By index: foreach over the interface allocated an enumerator per list per event.
            writer.WriteStartArray(StatementJsonNames.Parameters);
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
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

        writer.WriteString(StatementJsonNames.StatementKind, StatementKind);
        WriteList(writer, StatementJsonNames.Tables, Tables);
        writer.WriteString(StatementJsonNames.Decision, Decision.Verdict);
        WriteOptional(writer, StatementJsonNames.Rule, Decision.Rule);
        WriteOptional(writer, StatementJsonNames.Approval, Decision.Approval);
        if (Decision.Tags.Count > 0)
        {
            WriteList(writer, StatementJsonNames.Tags, Decision.Tags);
        }

        if (Decision.WouldBlock.Count > 0)
        {
            WriteList(writer, StatementJsonNames.WouldBlock, Decision.WouldBlock);
        }

        WriteOutcome(writer, Outcome);
    }

    internal static void WriteOutcome(Utf8JsonWriter writer, StatementOutcome? outcome)
    {
        if (outcome is null)
        {
            return;
        }

        JsonMilliseconds.Write(writer, StatementJsonNames.DurationMs, outcome.Duration);
        WriteOptional(writer, StatementJsonNames.CommandTag, outcome.CommandTag);
        if (outcome.Rows is { } rows)
        {
            writer.WriteNumber(StatementJsonNames.Rows, rows);
        }

        WriteOptional(writer, StatementJsonNames.Sqlstate, outcome.SqlState);
        WriteOptional(writer, StatementJsonNames.Error, outcome.ErrorMessage);
        if (outcome.Masked is { Count: > 0 } masked)
        {
            writer.WriteStartArray(StatementJsonNames.Masked);
            foreach (var entry in masked)
            {
                writer.WriteStartObject();
                writer.WriteString(StatementJsonNames.What, entry.What);
                writer.WriteString(StatementJsonNames.Function, entry.Function);
                writer.WriteNumber(StatementJsonNames.Values, entry.Values);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            writer.WriteStringValue(values[i]);
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
        writer.WriteNumber(StatementJsonNames.Seq, Sequence);
        StatementEvent.WriteOutcome(writer, Outcome);
    }
}

/// <summary>
/// Property names of statement events, encoded once: written as strings, every name of every event was
/// validated and transcoded again on the writer thread.
/// </summary>
internal static class StatementJsonNames
{
    public static readonly JsonEncodedText Approval = JsonEncodedText.Encode("approval");

    public static readonly JsonEncodedText CommandTag = JsonEncodedText.Encode("command_tag");

    public static readonly JsonEncodedText Database = JsonEncodedText.Encode("database");

    public static readonly JsonEncodedText Decision = JsonEncodedText.Encode("decision");

    public static readonly JsonEncodedText DurationMs = JsonEncodedText.Encode("duration_ms");

    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");

    public static readonly JsonEncodedText Function = JsonEncodedText.Encode("function");

    public static readonly JsonEncodedText Identity = JsonEncodedText.Encode("identity");

    public static readonly JsonEncodedText Masked = JsonEncodedText.Encode("masked");

    public static readonly JsonEncodedText Parameters = JsonEncodedText.Encode("parameters");

    public static readonly JsonEncodedText Rows = JsonEncodedText.Encode("rows");

    public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");

    public static readonly JsonEncodedText Seq = JsonEncodedText.Encode("seq");

    public static readonly JsonEncodedText Sqlstate = JsonEncodedText.Encode("sqlstate");

    public static readonly JsonEncodedText StatementKind = JsonEncodedText.Encode("statement_kind");

    public static readonly JsonEncodedText Tables = JsonEncodedText.Encode("tables");

    public static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");

    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");

    public static readonly JsonEncodedText Values = JsonEncodedText.Encode("values");

    public static readonly JsonEncodedText What = JsonEncodedText.Encode("what");

    public static readonly JsonEncodedText WouldBlock = JsonEncodedText.Encode("would_block");
}
