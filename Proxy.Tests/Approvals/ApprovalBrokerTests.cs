using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.Approvals;
using Proxy.Core.SessionLog;
using Proxy.Tests.SessionLog;
using Proxy.Tests.Support;

namespace Proxy.Tests.Approvals;

[TestFixture]
public sealed partial class ApprovalBrokerTests
{
    private static readonly string[] Dba = ["dba"];
    private static readonly string[] Developers = ["developers"];

    private ManualTimeProvider _time = null!;
    private RecordingSessionLog _log = null!;
    private ApprovalBroker _broker = null!;

    [SetUp]
    public void CreateBroker()
    {
        _time = new ManualTimeProvider();
        _log = new RecordingSessionLog();
        _broker = new ApprovalBroker(_log, _time, NullLogger.Instance);
    }

    [TearDown]
    public void DisposeBroker() => _broker.Dispose();

    [Test]
    public void A_request_is_pending_listed_and_recorded_as_committed_with_its_session()
    {
        var ticket = _broker.Request(Ask());

        Assert.That(ticket.Id, Does.Match(IdPattern()));
        Assert.That(ticket.Completion.IsCompleted, Is.False);
        Assert.That(ticket.Recorded.IsCompletedSuccessfully, Is.True);
        var listed = _broker.List(ApprovalState.Pending);
        Assert.That(listed.Select(r => r.Id), Is.EqualTo(new[] { ticket.Id }));
        Assert.That(listed[0].ExpiresAt, Is.EqualTo(_time.GetUtcNow() + TimeSpan.FromMinutes(5)));
        var recorded = _log.Events.Single();
        Assert.That(recorded.Committed, Is.True, "the request is committed before the requester is told its id");
        Assert.That(recorded.Event.Kind, Is.EqualTo("approval_requested"));
        Assert.That(recorded.Event.SessionId, Is.EqualTo("session-1"));
        var data = Data(recorded.Event);
        Assert.That(data.GetProperty("id").GetString(), Is.EqualTo(ticket.Id));
        Assert.That(data.GetProperty("requester").GetString(), Is.EqualTo("alice"));
        Assert.That(data.GetProperty("rule").GetString(), Is.EqualTo("deletes_need_approval"));
        Assert.That(data.GetProperty("by").GetString(), Is.EqualTo("dba"));
        Assert.That(data.GetProperty("mode").GetString(), Is.EqualTo("hold"));
        Assert.That(data.GetProperty("timeout_ms").GetInt64(), Is.EqualTo(300_000));
    }

