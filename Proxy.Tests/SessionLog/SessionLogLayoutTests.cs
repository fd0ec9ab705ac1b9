using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.Sessions;
using Proxy.Core.SessionLog;
using static Proxy.Tests.SessionLog.SessionLogTestSupport;

namespace Proxy.Tests.SessionLog;

/// <summary>
/// Schema v2's read paths: a session through its runs of ids (session_spans), <c>since</c> through the running
/// maximum per commit (event_batches), pruning both, and a v1 file migrated in place.
/// </summary>
[TestFixture]
public sealed class SessionLogLayoutTests : SessionLogFileTests
{
    private const int MigratedEventId = 2001;

    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_long_session_interleaved_with_busy_ones_is_read_whole_through_runs_no_longer_than_the_gap_allows()
    {
        var expected = new List<string>();
        var counts = new Dictionary<string, int>();
        var label = 0;
        var at = T0;
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance))
        {
            // One event of "long" every `every` events, the rest from three busy sessions: 9 others between two of
            // its events keep one run, Gap (256) still do, more start a new one.
            foreach (var every in new[] { 10, 2 * SessionSpans.Gap + 88, SessionSpans.Gap + 1, SessionSpans.Gap + 2 })
            {
                for (var i = 0; i < 5 * every; i++)
                {
                    var session = i % every == every - 1 ? "long" : $"busy{i % 3}";
                    var text = $"{session}-{label++}";
                    at = at.AddMilliseconds(1);
                    Assert.That(log.TryAppend(new TestEvent(session, at, text)), Is.True);
                    counts[session] = counts.GetValueOrDefault(session) + 1;
                    if (session == "long")
                    {
                        expected.Add(text);
                    }
                }

                // A commit boundary inside the pattern: runs carry over from one batch to the next.
                await log.FlushAsync();
            }
        }

        // A new writer knows no open run: the next event starts one, however close to the last.
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance))
        {
            await log.AppendCommittedAsync(new TestEvent("long", at.AddMilliseconds(1), "long-after-restart"));
            expected.Add("long-after-restart");
        }

        using var reader = SessionLogReader.Open(DatabasePath);
        var events = reader.ReadEvents("long").ToList();
        Assert.That(Labels(events), Is.EqualTo(expected));
        Assert.That(events.Select(e => e.Id), Is.Ordered.Ascending);
        Assert.That(reader.LastEventId("long"), Is.EqualTo(events[^1].Id));
        Assert.That(reader.LastEventId("nobody"), Is.Zero);

        // Paged from every cursor the admin API can hold: no gap, no repeat.
        var paged = new List<StoredEvent>();
        for (var after = 0L; ;)
        {
            var page = reader.ReadEventsAfter("long", after, 4);
            if (page.Count == 0)
            {
                break;
            }

            paged.AddRange(page);
            after = page[^1].Id;
        }

        Assert.That(paged.Select(e => e.Id), Is.EqualTo(events.Select(e => e.Id)));
        Assert.That(reader.ReadEventsAfter("long", events[7].Id - 1, 2).Select(e => e.Id), Is.EqualTo(new[] { events[7].Id, events[8].Id }));

        // 1 run for the every-10 stretch, 5 for the sparse one (the last extended by the Gap + 1 stretch), 5 for
        // the Gap + 2 one, 1 after the restart.
        var runs = Runs("long");
        Assert.That(runs, Has.Count.EqualTo(12));
        AssertRunsCover("long", runs, events);
        foreach (var busy in new[] { "busy0", "busy1", "busy2" })
        {
            Assert.That(Runs(busy), Has.Count.EqualTo(1), $"{busy} keeps one run");
            Assert.That(reader.ReadEvents(busy).Count(), Is.EqualTo(counts[busy]), busy);
        }
    }

    [Test]
    public async Task Since_finds_every_event_at_or_after_it_when_timestamps_and_commit_order_disagree()
    {
        // Producers stamp an event, then queue it: within a commit window (and across a clock step back) a later
        // id can carry an earlier time. Groups are committed one after another.
        var groups = new[]
        {
            new[] { 10.0, 0.0, 5.0 },
            [8.0, 12.0, 11.0],
            [30.0],
            [3.0],
            [31.0, 29.0, 31.0],
        };
        var written = new List<(string Session, DateTimeOffset At, string Label)>();
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance))
        {
            foreach (var group in groups)
            {
                foreach (var seconds in group)
                {
                    var entry = (written.Count % 2 == 0 ? "x" : "y", T0.AddSeconds(seconds), $"e{written.Count}@{seconds}");
                    written.Add(entry);
                    Assert.That(log.TryAppend(new TestEvent(entry.Item1, entry.Item2, entry.Item3)), Is.True);
                }

                await log.FlushAsync();
            }
        }

        using var reader = SessionLogReader.Open(DatabasePath);
        var all = reader.ReadEvents().ToList();
        Assert.That(Labels(all), Is.EqualTo(written.Select(w => w.Label)));

        var boundaries = written.SelectMany(w => new[] { w.At.AddTicks(-10), w.At, w.At.AddTicks(10) })
            .Append(T0.AddDays(-1)).Append(T0.AddDays(1)).Distinct();
        foreach (var since in boundaries)
        {
            var expected = written.Where(w => w.At >= since).Select(w => w.Label).ToList();
            Assert.That(Labels(reader.ReadEvents(since: since)), Is.EqualTo(expected), $"since {since:O}");
            Assert.That(
                Labels(reader.ReadEvents("x", since)),
                Is.EqualTo(written.Where(w => w.Session == "x" && w.At >= since).Select(w => w.Label)),
                $"session x since {since:O}");
        }

        // The start skips the commits whose running maximum is older: the 30 s group began a commit of its own.
        var thirty = all.Single(e => Labels([e])[0].EndsWith("@30", StringComparison.Ordinal)).Id;
        Assert.That(reader.FirstIdSince(T0.AddSeconds(30)), Is.EqualTo(thirty));
        Assert.That(reader.FirstIdSince(T0.AddSeconds(13)), Is.EqualTo(thirty), "nothing committed before it reached 13 s");
        Assert.That(reader.FirstIdSince(T0.AddSeconds(40)), Is.EqualTo(long.MaxValue));
        Assert.That(reader.ReadEvents(since: T0.AddSeconds(40)), Is.Empty);
    }

    [Test]
    public async Task Pruning_removes_ended_sessions_through_their_runs_and_ids_never_come_back()
    {
        var old = T0.AddDays(-60);
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance))
        {
            log.TryAppend(new SessionOpened(new SessionInfo("gone", "pg", "postgres", "127.0.0.1:1", "127.0.0.1:5432", old)));
            log.TryAppend(new SessionOpened(new SessionInfo("open", "pg", "postgres", "127.0.0.1:2", "127.0.0.1:5432", old)));
            for (var i = 0; i < 400; i++)
            {
                log.TryAppend(new TestEvent(i % 4 == 0 ? "open" : "gone", old.AddSeconds(i), $"e{i}"));
                if (i % 50 == 0)
                {
                    await log.FlushAsync();
                }
            }

            log.TryAppend(new SessionClosed("gone", old.AddSeconds(500), CloseReason.ClientClosed, null, null, 1, 2, TimeSpan.FromSeconds(500)));

            // The newest events belong to a pruned session: the ids they had must not be handed out again.
            log.TryAppend(new SessionOpened(new SessionInfo("last", "pg", "postgres", "127.0.0.1:3", "127.0.0.1:5432", old.AddSeconds(600))));
            log.TryAppend(new TestEvent("last", old.AddSeconds(601), "last"));
            log.TryAppend(new SessionClosed("last", old.AddSeconds(602), CloseReason.ClientClosed, null, null, 1, 2, TimeSpan.FromSeconds(2)));
        }

        long maxBefore;
        List<StoredEvent> openBefore;
        using (var reader = SessionLogReader.Open(DatabasePath))
        {
            maxBefore = reader.ReadEvents().Max(e => e.Id);
            openBefore = [.. reader.ReadEvents("open")];
        }

        var result = SessionLogPruner.Prune(DatabasePath, T0);
        Assert.That(result.Sessions.Select(s => s.Id), Is.EquivalentTo(new[] { "gone", "last" }));
        Assert.That(result.Events, Is.EqualTo(1 + 300 + 1 + 3));
        Assert.That(Scalar(DatabasePath, "SELECT count(*) FROM session_spans WHERE session_id IN ('gone', 'last')"), Is.Zero);
        Assert.That(
            Scalar(DatabasePath, "SELECT count(*) FROM event_batches WHERE last_id < (SELECT min(id) FROM events)"),
            Is.Zero,
            "batches holding no event any more are dropped");
        Assert.That(Scalar(DatabasePath, "SELECT max(last_id) FROM event_batches"), Is.EqualTo(maxBefore), "the newest batch stays as the high-water mark");

        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance))
        {
            await log.AppendCommittedAsync(new TestEvent("open", T0, "after prune"));
        }

        using (var reader = SessionLogReader.Open(DatabasePath))
        {
            Assert.That(reader.ReadEvents("gone"), Is.Empty);
            var open = reader.ReadEvents("open").ToList();
            Assert.That(open.Take(openBefore.Count).Select(e => e.Id), Is.EqualTo(openBefore.Select(e => e.Id)));
            Assert.That(Labels(open)[^1], Is.EqualTo("after prune"));
            Assert.That(open[^1].Id, Is.EqualTo(maxBefore + 1), "ids continue after the pruned newest ones");
            Assert.That(Labels(reader.ReadEvents(since: old.AddSeconds(397))), Is.EqualTo(new[] { "after prune" }));
        }
    }

    [Test]
    public async Task A_v1_file_migrates_in_place_and_keeps_every_event_readable()
    {
        // A file as v1 wrote it: its schema, sessions, events of two sessions and the log itself interleaved
        // (one session going sparse), timestamps a little out of commit order, an approval request, and a
        // pruned tail that left AUTOINCREMENT's high-water mark above the last id.
        var v1 = new List<StoredEvent>();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            Execute(connection, SessionLogSchema.Migrations[0] + "PRAGMA user_version = 1;");
            Execute(connection, "INSERT INTO sessions (id, listener, protocol, client_endpoint, upstream_endpoint, started_at) VALUES ('s1', 'pg', 'postgres', 'c', 'u', '2026-03-01T09:00:00.000000Z'), ('s2', 'pg', 'postgres', 'c', 'u', '2026-03-01T09:00:00.000000Z');");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO events (session_id, at, kind, data) VALUES ($session, $at, $kind, $data) RETURNING id;";
            var session = insert.Parameters.Add("$session", SqliteType.Text);
            var atParameter = insert.Parameters.Add("$at", SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", SqliteType.Text);
            var data = insert.Parameters.Add("$data", SqliteType.Text);
            for (var i = 0; i < 900; i++)
            {
                string? id = (i < 300 && i % 5 == 0) || i is 600 or 890 ? "s1" : i % 7 == 3 ? null : "s2";
                var at = T0.AddMilliseconds(i % 10 == 9 ? i - 30 : i);
                var eventKind = i == 17 ? "approval_requested" : "test";
                var json = i == 17 ? """{"id":"apr_migrated0","text":"update t"}""" : $$"""{"label":"v1-{{i}}"}""";
                session.Value = (object?)id ?? DBNull.Value;
                atParameter.Value = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
                kind.Value = eventKind;
                data.Value = json;
                var rowId = (long)insert.ExecuteScalar()!;
                if (i < 897)
                {
                    v1.Add(new StoredEvent(rowId, id, at, eventKind, json));
                }
            }

            Execute(connection, "DELETE FROM events WHERE id > 897;");
        }

        var logger = new RecordingLogger();
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, logger))
        {
            await log.AppendCommittedAsync(new TestEvent("s1", T0.AddSeconds(5), "v2"));
        }

        Assert.That(logger.Count(MigratedEventId), Is.EqualTo(1));
        Assert.That(Scalar(DatabasePath, "PRAGMA user_version"), Is.EqualTo((long)SessionLogSchema.CurrentVersion));
        Assert.That(
            Scalar(DatabasePath, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name)"),
            Is.EqualTo("event_batches,event_batches_max_at,events,events_approvals,session_spans,sessions,sessions_started_at"));

        using var reader = SessionLogReader.Open(DatabasePath);
        var all = reader.ReadEvents().ToList();
        Assert.That(all.Take(v1.Count), Is.EqualTo(v1), "every v1 event, as it was");
        Assert.That(all, Has.Count.EqualTo(v1.Count + 1));
        Assert.That(all[^1].Id, Is.EqualTo(901), "after AUTOINCREMENT's high-water mark (900), not after the last id left");

        foreach (var id in new[] { "s1", "s2" })
        {
            var expected = all.Where(e => e.SessionId == id).ToList();
            var events = reader.ReadEvents(id).ToList();
            Assert.That(events, Is.EqualTo(expected), id);
            Assert.That(reader.LastEventId(id), Is.EqualTo(expected[^1].Id));
            AssertRunsCover(id, Runs(id), events);
        }

        // s1: every 5th of the first 300, then 600 and 890 after more than 256 others each, then the v2 writer's.
        Assert.That(Runs("s1"), Has.Count.EqualTo(4));

        foreach (var since in new[] { T0, T0.AddMilliseconds(100), T0.AddMilliseconds(289), T0.AddMilliseconds(290), T0.AddMilliseconds(598), T0.AddMilliseconds(870), T0.AddMilliseconds(889), T0.AddSeconds(1), T0.AddSeconds(5) })
        {
            Assert.That(reader.ReadEvents(since: since).Select(e => e.Id), Is.EqualTo(all.Where(e => e.At >= since).Select(e => e.Id)), $"since {since:O}");
        }

        var approvals = reader.ReadEventsOfKinds(ApprovalNames.EventKinds).ToList();
        Assert.That(approvals.Select(e => e.Id), Is.EqualTo(new[] { v1[17].Id }));
    }

    [Test]
    public async Task Every_read_of_the_product_is_a_search_never_a_scan_of_the_events_table()
    {
        await using (SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance))
        {
        }

        var queries = new Dictionary<string, string>
        {
            ["session"] = SessionLogReader.SessionEventsQuery(string.Empty, string.Empty),
            ["session page"] = SessionLogReader.SessionEventsQuery(string.Empty, " LIMIT $limit"),
            ["session since"] = SessionLogReader.SessionEventsQuery(" AND e.at >= $since", string.Empty),
            ["since"] = SessionLogReader.SinceQuery,
            ["since start"] = SessionLogReader.FirstBatchSinceQuery,
            ["approvals"] = SessionLogReader.KindsQuery(ApprovalNames.EventKinds.Count, approvalsOnly: true, since: false),
            ["approvals since"] = SessionLogReader.KindsQuery(ApprovalNames.EventKinds.Count, approvalsOnly: true, since: true),
            ["prune"] = SessionLogPruner.DeleteSessionEvents,
        };

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        foreach (var (name, sql) in queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            var plan = new List<string>();
            using (var rows = command.ExecuteReader())
            {
                while (rows.Read())
                {
                    plan.Add(rows.GetString(3));
                }
            }

            Assert.That(plan, Has.None.Matches<string>(step => step is "SCAN events" or "SCAN e" || step.StartsWith("SCAN event_batches", StringComparison.Ordinal)), $"{name}: {string.Join(" | ", plan)}");
            Assert.That(plan, Has.None.Contains("TEMP B-TREE"), $"{name}: {string.Join(" | ", plan)}");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A test event's label; any other event's kind.</summary>
    private static List<string> Labels(IEnumerable<StoredEvent> events) =>
        [.. events.Select(e => JsonDocument.Parse(e.DataJson).RootElement.TryGetProperty("label", out var label) ? label.GetString()! : e.Kind)];

    private List<(long First, long Last)> Runs(string sessionId)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT first_id, last_id FROM session_spans WHERE session_id = $id ORDER BY first_id;";
        command.Parameters.AddWithValue("$id", sessionId);
        using var rows = command.ExecuteReader();
        var runs = new List<(long, long)>();
        while (rows.Read())
        {
            runs.Add((rows.GetInt64(0), rows.GetInt64(1)));
        }

        return runs;
    }

    /// <summary>Every event in exactly one run, each run from one of them to one of them, at most Gap others between two.</summary>
    private static void AssertRunsCover(string sessionId, List<(long First, long Last)> runs, List<StoredEvent> events)
    {
        var ids = events.Select(e => e.Id).ToList();
        foreach (var (first, last) in runs)
        {
            var inside = ids.Where(id => id >= first && id <= last).ToList();
            Assert.That(inside, Is.Not.Empty, $"{sessionId}: run {first}-{last}");
            Assert.That((inside[0], inside[^1]), Is.EqualTo((first, last)), $"{sessionId}: a run starts and ends on its session's events");
            Assert.That(
                inside.Zip(inside.Skip(1), (a, b) => b - a - 1).DefaultIfEmpty(0).Max(),
                Is.LessThanOrEqualTo(SessionSpans.Gap),
                $"{sessionId}: run {first}-{last} skips at most Gap others between two of its events");
        }

        Assert.That(ids.Select(id => runs.Count(r => id >= r.First && id <= r.Last)), Has.All.EqualTo(1), $"{sessionId}: every event in exactly one run");
    }
}
