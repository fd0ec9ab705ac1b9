using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;
using static Proxy.Tests.SessionLog.SessionLogTestSupport;

namespace Proxy.Tests.SessionLog;

[TestFixture]
public sealed class SqliteSessionLogTests : SessionLogFileTests
{
    /// <summary>
    /// The writer sleeps whenever the queue is empty, so every append here races its way to sleep: each producer waits
    /// for its event's commit (strict) or a flush (normal) before the next, and nothing else would wake the writer. A
    /// wake-up lost between the writer's look at the queue and its sleep leaves a wait hanging until the bound.
    /// </summary>
    [TestCase(Durability.Strict)]
    [TestCase(Durability.Normal)]
    public async Task ProducersRacingTheWritersSleep_AreAllCommitted_NoWakeUpLost(Durability durability)
    {
        const int Producers = 4;
        const int PerProducer = 500;
        await using (var log = SqliteSessionLog.Open(DatabasePath, durability, NullLogger.Instance, new SessionLogOptions { NormalCommitDelay = TimeSpan.Zero }))
        {
            var producers = Enumerable.Range(0, Producers).Select(producer => Task.Run(async () =>
            {
                for (var i = 0; i < PerProducer; i++)
                {
                    var sessionEvent = TestEvent.Labelled($"{producer}/{i}", $"p{producer}");
                    if (durability == Durability.Strict)
                    {
                        await log.AppendCommittedAsync(sessionEvent).AsTask().WaitAsync(Patience);
                    }
                    else
                    {
                        Assert.That(log.TryAppend(sessionEvent), Is.True);
                        await log.FlushAsync().WaitAsync(Patience);
                    }
                }
            }));

            await Task.WhenAll(producers);
            Assert.That(log.Health, Is.EqualTo(new SessionLogHealth(null, 0, 0)));
        }

        var labels = CommittedLabels(DatabasePath);
        Assert.That(labels, Has.Count.EqualTo(Producers * PerProducer));
        for (var producer = 0; producer < Producers; producer++)
        {
            var prefix = $"{producer}/";
            Assert.That(
                labels.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)),
                Is.EqualTo(Enumerable.Range(0, PerProducer).Select(i => prefix + i)),
                "each producer's events once each, in its order");
        }
    }

    /// <summary>
    /// An event queued after the writer found the queue empty but before it announced its sleep: the producer sees no
    /// sleeper to wake, so only the writer's second look at the queue, after the announcement, commits the event.
    /// </summary>
    [Test]
    public async Task EventQueuedAsTheWriterGoesToSleep_IsCommittedWithoutAnotherWakeUp()
    {
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance, new SessionLogOptions { NormalCommitDelay = TimeSpan.Zero });
        var armed = 0;
        var queuedInTheWindow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        log.GoingToSleep = () =>
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                Assert.That(log.TryAppend(TestEvent.Labelled("in-the-window")), Is.True);
                queuedInTheWindow.SetResult();
            }
        };

        await log.AppendCommittedAsync(TestEvent.Labelled("first")).AsTask().WaitAsync(Patience);
        Volatile.Write(ref armed, 1);
        await log.AppendCommittedAsync(TestEvent.Labelled("second")).AsTask().WaitAsync(Patience);
        await queuedInTheWindow.Task.WaitAsync(Patience);

        Assert.That(
            await WaitUntilAsync(() => CommittedLabels(DatabasePath).Count == 3, Patience),
            Is.True,
            "the event queued as the writer went to sleep was never committed");
        Assert.That(CommittedLabels(DatabasePath), Is.EqualTo(new[] { "first", "second", "in-the-window" }));
        Assert.That(log.Health, Is.EqualTo(new SessionLogHealth(null, 0, 0)));
    }

    [Test]
    public async Task OpenAndClose_AreStoredAsEventsAndSessionSummary()
    {
        // Microsecond-exact, and not UTC, to check the stored text is normalized to UTC.
        var started = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_560);
        var ended = started.AddSeconds(90);
        var info = new SessionInfo("s-1", "pg-main", "postgres", "10.0.0.5:51234", "db1:5432", started);

        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance))
        {
            await log.AppendCommittedAsync(new SessionOpened(info));
            await log.AppendCommittedAsync(new SessionClosed(
                "s-1", ended, CloseReason.ClientClosed, "bye", "alice@example.com", 1200, 34_000, TimeSpan.FromMilliseconds(90_000.1234)));
        }

        using var reader = SessionLogReader.Open(DatabasePath);
        var session = reader.FindSession("s-1");
        Assert.That(session, Is.EqualTo(new SessionSummary(
            "s-1", "pg-main", "postgres", "10.0.0.5:51234", "db1:5432", "alice@example.com",
            started, ended, "client_closed", "bye", 1200, 34_000, 90_000.123)));

        var events = reader.ReadEvents().ToList();
        Assert.That(events.Select(e => (e.SessionId, e.Kind)), Is.EqualTo(new[] { ("s-1", "open"), ("s-1", "close") }));
        Assert.That(events[0].At, Is.EqualTo(started));

        using var open = JsonDocument.Parse(events[0].DataJson);
        Assert.That(open.RootElement.GetProperty("listener").GetString(), Is.EqualTo("pg-main"));
        Assert.That(open.RootElement.GetProperty("upstream").GetString(), Is.EqualTo("db1:5432"));
        using var close = JsonDocument.Parse(events[1].DataJson);
        Assert.That(close.RootElement.GetProperty("reason").GetString(), Is.EqualTo("client_closed"));
        Assert.That(close.RootElement.GetProperty("bytes_from_upstream").GetInt64(), Is.EqualTo(34_000));

        Assert.That(Scalar(DatabasePath, "SELECT at FROM events ORDER BY id LIMIT 1"), Is.EqualTo("2025-03-04T03:06:07.123456Z"));
        Assert.That(Scalar(DatabasePath, "SELECT started_at FROM sessions"), Is.EqualTo("2025-03-04T03:06:07.123456Z"));
    }

    [Test]
    public async Task EventColumns_AreStoredAsText_WithNullEmptyLongAndNonAsciiValuesKept()
    {
        var longId = new string('x', 300) + "é";
        var at = new DateTimeOffset(2026, 11, 22, 8, 15, 2, TimeSpan.Zero).AddTicks(1_234_567);
        var statement = new StatementEvent(
            "s-1", at, 7, "ålice", "pgbench", "SELECT abalance FROM pgbench_accounts WHERE aid = 12345; -- ✓",
            null, "select", [], new StatementDecision("allow", null, [], []),
            new StatementOutcome(TimeSpan.FromTicks(12_345), "SELECT 1", 1, null, null));
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance))
        {
            await log.AppendCommittedAsync(statement);
            await log.AppendCommittedAsync(new TestEvent(null, at, "null id"));
            await log.AppendCommittedAsync(new TestEvent("", at, "empty id"));
            await log.AppendCommittedAsync(new TestEvent(longId, at, new string('✓', 5000)));
        }

        Assert.That(
            Scalar(DatabasePath, "SELECT group_concat(typeof(session_id) || ',' || typeof(at) || ',' || typeof(kind) || ',' || typeof(data), ';') FROM events"),
            Is.EqualTo("text,text,text,text;null,text,text,text;text,text,text,text;text,text,text,text"));
        Assert.That(Scalar(DatabasePath, "SELECT at FROM events WHERE id = 1"), Is.EqualTo("2026-11-22T08:15:02.123456Z"));
        Assert.That(Scalar(DatabasePath, "SELECT json_extract(data, '$.text') FROM events WHERE kind = 'statement'"), Is.EqualTo(statement.Text));
        Assert.That(Scalar(DatabasePath, "SELECT json_extract(data, '$.identity') FROM events WHERE kind = 'statement'"), Is.EqualTo("ålice"));
        Assert.That(
            Scalar(DatabasePath, "SELECT data FROM events WHERE kind = 'statement'"),
            Is.EqualTo("""{"seq":7,"identity":"ålice","database":"pgbench","text":"SELECT abalance FROM pgbench_accounts WHERE aid = 12345; -- ✓","statement_kind":"select","tables":[],"decision":"allow","duration_ms":1.234,"command_tag":"SELECT 1","rows":1}"""));
        Assert.That(Scalar(DatabasePath, "SELECT session_id FROM events WHERE id = 3"), Is.EqualTo(""));
        Assert.That(Scalar(DatabasePath, "SELECT session_id FROM events WHERE id = 4"), Is.EqualTo(longId));
        Assert.That(CommittedLabels(DatabasePath), Is.EqualTo(new[] { "null id", "empty id", new string('✓', 5000) }));
    }

    [Test]
    public async Task StatementData_WithEveryField_IsStoredAsTheDocumentedJsonText()
    {
        var at = DateTimeOffset.UtcNow;
        var refused = new StatementEvent(
            "s-1", at, 3, "bob", "orders", "UPDATE t SET x = $1 WHERE \"id\" = $2 -- é",
            ["a\u0001b", null, "\\x00ff"], "update", ["public.t", "t2"],
            new StatementDecision("block", "no-writes", ["pii", "audit"], ["rule-a"]),
            new StatementOutcome(TimeSpan.FromMilliseconds(0.5), null, null, "42501", "refused: <no-writes>"));
        var result = new StatementResultEvent("s-1", at, 4, new StatementOutcome(TimeSpan.FromTicks(9), "UPDATE 3", 3, null, null));
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance))
        {
            await log.AppendCommittedAsync(refused);
            await log.AppendCommittedAsync(result);
        }

        Assert.That(
            Scalar(DatabasePath, "SELECT data FROM events WHERE id = 1"),
            Is.EqualTo("""{"seq":3,"identity":"bob","database":"orders","text":"UPDATE t SET x = $1 WHERE \"id\" = $2 -- é","parameters":["a\u0001b",null,"\\x00ff"],"statement_kind":"update","tables":["public.t","t2"],"decision":"block","rule":"no-writes","tags":["pii","audit"],"would_block":["rule-a"],"duration_ms":0.5,"sqlstate":"42501","error":"refused: <no-writes>"}"""));
        Assert.That(Scalar(DatabasePath, "SELECT data FROM events WHERE id = 2"), Is.EqualTo("""{"seq":4,"duration_ms":0.001,"command_tag":"UPDATE 3","rows":3}"""));
    }

    [Test]
    public async Task Close_WithoutIdentity_KeepsSummaryIdentityNull()
    {
        var info = new SessionInfo("s-2", "tcp", "tcp", "127.0.0.1:1", "127.0.0.1:2", DateTimeOffset.UtcNow);
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance))
        {
            log.TryAppend(new SessionOpened(info));
            log.TryAppend(new SessionClosed("s-2", DateTimeOffset.UtcNow, CloseReason.UpstreamClosed, null, null, 1, 2, TimeSpan.FromSeconds(1)));
            await log.FlushAsync();
        }

        using var reader = SessionLogReader.Open(DatabasePath);
        var session = reader.FindSession("s-2")!;
        Assert.That(session.Identity, Is.Null);
        Assert.That(session.CloseDetail, Is.Null);
        Assert.That(session.CloseReason, Is.EqualTo("upstream_closed"));
    }

    [Test]
    public async Task ReopenedSessionId_KeepsFirstSummaryAndStillRecordsTheEvent()
    {
        var first = new SessionInfo("dup", "a", "tcp", "c1", "u1", DateTimeOffset.UtcNow);
        var second = first with { Listener = "b" };
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance))
        {
            await log.AppendCommittedAsync(new SessionOpened(first));
            await log.AppendCommittedAsync(new SessionOpened(second));
            Assert.That(log.Health.IsHealthy, Is.True);
        }

        using var reader = SessionLogReader.Open(DatabasePath);
        Assert.That(reader.FindSession("dup")!.Listener, Is.EqualTo("a"));
        Assert.That(reader.ReadEvents("dup").Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task ManyTryAppends_ThenFlush_AreAllCommittedInOrder()
    {
        const int Count = 5000;
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance);
        for (var i = 0; i < Count; i++)
        {
            Assert.That(log.TryAppend(TestEvent.Labelled(i.ToString())), Is.True);
        }

        await log.FlushAsync().WaitAsync(Patience);

        Assert.That(CommittedLabels(DatabasePath), Is.EqualTo(Enumerable.Range(0, Count).Select(i => i.ToString())));
        Assert.That(log.Health, Is.EqualTo(new SessionLogHealth(null, 0, 0)));
    }

    [Test]
    public async Task StrictAppend_IsVisibleToAnotherConnectionWhenItReturns()
    {
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance);
        using var reader = SessionLogReader.Open(DatabasePath);
        for (var i = 0; i < 20; i++)
        {
            await log.AppendCommittedAsync(TestEvent.Labelled($"e{i}"));

            var last = reader.ReadEvents().Last();
            Assert.That(JsonDocument.Parse(last.DataJson).RootElement.GetProperty("label").GetString(), Is.EqualTo($"e{i}"));
        }
    }

    [Test]
    public async Task ConcurrentStrictAppends_AllCommit()
    {
        const int Tasks = 40;
        const int PerTask = 25;
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance);

        var appenders = Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < PerTask; i++)
            {
                await log.AppendCommittedAsync(TestEvent.Labelled($"{t}/{i}"));
            }
        }));
        await Task.WhenAll(appenders).WaitAsync(Patience);

        var labels = CommittedLabels(DatabasePath);
        Assert.That(labels, Has.Count.EqualTo(Tasks * PerTask));
        Assert.That(labels, Is.Unique);

        // Each task's own appends are sequential, so they must be committed in its order.
        foreach (var t in Enumerable.Range(0, Tasks))
        {
            var own = labels.Where(l => l.StartsWith($"{t}/", StringComparison.Ordinal)).ToList();
            Assert.That(own, Is.EqualTo(Enumerable.Range(0, PerTask).Select(i => $"{t}/{i}")));
        }
    }

    [Test]
    public async Task Dispose_CommitsWhatIsStillQueued()
    {
        var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance);
        for (var i = 0; i < 2000; i++)
        {
            log.TryAppend(TestEvent.Labelled(i.ToString()));
        }

        await log.DisposeAsync().AsTask().WaitAsync(Patience);

        Assert.That(CommittedLabels(DatabasePath), Has.Count.EqualTo(2000));
        Assert.That(log.TryAppend(TestEvent.Labelled("late")), Is.False);
        Assert.That(log.Health.DroppedEvents, Is.Zero, "appends after close are refused, not counted as drops");
        await Assert.ThatAsync(
            () => log.AppendCommittedAsync(TestEvent.Labelled("late")).AsTask(),
            Throws.TypeOf<SessionLogUnavailableException>().With.Message.Contains("closed"));
        await log.FlushAsync().WaitAsync(Patience);
        await log.DisposeAsync();
    }

    [Test]
    public async Task EventWhoseDataFailsToSerialize_IsStoredWithAnErrorMarker()
    {
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance);
        await log.AppendCommittedAsync(new BrokenEvent(DateTimeOffset.UtcNow));
        await log.AppendCommittedAsync(TestEvent.Labelled("after"));

        using var reader = SessionLogReader.Open(DatabasePath);
        var events = reader.ReadEvents().ToList();
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { "broken", "test" }));
        Assert.That(JsonDocument.Parse(events[0].DataJson).RootElement.TryGetProperty("serialization_error", out _), Is.True);
    }

    /// <summary>Writes a value without a property name, which Utf8JsonWriter rejects.</summary>
    private sealed record BrokenEvent(DateTimeOffset At) : SessionEvent(null, At)
    {
        public override string Kind => "broken";

        public override void WriteData(Utf8JsonWriter writer) => writer.WriteNumberValue(1);
    }
}
