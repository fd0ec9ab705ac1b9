using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.SessionLog;
using static Proxy.Tests.SessionLog.SessionLogTestSupport;

namespace Proxy.Tests.SessionLog;

/// <summary>Faults the writer really meets: a lock held by another process, a full disk, closing while faulted.</summary>
[TestFixture]
public sealed class SessionLogFaultTests : SessionLogFileTests
{
    private const int WriteFailedEventId = 2002;
    private const int RecoveredEventId = 2003;
    private const int EventsDroppedEventId = 2004;
    private const int GaveUpEventId = 2006;

    [Test]
    public async Task HeldLock_FailsStrictAppends_KeepsTheirEvents_AndRecoversWhenReleased()
    {
        var logger = new RecordingLogger();
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, logger, Fast);
        await log.AppendCommittedAsync(TestEvent.Labelled("before"));

        using (HeldLock.Exclusive(DatabasePath))
        {
            await Assert.ThatAsync(
                () => log.AppendCommittedAsync(TestEvent.Labelled("strict-while-locked")).AsTask().WaitAsync(Patience),
                Throws.TypeOf<SessionLogUnavailableException>().With.Message.Contains("locked"));

            var health = log.Health;
            Assert.That(health.IsHealthy, Is.False);
            Assert.That(health.Fault, Does.Contain("locked").And.Contain(DatabasePath));

            Assert.That(log.TryAppend(TestEvent.Labelled("queued-1")), Is.True);
            Assert.That(log.TryAppend(TestEvent.Labelled("queued-2")), Is.True);
            Assert.That(log.Health.QueueDepth, Is.EqualTo(3), "the failed batch plus two queued");

            // While faulted a strict append fails without waiting for a busy timeout; its event is kept,
            // so the record of what was refused still arrives.
            var refused = log.AppendCommittedAsync(TestEvent.Labelled("refused"));
            Assert.That(refused.IsFaulted, Is.True);
            await Assert.ThatAsync(() => refused.AsTask(), Throws.TypeOf<SessionLogUnavailableException>());

            // Faulted: the queued events "have failed" for now, so a flush does not hang.
            await log.FlushAsync().WaitAsync(Patience);
        }

        Assert.That(await WaitUntilAsync(() => log.Health.IsHealthy, Patience), Is.True, "the writer never recovered");
        await log.FlushAsync().WaitAsync(Patience);

