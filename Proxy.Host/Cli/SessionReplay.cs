using System.Globalization;
using System.Text;
using System.Text.Json;
using Proxy.Core.SessionLog;

namespace Proxy.Host.Cli;

/// <summary>
/// `proxy sessions replay`: a session as a timeline, one entry per event: the time since the session opened, the
/// statement as recorded (with its parameters, masked where the log holds them masked), the decision and the rule
/// that made it, rows, duration and the error the client saw. Kinds it has no layout for are shown with their fields.
/// </summary>
internal static class SessionReplay
{
    private const string Indent = "            ";

    /// <summary>One entry of the timeline: when, relative to the session's start, and its lines.</summary>
    internal sealed record Entry(TimeSpan Offset, string Text);

    public static string Header(SessionSummary session)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"session {session.Id}  {session.Identity ?? "-"}  via {session.Listener} ({session.Protocol})  from {session.ClientEndpoint} to {session.UpstreamEndpoint}\n");
        text.Append(CultureInfo.InvariantCulture, $"started {Time(session.StartedAt)}");
        if (session.EndedAt is { } ended)
        {
            text.Append(CultureInfo.InvariantCulture, $", ended {Time(ended)} ({session.CloseReason ?? "-"}, {(session.DurationMs is { } ms ? Milliseconds(ms) : "-")})\n");
        }
        else
        {
            text.Append(", still open\n");
        }

        return text.Append('\n').ToString();
    }

    public static IEnumerable<Entry> Entries(SessionSummary session, IEnumerable<StoredEvent> events)
    {
        foreach (var stored in events)
        {
            using var document = JsonDocument.Parse(stored.DataJson);
            var data = document.RootElement;
            var offset = stored.At - session.StartedAt;
            string text;
            switch (stored.Kind)
            {
                case "open":
                    text = $"open        {String(data, "client")} -> {String(data, "upstream")}";
                    break;
                case "statement":
                    // Recorded when the answer came: it started its duration earlier.
                    if (Number(data, "duration_ms") is { } ran)
                    {
                        offset -= TimeSpan.FromMilliseconds(ran);
                    }

                    text = Statement(data);
                    break;
                case "statement_result":
                    text = $"#{Number(data, "seq"):0}  ended  {Outcome(data) ?? "no answer: the session ended first"}";
                    break;
                case "close":
                    text = $"close       {String(data, "reason")}{(data.TryGetProperty("detail", out var detail) ? " (" + detail.GetString() + ")" : string.Empty)}"
                        + $" · {Number(data, "bytes_from_client"):0} bytes from client, {Number(data, "bytes_from_upstream"):0} from upstream";
                    break;
                case ApprovalRequested.KindName:
                    text = $"approval    {String(data, "id")} requested of {String(data, "by")} by rule {String(data, "rule")} ({String(data, "mode")})";
                    break;
                case var kind when ApprovalNames.FinalState(kind) is { } state:
                    text = $"approval    {String(data, "id")} {ApprovalNames.State(state).Replace('_', ' ')}"
                        + (data.TryGetProperty("by", out var by) ? " by " + by.GetString() : string.Empty)
                        + (data.TryGetProperty("reason", out var reason) ? ": " + reason.GetString() : string.Empty);
                    break;
                default:
                    text = $"{stored.Kind,-11} {Fields(data)}";
                    break;
            }

            yield return new Entry(offset < TimeSpan.Zero ? TimeSpan.Zero : offset, text);
        }
    }

    /// <summary>
    /// Writes the timeline. With <paramref name="speed"/> above 0 it waits between entries as long as the session did,
    /// divided by the speed (2: twice as fast); 0 prints it all at once.
    /// </summary>
    public static async Task WriteAsync(SessionSummary session, IEnumerable<StoredEvent> events, TextWriter output, double speed, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Header(session)).ConfigureAwait(false);
        var previous = TimeSpan.Zero;
        // In order of when things began: a held statement starts before its approval is asked and given, and is recorded after.
        foreach (var entry in Entries(session, events).OrderBy(e => e.Offset))
        {
            if (speed > 0 && entry.Offset > previous)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay((entry.Offset - previous) / speed, cancellationToken).ConfigureAwait(false);
            }

            previous = entry.Offset > previous ? entry.Offset : previous;
            await output.WriteAsync(Line(entry)).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static string Line(Entry entry)
    {
        var lines = entry.Text.Split('\n');
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"+" + entry.Offset.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s",10}  {lines[0]}\n");
        foreach (var line in lines.Skip(1))
        {
            text.Append(Indent).Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string Statement(JsonElement data)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#{Number(data, "seq"):0}  ");
        var sql = String(data, "text").ReplaceLineEndings("\n").TrimEnd();
        text.Append(sql.Replace("\n", "\n" + "    ", StringComparison.Ordinal));
        if (data.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
        {
            text.Append("\n    parameters: ");
            text.AppendJoin(", ", parameters.EnumerateArray().Select((p, i) =>
                $"${i + 1}=" + (p.ValueKind == JsonValueKind.Null ? "NULL" : "'" + p.GetString() + "'")));
        }

        var decision = String(data, "decision");
        text.Append("\n    ").Append(decision).Append(" by ").Append(data.TryGetProperty("rule", out var rule) ? rule.GetString() : "default");
        if (data.TryGetProperty("would_block", out var wouldBlock))
        {
            text.Append(" (audit: would be blocked by ").AppendJoin(", ", wouldBlock.EnumerateArray().Select(r => r.GetString())).Append(')');
        }

        if (data.TryGetProperty("tags", out var tags))
        {
            text.Append(" [").AppendJoin(", ", tags.EnumerateArray().Select(t => t.GetString())).Append(']');
        }

        if (Outcome(data) is { } outcome)
        {
            text.Append(" · ").Append(outcome);
        }
        else if (!data.TryGetProperty("duration_ms", out _))
        {
            text.Append(" · no answer recorded");
        }

        // The values themselves are never recorded: what was masked, how, and how many.
        if (data.TryGetProperty("masked", out var masked) && masked.ValueKind == JsonValueKind.Array)
        {
            text.Append("\n    masked: ").AppendJoin(", ", masked.EnumerateArray().Select(m =>
                $"{String(m, "what")} with {String(m, "function")} ({(Number(m, "values") is 1 ? "1 value" : $"{Number(m, "values"):0} values")})"));
        }

        return text.ToString();
    }

    /// <summary>`SELECT 3 · 3 rows · 1.2ms`, or `error 42501: …`; null when the event has no outcome fields.</summary>
    private static string? Outcome(JsonElement data)
    {
        if (Number(data, "duration_ms") is not { } duration)
        {
            return null;
        }

        var parts = new List<string>(4);
        if (data.TryGetProperty("sqlstate", out var sqlState) || data.TryGetProperty("error", out _))
        {
            parts.Add($"error {(sqlState.ValueKind == JsonValueKind.String ? sqlState.GetString() : "-")}: {String(data, "error")}");
        }
        else if (data.TryGetProperty("command_tag", out var tag))
        {
            parts.Add(tag.GetString()!);
        }

        if (Number(data, "rows") is { } rows)
        {
            parts.Add(rows == 1 ? "1 row" : $"{rows:0} rows");
        }

        parts.Add(Milliseconds(duration));
        return string.Join(" · ", parts);
    }

    private static string Fields(JsonElement data) =>
        data.ValueKind != JsonValueKind.Object
            ? data.GetRawText()
            : string.Join("  ", data.EnumerateObject().Select(p => p.Name + "=" + (p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())));

    private static string String(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "-";

    private static double? Number(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string Milliseconds(double ms) =>
        ms < 1000 ? ms.ToString("0.0", CultureInfo.InvariantCulture) + "ms" : (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + "s";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "Z";
}
