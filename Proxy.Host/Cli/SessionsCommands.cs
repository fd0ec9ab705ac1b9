using System.CommandLine;
using System.Globalization;
using System.Text;
using Proxy.Core.SessionLog;
using Proxy.Host.Configuration;
using Proxy.Protocols;

namespace Proxy.Host.Cli;

/// <summary>`proxy sessions list|show|replay|export|prune`: read (and prune) the session log, safe while the proxy runs.</summary>
internal static class SessionsCommands
{
    private static readonly string[] ListHeader = ["ID", "STARTED (UTC)", "LISTENER", "CLIENT", "IDENTITY", "DURATION", "FROM CLIENT", "FROM UPSTREAM", "CLOSE"];

    public static Command Build()
    {
        var sessions = new Command("sessions", "Inspect recorded sessions.");
        sessions.Subcommands.Add(BuildList());
        sessions.Subcommands.Add(BuildShow());
        sessions.Subcommands.Add(BuildReplay());
        sessions.Subcommands.Add(BuildExport());
        sessions.Subcommands.Add(BuildPrune());
        return sessions;
    }

    private static Option<string?> DataOption() => new("--data") { Description = "Data directory (default: the --config file's DataDirectory, else ./data)." };

    private static Option<string?> ConfigOption() => new("--config", "-c") { Description = "Read DataDirectory from this configuration file." };

    private static Option<string?> SinceOption() => new("--since") { Description = "Only sessions/events at or after T: an ISO 8601 time, or a duration ago (30m, 24h)." };

    private static Command BuildList()
    {
        var data = DataOption();
        var config = ConfigOption();
        var since = SinceOption();
        var limit = new Option<int>("--limit") { Description = "Newest N sessions.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List sessions, newest first.") { data, config, since, limit };
        command.SetAction(parse => WithReader(parse, data, config, reader =>
        {
            if (!TryParseSince(parse.GetValue(since), out var from))
            {
                return ProxyCommandLine.InvalidConfiguration;
            }

            var rows = reader.ListSessions(parse.GetValue(limit), from);
            var table = new List<string[]> { ListHeader };
            table.AddRange(rows.Select(s => new[]
            {
                s.Id,
                s.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                s.Listener,
                s.ClientEndpoint,
                s.Identity ?? "-",
                s.DurationMs is { } ms ? FormatDuration(ms) : "open",
                s.BytesFromClient is { } fromClient ? FormatBytes(fromClient) : "-",
                s.BytesFromUpstream is { } fromUpstream ? FormatBytes(fromUpstream) : "-",
                s.CloseReason ?? "-",
            }));
            Console.Out.Write(FormatTable(table));
            return 0;
        }));
        return command;
    }

    private static Command BuildShow()
    {
        var data = DataOption();
        var config = ConfigOption();
        var id = new Argument<string>("id") { Description = "Session id, or a unique prefix of it." };
        var command = new Command("show", "Show one session and its events.") { id, data, config };
        command.SetAction(parse => WithReader(parse, data, config, reader =>
        {
            var session = reader.FindSession(parse.GetValue(id)!);
            if (session is null)
            {
                Console.Error.WriteLine($"proxy: no session matches '{parse.GetValue(id)}'");
                return 1;
            }

            var output = new StringBuilder();
            output.AppendLine(CultureInfo.InvariantCulture, $"session   {session.Id}");
            output.AppendLine(CultureInfo.InvariantCulture, $"listener  {session.Listener} ({session.Protocol})");
            output.AppendLine(CultureInfo.InvariantCulture, $"client    {session.ClientEndpoint}");
            output.AppendLine(CultureInfo.InvariantCulture, $"upstream  {session.UpstreamEndpoint}");
            output.AppendLine(CultureInfo.InvariantCulture, $"identity  {session.Identity ?? "-"}");
            output.AppendLine(CultureInfo.InvariantCulture, $"started   {session.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}Z");
            output.AppendLine(CultureInfo.InvariantCulture, $"ended     {(session.EndedAt is { } ended ? ended.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "Z" : "still open")}");
            if (session.DurationMs is { } duration)
            {
                output.AppendLine(CultureInfo.InvariantCulture, $"duration  {FormatDuration(duration)}");
                output.AppendLine(CultureInfo.InvariantCulture, $"bytes     {session.BytesFromClient} from client, {session.BytesFromUpstream} from upstream");
                output.AppendLine(CultureInfo.InvariantCulture, $"close     {session.CloseReason}{(session.CloseDetail is null ? string.Empty : " (" + session.CloseDetail + ")")}");
            }

            output.AppendLine();
            output.AppendLine("events");
            foreach (var stored in reader.ReadEvents(session.Id))
            {
                var offset = (stored.At - session.StartedAt).TotalSeconds;
                output.AppendLine(CultureInfo.InvariantCulture, $"  +{offset,10:0.000000}s  {stored.Kind,-8} {stored.DataJson}");
            }

            Console.Out.Write(output.ToString());
            return 0;
        }));
        return command;
    }

