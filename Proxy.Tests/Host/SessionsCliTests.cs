using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.Approvals;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Host;

/// <summary>
/// `proxy sessions replay|export|prune` as processes over a session log the real writer made, with fixed timestamps
/// so the replay can be compared with a snapshot byte for byte.
/// </summary>
[NonParallelizable]
public sealed class SessionsCliTests
{
    private const string RecentId = "0193a111-0000-7000-8000-000000000001";
    private const string OldId = "0193a000-0000-7000-8000-000000000002";
    private const string OpenId = "0193a000-0000-7000-8000-000000000003";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Recent enough that --since 1h keeps it out and nothing prunes it; fixed to the tick so the replay is deterministic.
    private static readonly DateTimeOffset RecentStart = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    private string _directory = null!;

    private string DataDirectory => Path.Combine(_directory, "data");

    private static string SnapshotPath => Path.Combine(AppContext.BaseDirectory, "Host", "Snapshots", "session-replay.txt");

    private static string SourceSnapshotPath([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", "session-replay.txt");

    [SetUp]
    public async Task WriteLogAsync()
    {
        _directory = Directory.CreateTempSubdirectory("proxy-sessions-cli-").FullName;
        await using var log = SqliteSessionLog.Open(Path.Combine(DataDirectory, "sessions.db"), Durability.Normal, NullLogger.Instance);
        foreach (var sessionEvent in RecentSession().Concat(OldSession()).Concat(OpenSession()))
        {
            Assert.That(log.TryAppend(sessionEvent), Is.True);
        }

        await log.FlushAsync();
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(120_000)]
    public async Task Replay_renders_the_session_as_the_snapshot_timeline()
    {
        var result = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "replay", RecentId[..8], "--data", DataDirectory);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            // After a deliberate change of the layout: rewrite the checked-in snapshot, then review its diff.
            await File.WriteAllTextAsync(SourceSnapshotPath(), result.StandardOutput);
        }

        Assert.That(result.StandardOutput, Is.EqualTo(await File.ReadAllTextAsync(SnapshotPath)), $"actual replay:\n{result.StandardOutput}");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Replay_at_a_speed_prints_the_same_timeline_and_rejects_a_negative_speed()
    {
        // 5.5 s of session at 100x: about 55 ms of waiting in all.
        var fast = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "replay", RecentId, "--speed", "100", "--data", DataDirectory);
        Assert.That(fast.ExitCode, Is.Zero, fast.ToString());
        Assert.That(fast.StandardOutput, Is.EqualTo(await File.ReadAllTextAsync(SnapshotPath)));

        var negative = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "replay", RecentId, "--speed", "-1", "--data", DataDirectory);
        Assert.That(negative.ExitCode, Is.EqualTo(2));
        Assert.That(negative.StandardError, Does.Contain("--speed must be 0 (at once) or a positive number"));