        Assert.That(CommittedLabels(DatabasePath), Is.EqualTo(new[] { "before", "strict-while-locked", "queued-1", "queued-2", "refused" }));
        Assert.That(log.Health, Is.EqualTo(new SessionLogHealth(null, 0, 0)));
        Assert.That(logger.Count(WriteFailedEventId), Is.EqualTo(1), "one error per fault, not one per retry");
        Assert.That(logger.Count(RecoveredEventId), Is.EqualTo(1));
    }

    [Test]
    public async Task QueueOverflowDuringFault_CountsDrops_AndRecordsThemAfterRecovery()
    {
        var logger = new RecordingLogger();
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, logger, Fast with { QueueCapacity = 4 });

        using (HeldLock.Exclusive(DatabasePath))
        {
            Assert.That(log.TryAppend(TestEvent.Labelled("stuck")), Is.True);
            Assert.That(await WaitUntilAsync(() => !log.Health.IsHealthy, Patience), Is.True, "the held lock never faulted the log");

            var accepted = Enumerable.Range(0, 10).Count(i => log.TryAppend(TestEvent.Labelled($"q{i}")));

            Assert.That(accepted, Is.EqualTo(4));
            Assert.That(log.Health.DroppedEvents, Is.EqualTo(6));
            Assert.That(log.Health.QueueDepth, Is.EqualTo(5));
        }

        Assert.That(await WaitUntilAsync(() => log.Health.IsHealthy, Patience), Is.True, "the writer never recovered");
        await log.FlushAsync().WaitAsync(Patience);

        using var reader = SessionLogReader.Open(DatabasePath);
        var events = reader.ReadEvents().ToList();
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { "test", "test", "test", "test", "test", "events_dropped" }));
        Assert.That(CommittedLabels(DatabasePath), Is.EqualTo(new[] { "stuck", "q0", "q1", "q2", "q3" }));

        using var dropped = System.Text.Json.JsonDocument.Parse(events[^1].DataJson);
        Assert.That(dropped.RootElement.GetProperty("count").GetInt64(), Is.EqualTo(6));
        Assert.That(dropped.RootElement.GetProperty("fault").GetString(), Does.Contain("locked"));
        Assert.That(events[^1].SessionId, Is.Null);
        Assert.That(log.Health.DroppedEvents, Is.EqualTo(6), "the health counter is cumulative");
        Assert.That(logger.Count(EventsDroppedEventId), Is.EqualTo(1));
    }

    [Test]
    public async Task FlushWaitingForRoomInAFullQueue_CompletesWhenTheLogFaults()
    {
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance, Fast with { QueueCapacity = 2 });

        using (HeldLock.Exclusive(DatabasePath))
        {
            Assert.That(log.TryAppend(TestEvent.Labelled("stuck")), Is.True);
            Assert.That(await WaitUntilAsync(() => log.Health.QueueDepth == 1, Patience), Is.True);
            await Task.Delay(50);
            Assert.That(log.TryAppend(TestEvent.Labelled("q0")), Is.True);
            Assert.That(log.TryAppend(TestEvent.Labelled("q1")), Is.True);

            // Still inside the first busy timeout: healthy, but no room for the flush marker.
            Assert.That(log.Health.IsHealthy, Is.True, "the busy timeout passed before the queue was full");
            var flush = log.FlushAsync();
            Assert.That(flush.IsCompleted, Is.False);

            await flush.WaitAsync(Patience);
            Assert.That(log.Health.IsHealthy, Is.False, "the flush ended because the log faulted");
        }

        Assert.That(await WaitUntilAsync(() => log.Health.IsHealthy, Patience), Is.True, "the writer never recovered");
        await log.FlushAsync().WaitAsync(Patience);
        Assert.That(CommittedLabels(DatabasePath), Is.EqualTo(new[] { "stuck", "q0", "q1" }));
    }

    [Test]
    public async Task DisposeWhileFaulted_GivesUpAfterTheLimit_AndReportsTheLoss()
    {
        var logger = new RecordingLogger();
        var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, logger, Fast with { DisposeRetryLimit = TimeSpan.FromMilliseconds(300) });
        await log.AppendCommittedAsync(TestEvent.Labelled("before"));

        using (HeldLock.Exclusive(DatabasePath))
        {
            log.TryAppend(TestEvent.Labelled("lost-1"));
            log.TryAppend(TestEvent.Labelled("lost-2"));
            Assert.That(await WaitUntilAsync(() => !log.Health.IsHealthy, Patience), Is.True);

            var stopwatch = Stopwatch.StartNew();
            await log.DisposeAsync().AsTask().WaitAsync(Patience);
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "closing must be bounded");
            await log.DisposeAsync().AsTask().WaitAsync(Patience);
        }

        var gaveUp = logger.Entries.Single(e => e.Id.Id == GaveUpEventId);
        Assert.That(gaveUp.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(gaveUp.Message, Does.Contain("2 queued events were lost"));
        Assert.That(CommittedLabels(DatabasePath), Is.EqualTo(new[] { "before" }));
    }

    /// <summary>
    /// A batch of more than <c>EventInsert.RowsPerInsert</c> (16) events that fails after its first chunk went in, while
    /// rows of the next chunk are gathered but not yet inserted, then commits on a retry. The failure is a
    /// trigger on <c>sessions</c> that aborts the batch's session-open insert until the test lets it through:
    /// rows gathered when it fired must be forgotten with the rollback, or the retry inserts them ahead of its own.
    /// </summary>
    [Test]
    public async Task BatchFailingAfterAChunk_IsRetried_WithEveryEventOnceInOrder_AndItsBatchAndSpans()
    {
        const int PerSession = 20;
        var logger = new RecordingLogger();
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, logger, Fast);
        Execute(
            DatabasePath,
            """
            CREATE TABLE fault_switch (armed INTEGER NOT NULL);
            INSERT INTO fault_switch VALUES (1);
            CREATE TRIGGER inject_fault BEFORE INSERT ON sessions WHEN EXISTS (SELECT 1 FROM fault_switch)
            BEGIN SELECT RAISE(ABORT, 'injected fault'); END;
            """);

        // The writer retries a batch it took while the lock was held; everything queued meanwhile is the next batch,
        // whole: one commit of 41 events, so the fault below lands inside it and not between two batches.
        var at = DateTimeOffset.UtcNow;
        using (HeldLock.Exclusive(DatabasePath))
        {
            Assert.That(log.TryAppend(TestEvent.Labelled("blocker")), Is.True);
            Assert.That(await WaitUntilAsync(() => !log.Health.IsHealthy, Patience), Is.True, "the held lock never faulted the log");

            // Ids 2..21: the first chunk is 2..17, and 18..21 are gathered when the open of "b" (id 22) fails.
            for (var seq = 1; seq <= PerSession; seq++)
            {
                Assert.That(log.TryAppend(Statement("a", seq, at)), Is.True);
            }

            Assert.That(log.TryAppend(new SessionOpened(new SessionInfo("b", "pg", "postgres", "127.0.0.1:50001", "127.0.0.1:5432", at))), Is.True);
            for (var seq = 1; seq <= PerSession; seq++)
            {
                Assert.That(log.TryAppend(Statement("b", seq, at)), Is.True);
            }
        }

        Assert.That(
            await WaitUntilAsync(() => log.Health.Fault?.Contains("injected fault", StringComparison.Ordinal) == true, Patience),
            Is.True,
            $"the batch never hit the injected fault (fault: {log.Health.Fault})");
        Assert.That(Scalar(DatabasePath, "SELECT count(*) FROM events"), Is.EqualTo(1L), "only the blocker's batch committed");

        Execute(DatabasePath, "DELETE FROM fault_switch;");
        Assert.That(await WaitUntilAsync(() => log.Health.IsHealthy, Patience), Is.True, $"the retried batch never committed (fault: {log.Health.Fault})");
        await log.FlushAsync().WaitAsync(Patience);

        using var reader = SessionLogReader.Open(DatabasePath);
        var events = reader.ReadEvents().ToList();
        var expected = new List<string> { "test" };
        expected.AddRange(Enumerable.Range(1, PerSession).Select(seq => $"a/{seq}"));
        expected.Add("open/b");
        expected.AddRange(Enumerable.Range(1, PerSession).Select(seq => $"b/{seq}"));
        Assert.That(events.Select(Describe), Is.EqualTo(expected), "every event once, in the order it was queued");
        Assert.That(events.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, expected.Count).Select(id => (long)id)), "consecutive ids");

        Assert.That(Rows(DatabasePath, "SELECT first_id, last_id FROM event_batches ORDER BY first_id;"), Is.EqualTo(new[] { "1-1", $"2-{expected.Count}" }));

        // Every event of a session inside one of its runs, and every run bounded by the session's own events: here one
        // run each, since no session's events are more than SessionSpans.Gap apart.
        Assert.That(
            Rows(DatabasePath, "SELECT session_id || ':' || first_id, last_id FROM session_spans ORDER BY session_id, first_id;"),
            Is.EqualTo(Rows(DatabasePath, "SELECT session_id || ':' || min(id), max(id) FROM events WHERE session_id IS NOT NULL GROUP BY session_id ORDER BY session_id;")));
        Assert.That(Rows(DatabasePath, "SELECT session_id || ':' || first_id, last_id FROM session_spans ORDER BY session_id, first_id;"), Is.EqualTo(new[] { "a:2-21", $"b:22-{expected.Count}" }));
        Assert.That(Scalar(DatabasePath, "SELECT count(*) FROM sessions WHERE id = 'b'"), Is.EqualTo(1L));

        // Rows left gathered from the failed attempt would go in ahead of the retry's own rows with the same ids: the
        // retry would fail once more on the primary key before a later attempt (its chunk's failure discards) commits.
        var failures = logger.Entries.Where(e => e.Id.Id == WriteFailedEventId).Select(e => e.Message).ToList();
        Assert.That(failures, Has.Count.EqualTo(2), "the held lock, the injected fault, and no other failure: " + string.Join(" | ", failures));
        Assert.That(failures[0], Does.Contain("locked"));
        Assert.That(failures[1], Does.Contain("injected fault"));
        Assert.That(logger.Count(RecoveredEventId), Is.EqualTo(2));

        static string Describe(StoredEvent stored)
        {
            using var data = System.Text.Json.JsonDocument.Parse(stored.DataJson);
            return stored.Kind switch
            {
                "statement" => $"{stored.SessionId}/{data.RootElement.GetProperty("seq").GetInt64()}",
                "open" => $"open/{stored.SessionId}",
                _ => stored.Kind,
            };
        }
    }

    /// <summary>
    /// A real ENOSPC: the database lives on a tiny tmpfs that a filler file fills up. Needs root (the
    /// proxy's test machines run as root); a refused mount fails the test, it does not skip it.
    /// </summary>
    [Test]
    public async Task DiskFull_FailsStrictAppends_ThenRecoversWhenSpaceIsFreed()
    {
        var mountPoint = Scratch.Combine("tmpfs");
        using var mount = TmpfsMount.Create(mountPoint, "2m");
        var path = Path.Combine(mountPoint, "sessions.db");
        var filler = Path.Combine(mountPoint, "filler");
        var logger = new RecordingLogger();

        await using (var log = SqliteSessionLog.Open(path, Durability.Strict, logger, Fast))
        {
            await log.AppendCommittedAsync(TestEvent.Labelled("before"));
            FillDisk(filler);

            // Larger than any free page left, so the WAL has to grow.
            var big = TestEvent.Labelled("big-" + new string('x', 64 * 1024));
            await Assert.ThatAsync(
                () => log.AppendCommittedAsync(big).AsTask().WaitAsync(Patience),
                Throws.TypeOf<SessionLogUnavailableException>().With.Message.Contains("full"));
            Assert.That(log.Health.Fault, Does.Contain("full"));

            File.Delete(filler);
            Assert.That(await WaitUntilAsync(() => log.Health.IsHealthy, Patience), Is.True, "the writer never recovered");
            await log.FlushAsync().WaitAsync(Patience);
        }

        Assert.That(CommittedLabels(path).Select(l => l[..Math.Min(l.Length, 4)]), Is.EqualTo(new[] { "befo", "big-" }));
        Assert.That(logger.Count(WriteFailedEventId), Is.EqualTo(1));
        Assert.That(logger.Count(RecoveredEventId), Is.EqualTo(1));
    }

    private static StatementEvent Statement(string sessionId, long seq, DateTimeOffset at) =>
        new(sessionId, at, seq, "alice", "app", "select 1", null, "select", [], new StatementDecision("allow", null, [], []), null);

    private static void Execute(string path, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000;" + sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Each row's two columns as "first-second".</summary>
    private static List<string> Rows(string path, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var rows = command.ExecuteReader();
        var result = new List<string>();
        while (rows.Read())
        {
            result.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rows.GetValue(0)}-{rows.GetValue(1)}"));
        }

        return result;
    }

    private static void FillDisk(string path)
    {
        // Unbuffered, so ENOSPC surfaces on the write that hits it; tmpfs allocates in 4 KiB pages.
        var chunk = new byte[4096];
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A tmpfs of a given size, mounted for one test and unmounted after it.</summary>
    private sealed class TmpfsMount : IDisposable
    {
        private readonly string _mountPoint;

        private TmpfsMount(string mountPoint)
        {
            _mountPoint = mountPoint;
        }

        public static TmpfsMount Create(string mountPoint, string size)
        {
            Directory.CreateDirectory(mountPoint);
            var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", mountPoint);
            if (exitCode != 0)
            {
                Assert.Fail(
                    $"mount -t tmpfs failed (exit {exitCode}): {output.Trim()}. The disk-full test needs to mount a " +
                    "small tmpfs: run the tests as root (or with CAP_SYS_ADMIN) on a machine that allows mounts.");
            }

            return new TmpfsMount(mountPoint);
        }

        public void Dispose()
        {
            // Lazy as a fallback: a handle still open after a failed assertion must not leave the mount behind.
            if (Run("umount", _mountPoint).ExitCode != 0)
            {
                Run("umount", "-l", _mountPoint);
            }
        }

        private static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
        {
            var start = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return (-1, $"{fileName} did not finish within 10 s");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