    private static Command BuildReplay()
    {
        var data = DataOption();
        var config = ConfigOption();
        var id = new Argument<string>("id") { Description = "Session id, or a unique prefix of it." };
        var speed = new Option<double>("--speed")
        {
            Description = "Replay in real time divided by N (1: as it happened, 10: ten times faster); 0 prints it at once.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("replay", "Show a session as a timeline: time since it opened, each statement as recorded, decision and rule, rows, duration, errors.")
        {
            id, speed, data, config,
        };
        command.SetAction((parse, cancellationToken) => WithReaderAsync(parse, data, config, async reader =>
        {
            if (parse.GetValue(speed) is var factor && (factor < 0 || double.IsNaN(factor) || double.IsInfinity(factor)))
            {
                await Console.Error.WriteLineAsync($"proxy: --speed must be 0 (at once) or a positive number, not {factor.ToString(CultureInfo.InvariantCulture)}").ConfigureAwait(false);
                return ProxyCommandLine.InvalidConfiguration;
            }

            var session = reader.FindSession(parse.GetValue(id)!);
            if (session is null)
            {
                await Console.Error.WriteLineAsync($"proxy: no session matches '{parse.GetValue(id)}'").ConfigureAwait(false);
                return 1;
            }

            // Read whole before replaying: a slow replay must not hold a read transaction open on the live log.
            var events = reader.ReadEvents(session.Id).ToList();
            try
            {
                await SessionReplay.WriteAsync(session, events, Console.Out, factor, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return 130;
            }

            return 0;
        }));
        return command;
    }

    private static Command BuildPrune()
    {
        var data = DataOption();
        var config = ConfigOption();
        var olderThan = new Option<string>("--older-than") { Description = "Remove sessions that ended longer ago than this (30d, 12h).", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what would be removed." };
        var command = new Command("prune", "Delete sessions that ended before the cutoff, with their events; open sessions are never touched. Safe while the proxy runs.")
        {
            olderThan, dryRun, data, config,
        };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(olderThan)!;
            if (!TryParseAge(text, out var age) || age <= TimeSpan.Zero)
            {
                Console.Error.WriteLine($"proxy: --older-than '{text}': expected a duration such as 30d, 12h or 90m");
                return ProxyCommandLine.InvalidConfiguration;
            }

            var cutoff = DateTimeOffset.UtcNow - age;
            if (parse.GetValue(dryRun))
            {
                return WithReader(parse, data, config, reader =>
                {
                    // The listing is bounded; a dry run is for a look, the prune itself has no limit.
                    var candidates = reader.ListSessions(100_000).Where(s => s.EndedAt is { } ended && ended < cutoff).ToList();
                    Console.Out.Write(FormatPruned(candidates, events: null, cutoff, dryRun: true));
                    return 0;
                });
            }

            return WithLogPath(parse, data, config, path =>
            {
                var result = SessionLogPruner.Prune(path, cutoff);
                Console.Out.Write(FormatPruned(result.Sessions, result.Events, cutoff, dryRun: false));
                return 0;
            });
        });
        return command;
    }

    /// <summary>A retention age: a duration (12h, 90m) or whole days (30d), the unit retention is usually given in.</summary>
    internal static bool TryParseAge(string text, out TimeSpan age)
    {
        if (text.EndsWith('d') && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            age = TimeSpan.FromDays(days);
            return true;
        }

        return Duration.TryParse(text, out age);
    }

    internal static string FormatPruned(IReadOnlyList<SessionSummary> sessions, long? events, DateTimeOffset cutoff, bool dryRun)
    {
        var text = new StringBuilder();
        foreach (var session in sessions)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{(dryRun ? "would remove" : "removed")} {session.Id}  {session.Identity ?? "-"}  started {session.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  ended {session.EndedAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        }

        var cut = cutoff.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        text.AppendLine(dryRun
            ? $"{sessions.Count} session(s) ended before {cut}Z would be removed"
            : $"removed {sessions.Count} session(s) ended before {cut}Z and their {events} event(s)");
        return text.ToString();
    }

    private static Command BuildExport()
    {
        var data = DataOption();
        var config = ConfigOption();
        var since = SinceOption();
        var format = new Option<string>("--format") { Description = "Output format (docs/audit-format.md).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var session = new Option<string?>("--session") { Description = "Only this session (id or unique prefix)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export events for a SIEM or an audit: JSON Lines (one object per line) or CSV with a header line.") { format, session, since, output, data, config };
        command.SetAction(parse => WithReader(parse, data, config, reader =>
        {
            if (!TryParseSince(parse.GetValue(since), out var from))
            {
                return ProxyCommandLine.InvalidConfiguration;
            }

            string? sessionId = null;
            if (parse.GetValue(session) is { } wanted)
            {
                sessionId = reader.FindSession(wanted)?.Id;
                if (sessionId is null)
                {
                    Console.Error.WriteLine($"proxy: no session matches '{wanted}'");
                    return 1;
                }
            }

            var path = parse.GetValue(output);
            using var stream = path is null ? Console.OpenStandardOutput() : File.Create(path);
            long count;
            if (parse.GetValue(format) == "csv")
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                count = SessionLogReader.WriteCsv(reader.ReadEvents(sessionId, from), writer);
            }
            else
            {
                count = SessionLogReader.WriteJsonLines(reader.ReadEvents(sessionId, from), stream);
            }

            if (path is not null)
            {
                Console.Error.WriteLine($"proxy: wrote {count} events to {path}");
            }

            return 0;
        }));
        return command;
    }

    private static int WithReader(ParseResult parse, Option<string?> data, Option<string?> config, Func<SessionLogReader, int> action) =>
        WithReaderAsync(parse, data, config, reader => Task.FromResult(action(reader))).GetAwaiter().GetResult();

    private static async Task<int> WithReaderAsync(ParseResult parse, Option<string?> data, Option<string?> config, Func<SessionLogReader, Task<int>> action)
    {
        var path = SessionLogPath(parse, data, config);
        if (path is null)
        {
            return ProxyCommandLine.InvalidConfiguration;
        }

        try
        {
            using var reader = SessionLogReader.Open(path);
            return await action(reader).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"proxy: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static int WithLogPath(ParseResult parse, Option<string?> data, Option<string?> config, Func<string, int> action)
    {
        var path = SessionLogPath(parse, data, config);
        if (path is null)
        {
            return ProxyCommandLine.InvalidConfiguration;
        }

        try
        {
            return action(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"proxy: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The session log the --data or --config options name; null (reported) when the configuration is invalid.</summary>
    private static string? SessionLogPath(ParseResult parse, Option<string?> data, Option<string?> config)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (parse.GetValue(data) is { } dataDirectory)
        {
            overrides["DataDirectory"] = dataDirectory;
        }

        var loaded = ConfigurationLoader.Load(
            new ConfigurationSources { ConfigFile = parse.GetValue(config), Environment = ConfigurationSources.ReadEnvironment(), Overrides = overrides },
            ProtocolCatalog.Names,
            requireListeners: false);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            return null;
        }

        return loaded.Options!.SessionLogPath;
    }

    private static bool TryParseSince(string? text, out DateTimeOffset? since)
    {
        since = null;
        if (text is null)
        {
            return true;
        }

        if (Duration.TryParse(text, out var ago) && !text.Contains('-', StringComparison.Ordinal))
        {
            since = DateTimeOffset.UtcNow - ago;
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            since = at;
            return true;
        }

        Console.Error.WriteLine($"proxy: --since '{text}': expected an ISO 8601 time (2026-11-22T08:00:00Z) or a duration ago (30m, 24h)");
        return false;
    }

    private static string FormatDuration(double milliseconds) =>
        milliseconds < 1000 ? $"{milliseconds:0.#}ms" : TimeSpan.FromMilliseconds(milliseconds) switch
        {
            { TotalMinutes: < 1 } t => $"{t.TotalSeconds:0.00}s",
            { TotalHours: < 1 } t => $"{(int)t.TotalMinutes}m{t.Seconds:00}s",
            var t => $"{(int)t.TotalHours}h{t.Minutes:00}m",
        };

    private static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB",
    };

    private static string FormatTable(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                text.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