    [Test]
    public void Ids_are_distinct_and_typeable()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => _broker.Request(Ask(statement: $"delete from t where id = {i}")).Id).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Match(IdPattern()));
        Assert.That(_broker.Find(ids[0].ToUpperInvariant()), Is.Null, "ids are lower case, as printed");
    }

    [Test]
    public async Task An_approver_approves_and_the_ticket_completes_with_who_and_why()
    {
        var ticket = _broker.Request(Ask());

        var result = _broker.Decide(ticket.Id, "bob", Dba, approve: true, "looks fine");

        Assert.That(result, Is.EqualTo(ApprovalDecisionResult.Decided));
        var final = await ticket.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(final.State, Is.EqualTo(ApprovalState.Approved));
        Assert.That(final.DecidedBy, Is.EqualTo("bob"));
        Assert.That(final.Reason, Is.EqualTo("looks fine"));
        Assert.That(final.DecidedAt, Is.EqualTo(_time.GetUtcNow()));
        var resolved = _log.Events.Select(e => e.Event).OfType<ApprovalResolved>().Single();
        Assert.That(resolved.Kind, Is.EqualTo("approval_approved"));
        Assert.That(resolved.SessionId, Is.EqualTo("session-1"));
        Assert.That(Data(resolved).GetProperty("by").GetString(), Is.EqualTo("bob"));
        Assert.That(Data(resolved).GetProperty("reason").GetString(), Is.EqualTo("looks fine"));
        Assert.That(_time.ActiveTimers, Is.Zero, "the timeout is cancelled once decided");
    }

    [Test]
    public async Task A_denial_completes_the_ticket_as_denied()
    {
        var ticket = _broker.Request(Ask());

        Assert.That(_broker.Decide(ticket.Id, "bob", Dba, approve: false, "not during business hours"), Is.EqualTo(ApprovalDecisionResult.Decided));

        var final = await ticket.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(final.State, Is.EqualTo(ApprovalState.Denied));
        Assert.That(final.Reason, Is.EqualTo("not during business hours"));
        Assert.That(_log.Events[^1].Event.Kind, Is.EqualTo("approval_denied"));
    }

    [Test]
    public void The_requester_can_never_decide_their_own_request()
    {
        var ticket = _broker.Request(Ask(requester: "bob"));

        Assert.That(_broker.Decide(ticket.Id, "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.SelfApproval));
        Assert.That(_broker.Decide(ticket.Id, "bob", Dba, approve: false, null), Is.EqualTo(ApprovalDecisionResult.SelfApproval));
        Assert.That(_broker.Find(ticket.Id)!.State, Is.EqualTo(ApprovalState.Pending));
        Assert.That(_log.Events, Has.Count.EqualTo(1), "a refused decision records nothing");
    }

    [Test]
    public void Only_members_of_the_approver_group_decide()
    {
        var ticket = _broker.Request(Ask());

        Assert.That(_broker.Decide(ticket.Id, "carol", Developers, approve: true, null), Is.EqualTo(ApprovalDecisionResult.NotApprover));
        Assert.That(_broker.Decide(ticket.Id, "carol", ["DBA"], approve: true, null), Is.EqualTo(ApprovalDecisionResult.NotApprover), "group names are case-sensitive");
        Assert.That(_broker.Decide(ticket.Id, "carol", [], approve: true, null), Is.EqualTo(ApprovalDecisionResult.NotApprover));
        Assert.That(_broker.Decide("apr_aaaaaaaaaa", "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.NotFound));
        Assert.That(_broker.Find(ticket.Id)!.State, Is.EqualTo(ApprovalState.Pending));
    }

    [Test]
    [Repeat(50)]
    public async Task Of_racing_decisions_exactly_one_wins()
    {
        var ticket = _broker.Request(Ask());
        const int approvers = 8;
        using var start = new Barrier(approvers);
        var results = await Task.WhenAll(Enumerable.Range(0, approvers).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return (Approver: $"approver{i}", Result: _broker.Decide(ticket.Id, $"approver{i}", Dba, approve: i % 2 == 0, $"reason {i}"));
        })));

        var winners = results.Where(r => r.Result == ApprovalDecisionResult.Decided).ToList();
        Assert.That(winners, Has.Count.EqualTo(1));
        Assert.That(results.Count(r => r.Result == ApprovalDecisionResult.AlreadyDecided), Is.EqualTo(approvers - 1));
        var final = await ticket.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(final.DecidedBy, Is.EqualTo(winners[0].Approver), "the ticket carries the winner's decision");
        Assert.That(_log.Events.Select(e => e.Event).OfType<ApprovalResolved>().Count(), Is.EqualTo(1), "one final event per request");
    }

    [Test]
    public async Task A_request_nobody_decides_times_out_at_its_deadline()
    {
        var ticket = _broker.Request(Ask(timeout: TimeSpan.FromSeconds(90)));

        _time.Advance(TimeSpan.FromSeconds(89));
        Assert.That(ticket.Completion.IsCompleted, Is.False);

        _time.Advance(TimeSpan.FromSeconds(1));
        var final = await ticket.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(final.State, Is.EqualTo(ApprovalState.TimedOut));
        Assert.That(final.Reason, Is.EqualTo("no decision within 1m30s"));
        Assert.That(final.DecidedBy, Is.Null);
        Assert.That(_log.Events[^1].Event.Kind, Is.EqualTo("approval_timed_out"));
        Assert.That(_broker.Decide(ticket.Id, "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.AlreadyDecided));
    }

    [Test]
    public async Task The_requester_withdraws_and_later_decisions_find_it_final()
    {
        var ticket = _broker.Request(Ask());

        Assert.That(_broker.Withdraw(ticket.Id, "cancelled by the client"), Is.True);
        Assert.That(_broker.Withdraw(ticket.Id, "again"), Is.False);

        var final = await ticket.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(final.State, Is.EqualTo(ApprovalState.Withdrawn));
        Assert.That(final.Reason, Is.EqualTo("cancelled by the client"));
        Assert.That(_broker.Decide(ticket.Id, "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.AlreadyDecided));
        var withdrawn = _log.Events.Select(e => e.Event).OfType<ApprovalResolved>().Single();
        Assert.That(withdrawn.Kind, Is.EqualTo("approval_withdrawn"));
        Assert.That(Data(withdrawn).GetProperty("by").GetString(), Is.EqualTo("alice"));
        Assert.That(_broker.Withdraw("apr_unknown000", "x"), Is.False);
    }

    [Test]
    public void An_approved_retry_request_grants_the_same_requester_and_fingerprint_for_the_grant()
    {
        var ask = Ask(mode: ApprovalMode.Retry, grant: TimeSpan.FromMinutes(10));
        var ticket = _broker.Request(ask);
        Assert.That(_broker.TryGetGrant("alice", ask.Fingerprint, out _), Is.False, "nothing is granted while pending");

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.That(_broker.Decide(ticket.Id, "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.Decided));

        Assert.That(_broker.TryGetGrant("alice", ask.Fingerprint, out var grant), Is.True);
        Assert.That(grant!.Id, Is.EqualTo(ticket.Id));
        Assert.That(_broker.TryGetGrant("mallory", ask.Fingerprint, out _), Is.False, "another identity is not granted");
        Assert.That(_broker.TryGetGrant("alice", "delete from orders where id = ?", out _), Is.False, "another statement is not granted");
        var approved = _log.Events.Select(e => e.Event).OfType<ApprovalResolved>().Single();
        Assert.That(Data(approved).GetProperty("grant_until").GetString(), Is.EqualTo("2026-11-22T08:11:00.000000Z"));

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(10));
        Assert.That(_broker.TryGetGrant("alice", ask.Fingerprint, out _), Is.True, "still inside the grant");
        _time.Advance(TimeSpan.FromTicks(10));
        Assert.That(_broker.TryGetGrant("alice", ask.Fingerprint, out _), Is.False, "the grant has ended");
    }

    [Test]
    public void A_retry_while_its_request_is_pending_asks_nothing_new()
    {
        var first = _broker.Request(Ask(mode: ApprovalMode.Retry, session: "session-1"));
        var again = _broker.Request(Ask(mode: ApprovalMode.Retry, session: "session-2"));
        var other = _broker.Request(Ask(mode: ApprovalMode.Retry, requester: "mallory"));

        Assert.That(again.Id, Is.EqualTo(first.Id));
        Assert.That(other.Id, Is.Not.EqualTo(first.Id));
        Assert.That(_log.Events.Count(e => e.Event.Kind == "approval_requested"), Is.EqualTo(2));
    }

    [Test]
    public void Denied_and_timed_out_retry_requests_grant_nothing()
    {
        var ask = Ask(mode: ApprovalMode.Retry);
        var denied = _broker.Request(ask);
        _broker.Decide(denied.Id, "bob", Dba, approve: false, "no");
        Assert.That(_broker.TryGetGrant("alice", ask.Fingerprint, out _), Is.False);

        _broker.Request(ask);
        _time.Advance(ask.Timeout);
        Assert.That(_broker.TryGetGrant("alice", ask.Fingerprint, out _), Is.False);
        Assert.That(_broker.List().Select(r => r.State), Is.EqualTo(new[] { ApprovalState.TimedOut, ApprovalState.Denied }), "newest first");
    }

    [Test]
    public void A_request_the_log_cannot_commit_fails_its_recorded_task()
    {
        _log.Fail("disk full");

        var ticket = _broker.Request(Ask());

        Assert.That(ticket.Recorded.IsFaulted, Is.True);
        Assert.That(ticket.Recorded.Exception!.InnerException, Is.TypeOf<SessionLogUnavailableException>());
    }

    [Test]
    public void Durations_are_written_as_the_policy_language_writes_them()
    {
        Assert.That(ApprovalBroker.FormatDuration(TimeSpan.FromMinutes(5)), Is.EqualTo("5m"));
        Assert.That(ApprovalBroker.FormatDuration(TimeSpan.FromSeconds(3690)), Is.EqualTo("1h1m30s"));
        Assert.That(ApprovalBroker.FormatDuration(TimeSpan.FromMilliseconds(250)), Is.EqualTo("250ms"));
    }

    internal static ApprovalAsk Ask(
        string requester = "alice",
        string session = "session-1",
        string statement = "delete from accounts where id = 7",
        ApprovalMode mode = ApprovalMode.Hold,
        TimeSpan? timeout = null,
        TimeSpan? grant = null) => new(
            session,
            requester,
            "shop",
            statement,
            statement.Replace("7", "?", StringComparison.Ordinal),
            "deletes_need_approval",
            "deletes are reviewed",
            "dba",
            mode,
            timeout ?? TimeSpan.FromMinutes(5),
            grant ?? TimeSpan.FromMinutes(10));

    internal static JsonElement Data(SessionEvent sessionEvent)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            sessionEvent.WriteData(writer);
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    [GeneratedRegex("^apr_[a-z2-7]{10}$")]
    private static partial Regex IdPattern();
}

/// <summary>Restart: what the log says about requests is taken back; a request left pending is expired, with the reason.</summary>
[TestFixture]
public sealed class ApprovalBrokerRestartTests : SessionLogFileTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Requests_pending_at_a_restart_are_expired_with_the_reason_and_decided_ones_are_listed_again()
    {
        var time = new ManualTimeProvider();
        string pendingId, approvedId, grantId;
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance, SessionLogTestSupport.Fast))
        {
            using var broker = new ApprovalBroker(log, time, NullLogger.Instance);
            var pending = broker.Request(ApprovalBrokerTests.Ask(session: "session-held", statement: "delete from accounts where id = 7"));
            var approved = broker.Request(ApprovalBrokerTests.Ask(session: "session-done", statement: "delete from orders where id = 7") with { Parameters = ["7", null] });
            var grant = broker.Request(ApprovalBrokerTests.Ask(session: "session-agent", statement: "delete from carts where id = 7", mode: ApprovalMode.Retry));
            await Task.WhenAll(pending.Recorded, approved.Recorded, grant.Recorded);
            broker.Decide(approved.Id, "bob", ["dba"], approve: true, "ok");
            broker.Decide(grant.Id, "bob", ["dba"], approve: true, "agent may retry");
            (pendingId, approvedId, grantId) = (pending.Id, approved.Id, grant.Id);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance, SessionLogTestSupport.Fast))
        {
            using var broker = new ApprovalBroker(log, time, NullLogger.Instance);
            using (var reader = SessionLogReader.Open(DatabasePath))
            {
                Assert.That(broker.Recover(reader), Is.EqualTo(1));
            }

            var expired = broker.Find(pendingId)!;
            Assert.That(expired.State, Is.EqualTo(ApprovalState.Expired));
            Assert.That(expired.Reason, Is.EqualTo(ApprovalBroker.RestartReason));
            Assert.That(expired.Ask.Statement, Is.EqualTo("delete from accounts where id = 7"), "the request is shown as it was asked");
            Assert.That(expired.Ask.SessionId, Is.EqualTo("session-held"));
            Assert.That(broker.Find(approvedId)!.State, Is.EqualTo(ApprovalState.Approved));
            Assert.That(broker.Find(approvedId)!.DecidedBy, Is.EqualTo("bob"));
            Assert.That(broker.Find(approvedId)!.Ask.Parameters, Is.EqualTo(new[] { "7", null }), "Bind parameters come back from the log");
            Assert.That(broker.List(ApprovalState.Expired).Select(r => r.Id), Is.EqualTo(new[] { pendingId }));
            Assert.That(broker.TryGetGrant("alice", "delete from carts where id = ?", out var grant), Is.True, "a retry grant outlives the restart");
            Assert.That(grant!.Id, Is.EqualTo(grantId));
            await log.FlushAsync();
        }

        using (var reader = SessionLogReader.Open(DatabasePath))
        {
            var expiredEvent = reader.ReadEventsOfKinds(["approval_expired"]).Single();
            Assert.That(expiredEvent.SessionId, Is.EqualTo("session-held"), "tied to the session that asked");
            using var data = JsonDocument.Parse(expiredEvent.DataJson);
            Assert.That(data.RootElement.GetProperty("id").GetString(), Is.EqualTo(pendingId));
            Assert.That(data.RootElement.GetProperty("reason").GetString(), Is.EqualTo(ApprovalBroker.RestartReason));
        }

        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Strict, NullLogger.Instance, SessionLogTestSupport.Fast))
        {
            using var broker = new ApprovalBroker(log, time, NullLogger.Instance);
            using var reader = SessionLogReader.Open(DatabasePath);
            Assert.That(broker.Recover(reader), Is.Zero, "a second restart finds nothing left pending");
            Assert.That(broker.Find(pendingId)!.State, Is.EqualTo(ApprovalState.Expired));
        }
    }
}