        var missing = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "replay", "ffff", "--data", DataDirectory);
        Assert.That(missing.ExitCode, Is.EqualTo(1));
        Assert.That(missing.StandardError, Does.Contain("no session matches 'ffff'"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Export_writes_json_lines_and_csv_of_the_same_events()
    {
        var jsonl = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "export", "--format", "jsonl", "--session", RecentId, "--data", DataDirectory);
        Assert.That(jsonl.ExitCode, Is.Zero, jsonl.ToString());
        var lines = jsonl.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.That(lines.Select(l => l.GetProperty("kind").GetString()), Is.EqualTo(RecentSession().Select(e => e.Kind)));

        var csv = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "export", "--format", "csv", "--session", RecentId, "--data", DataDirectory);
        Assert.That(csv.ExitCode, Is.Zero, csv.ToString());
        var rows = ParseCsv(csv.StandardOutput);
        Assert.That(rows[0], Is.EqualTo(SessionLogReader.CsvColumns));
        Assert.That(rows, Has.Count.EqualTo(lines.Length + 1));
        for (var i = 0; i < lines.Length; i++)
        {
            var row = rows[i + 1];
            Assert.That(row[0], Is.EqualTo(lines[i].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(row[3], Is.EqualTo(lines[i].GetProperty("kind").GetString()));
            Assert.That(JsonDocument.Parse(row[^1]).RootElement.GetRawText(), Is.EqualTo(lines[i].GetProperty("data").GetRawText()), "data holds the whole event");
        }

        // The multi-line statement with a comma and quotes survives the quoting whole.
        var multiLine = rows.Single(r => r[3] == "statement" && r[7].Contains('\n', StringComparison.Ordinal));
        Assert.That(multiLine[7], Is.EqualTo("update accounts\n   set note = 'a, \"quoted\" note'\n where id = 7"));
        Assert.That(multiLine[8], Is.EqualTo("approve"));
        Assert.That(multiLine[10], Is.EqualTo("1"));
        var blocked = rows.Single(r => r[8] == "block");
        Assert.That((blocked[12], blocked[13]), Is.EqualTo(("42501", "no DROP here")));

        // --since: the old session's events are before it, the recent ones after.
        var since = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "export", "--format", "csv", "--since", "2026-11-01T00:00:00Z", "--data", DataDirectory);
        var sinceRows = ParseCsv(since.StandardOutput);
        Assert.That(sinceRows.Skip(1).Select(r => r[1]).Distinct(), Is.EquivalentTo(new[] { RecentId }));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Prune_removes_sessions_that_ended_before_the_cutoff_never_an_open_one_while_the_writer_keeps_writing()
    {
        var path = Path.Combine(DataDirectory, "sessions.db");
        var dry = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "prune", "--older-than", "30d", "--dry-run", "--data", DataDirectory);
        Assert.That(dry.ExitCode, Is.Zero, dry.ToString());
        Assert.That(dry.StandardOutput, Does.Contain($"would remove {OldId}"));
        Assert.That(dry.StandardOutput, Does.Contain("1 session(s) ended before"));
        using (var reader = SessionLogReader.Open(path))
        {
            Assert.That(reader.FindSession(OldId), Is.Not.Null, "a dry run removes nothing");
        }

        // A running proxy's writer, appending all along: the prune takes the write lock in turns with it.
        await using var log = SqliteSessionLog.Open(path, Durability.Normal, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var appended = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var at = DateTimeOffset.UtcNow;
                log.TryAppend(new StatementEvent(RecentId, at, 1000 + appended, "alice", "app", "select 1", null, "select", [], new StatementDecision("allow", null, [], []), null));
                appended++;
                await Task.Delay(2);
            }
        });

        var prune = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "prune", "--older-than", "30d", "--data", DataDirectory);
        await stop.CancelAsync();
        await writer;
        await log.FlushAsync();

        Assert.That(prune.ExitCode, Is.Zero, prune.ToString());
        Assert.That(prune.StandardOutput, Does.Contain($"removed {OldId}"));
        Assert.That(prune.StandardOutput, Does.Contain($"removed 1 session(s) ended before").And.Contain($"and their {OldSession().Count()} event(s)"));
        using (var reader = SessionLogReader.Open(path))
        {
            Assert.That(reader.FindSession(OldId), Is.Null);
            Assert.That(reader.ReadEvents(OldId).Count(), Is.Zero);
            Assert.That(reader.FindSession(OpenId), Is.Not.Null, "an open session is never pruned, however old");
            Assert.That(reader.FindSession(RecentId), Is.Not.Null);
            Assert.That(reader.ReadEvents(RecentId).Count(e => e.Kind == "statement"), Is.EqualTo(3 + appended), "every event written during the prune was committed");
        }

        var bad = await ProxyProcess.RunToExitSeparatelyAsync(_directory, Timeout, "sessions", "prune", "--older-than", "soon", "--data", DataDirectory);
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.StandardError, Does.Contain("--older-than 'soon'"));
    }

    /// <summary>The snapshot's session: open, a read with a masked parameter, a refused DROP, a held UPDATE approved, close.</summary>
    private static IEnumerable<SessionEvent> RecentSession()
    {
        var t = RecentStart;
        yield return new SessionOpened(new SessionInfo(RecentId, "pg", "postgres", "127.0.0.1:50000", "127.0.0.1:5432", t));
        yield return new StatementEvent(
            RecentId, t.AddMilliseconds(1250.5), 1, "alice", "app", "select email from users where id = $1", ["****@example.com"], "select", ["users"],
            new StatementDecision("allow", "mask_emails", ["pii"], []),
            new StatementOutcome(TimeSpan.FromMilliseconds(2.5), "SELECT 1", 1, null, null));
        yield return new StatementEvent(
            RecentId, t.AddMilliseconds(2000), 2, "alice", "app", "drop table users", null, "drop", ["users"],
            new StatementDecision("block", "no_drops", [], []),
            new StatementOutcome(TimeSpan.FromMilliseconds(0.2), null, null, "42501", "no DROP here"));
        var ask = new ApprovalAsk(RecentId, "alice", "app", "update accounts set note = ? where id = ?", "update accounts set note = ? where id = ?", "writes_need_approval", null, "dba", ApprovalMode.Hold, TimeSpan.FromMinutes(5), TimeSpan.Zero);
        yield return new ApprovalRequested("apr_abcdefghij", ask, t.AddMilliseconds(2500), t.AddMinutes(5.5));
        yield return new ApprovalResolved(RecentId, t.AddMilliseconds(4500), "apr_abcdefghij", ApprovalState.Approved, "alice", "bob", "ticket OPS-12", null);
        yield return new StatementEvent(
            RecentId, t.AddMilliseconds(4510), 3, "alice", "app", "update accounts\n   set note = 'a, \"quoted\" note'\n where id = 7", null, "update", ["accounts"],
            new StatementDecision("approve", "writes_need_approval", [], []),
            new StatementOutcome(TimeSpan.FromMilliseconds(2010), "UPDATE 1", 1, null, null));
        yield return new SessionClosed(RecentId, t.AddMilliseconds(5500), CloseReason.ClientClosed, null, "alice", 812, 2048, TimeSpan.FromMilliseconds(5500));
    }

    private static IEnumerable<SessionEvent> OldSession()
    {
        var t = DateTimeOffset.UtcNow.AddDays(-40);
        yield return new SessionOpened(new SessionInfo(OldId, "pg", "postgres", "127.0.0.1:50001", "127.0.0.1:5432", t));
        yield return new StatementEvent(OldId, t.AddSeconds(1), 1, "bob", "app", "select 1", null, "select", [], new StatementDecision("allow", null, [], []),
            new StatementOutcome(TimeSpan.FromMilliseconds(1), "SELECT 1", 1, null, null));
        yield return new SessionClosed(OldId, t.AddSeconds(2), CloseReason.ClientClosed, null, "bob", 10, 20, TimeSpan.FromSeconds(2));
    }

    /// <summary>Opened 60 days ago and never closed (say the proxy was killed): not prunable.</summary>
    private static IEnumerable<SessionEvent> OpenSession()
    {
        yield return new SessionOpened(new SessionInfo(OpenId, "pg", "postgres", "127.0.0.1:50002", "127.0.0.1:5432", DateTimeOffset.UtcNow.AddDays(-60)));
    }

    /// <summary>RFC 4180: CRLF between records, fields quoted when they hold a comma, a quote or a line break.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.That(quoted, Is.False, "an unterminated quoted field");
        Assert.That(field.Length + row.Count, Is.Zero, "the last record must end with CRLF");
        return rows;
    }
}
