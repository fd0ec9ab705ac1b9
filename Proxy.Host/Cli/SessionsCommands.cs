using System.CommandLine;
using System.Globalization;
using System.Text;
using Proxy.Core.SessionLog;
using Proxy.Host.Configuration;
using Proxy.Protocols;

namespace Proxy.Host.Cli;

/// <summary>`proxy sessions list|show|export`: read the session log (safe while the proxy runs).</summary>
internal static class SessionsCommands
{
    private static readonly string[] ListHeader = ["ID", "STARTED (UTC)", "LISTENER", "CLIENT", "IDENTITY", "DURATION", "FROM CLIENT", "FROM UPSTREAM", "CLOSE"];

    public static Command Build()
    {
        var sessions = new Command("sessions", "Inspect recorded sessions.");
        sessions.Subcommands.Add(BuildList());
        sessions.Subcommands.Add(BuildShow());
        sessions.Subcommands.Add(BuildExport());
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

    private static Command BuildExport()
    {
        var data = DataOption();
        var config = ConfigOption();
        var since = SinceOption();
        var format = new Option<string>("--format") { Description = "Output format (docs/audit-format.md).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        var session = new Option<string?>("--session") { Description = "Only this session (id or unique prefix)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export events, one JSON object per line, for a SIEM or an audit.") { format, session, since, output, data, config };
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
            var count = SessionLogReader.WriteJsonLines(reader.ReadEvents(sessionId, from), stream);

            if (path is not null)
            {
                Console.Error.WriteLine($"proxy: wrote {count} events to {path}");
            }

            return 0;
        }));
        return command;
    }

    private static int WithReader(ParseResult parse, Option<string?> data, Option<string?> config, Func<SessionLogReader, int> action)
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

            return ProxyCommandLine.InvalidConfiguration;
        }

        try
        {
            using var reader = SessionLogReader.Open(loaded.Options!.SessionLogPath);
            return action(reader);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine($"proxy: {ex.Message}");
            return 1;
        }
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
