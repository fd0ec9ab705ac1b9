using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Proxy.Core.Approvals;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Protocols;
using Proxy.Protocols.Postgres;
using Proxy.Protocols.Postgres.Auth;
using Proxy.Tests.Policy;
using Proxy.Tests.Support;
using static Proxy.Tests.Support.NpgsqlCommands;

namespace Proxy.Tests.Integration;

/// <summary>
/// `approve(…)` on a postgres listener against a real server, with psql and Npgsql: a held statement waits for
/// a decision taken through the broker (what the admin API calls), the client is told the request id at once,
/// and every outcome — approval, denial, timeout, cancel, a racing second decision — reaches the client as
/// PostgreSQL would report it and the session log as approval events.
/// </summary>
[TestFixture]
public sealed partial class PostgresApprovalTests
{
    private const string Policy = """
        version 1
        default allow

        rule deletes_need_approval "deletes are reviewed" {
          when sql.kind == delete
          then approve(by: "dba", timeout: 30s)
        }

        rule agents_update_on_approval {
          when sql.kind == update
          then approve(by: dba, mode: retry, grant: 10m)
        }
        """;

    private static readonly string[] Dba = ["dba"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private ManualTimeProvider _time = null!;
    private ApprovalBroker _broker = null!;
    private InProcessProxy _proxy = null!;
    private string _table = null!;

    private static PostgresServer Server => PostgresFixture.Server;

    private static string Direct => Server.ConnectionString();

    private string Proxied => Server.ConnectionString(port: _proxy.Port);

    [SetUp]
    public async Task StartAsync()
    {
        _table = $"approved_{Guid.NewGuid():N}";
        await ExecuteAsync(Direct, $"create table {_table} (id int primary key, note text); insert into {_table} values (1, 'one'), (2, 'two')", CancellationToken.None);
        var log = new RecordingSessionLog();
        _time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        _broker = new ApprovalBroker(log, _time, NullLogger.Instance);
        _proxy = InProcessProxy.Start(
            InProcessProxy.Listener(Server.EndPoint) with { Protocol = "postgres" },
            log,
            policy: new PolicyStore(PolicyEvaluationTests.Compile(Policy)),
            approvals: _broker);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _proxy.DisposeAsync();
        _broker.Dispose();
        await ExecuteAsync(Direct, $"drop table if exists {_table}", CancellationToken.None);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_held_delete_approved_through_the_broker_completes_in_psql(CancellationToken cancellationToken)
    {
        var psql = Server.PsqlAsync(["-c", $"delete from {_table} where id = 1"], port: _proxy.Port, cancellationToken: cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);

        Assert.That(_broker.Decide(request.Id, "bob", Dba, approve: true, "checked"), Is.EqualTo(ApprovalDecisionResult.Decided));
        var result = await psql;

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.StandardOutput.Trim(), Is.EqualTo("DELETE 1"));
        Assert.That(result.StandardError, Does.Contain($"NOTICE:  statement held for approval: request {request.Id} (policy rule deletes_need_approval); waiting up to 30s for a member of \"dba\""));
        Assert.That(result.StandardError, Does.Contain($"HINT:  an approver runs: proxy approvals approve {request.Id}"));
        Assert.That(await CountAsync(), Is.EqualTo(1));
        Assert.That(request.Ask.Requester, Is.EqualTo(PostgresServer.Superuser), "passthrough: the requester is the database user");
        Assert.That(request.Ask.Fingerprint, Is.EqualTo($"delete from {_table} where id = ?"));

        var statement = await WaitForStatementAsync(s => s.Text.StartsWith("delete", StringComparison.Ordinal), cancellationToken);
        Assert.That(statement.Decision.Verdict, Is.EqualTo("approve"));
        Assert.That(statement.Decision.Approval, Is.EqualTo(request.Id));
        Assert.That(statement.Outcome!.CommandTag, Is.EqualTo("DELETE 1"));
        var approvals = _proxy.Log.Events.Select(e => e.Event).Where(e => e.Kind.StartsWith("approval_", StringComparison.Ordinal)).ToList();
        Assert.That(approvals.Select(e => e.Kind), Is.EqualTo(new[] { "approval_requested", "approval_approved" }));
        Assert.That(approvals.Select(e => e.SessionId), Has.All.EqualTo(statement.SessionId), "tied to the requesting session");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_held_execute_approved_through_the_broker_completes_in_npgsql(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        var notices = new List<string>();
        connection.Notice += (_, e) =>
        {
            lock (notices)
            {
                notices.Add(e.Notice.MessageText + " | " + e.Notice.Hint);
            }
        };
        await using var command = new NpgsqlCommand($"delete from {_table} where id = @id", connection);
        command.Parameters.AddWithValue("id", 2);

        var delete = command.ExecuteNonQueryAsync(cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);
        Assert.That(request.Ask.Statement, Is.EqualTo($"delete from {_table} where id = $1"));
        Assert.That(request.Ask.Parameters, Is.EqualTo(new[] { "\\x00000002" }), "the approver sees which row: Npgsql binds an int4 in binary");
        Assert.That(_broker.Decide(request.Id, "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.Decided));

        Assert.That(await delete, Is.EqualTo(1));
        Assert.That(await CountAsync(), Is.EqualTo(1));
        lock (notices)
        {
            Assert.That(notices, Has.One.Contains($"request {request.Id}").And.Contains($"proxy approvals approve {request.Id}"));
        }

        Assert.That(await ScalarAsync<int>(connection, "select 41 + 1", cancellationToken), Is.EqualTo(42), "the session goes on");
        var statement = await WaitForStatementAsync(s => s.Text.StartsWith("delete", StringComparison.Ordinal), cancellationToken);
        Assert.That(statement.Parameters, Is.EqualTo(new[] { "\\x00000002" }), "Npgsql binds an int4 in binary");
        Assert.That(statement.Decision.Approval, Is.EqualTo(request.Id));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task The_notice_reaches_the_client_whole_while_rows_of_an_earlier_statement_stream_through(CancellationToken cancellationToken)
    {
        // One Npgsql batch: a large SELECT, then a held DELETE, pipelined before one Sync. The SELECT is forwarded
        // and its rows stream back (through the server loop, in pieces) while the client loop writes the notice.
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        var notices = 0;
        connection.Notice += (_, _) => Interlocked.Increment(ref notices);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("select i, repeat('x', 100) from generate_series(1, 200000) as i"),
                new NpgsqlBatchCommand($"delete from {_table} where id = 1"),
            },
        };

        var reading = Task.Run(
            async () =>
            {
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                long sum = 0;
                long rows = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    sum += reader.GetInt32(0);
                    Assert.That(reader.GetString(1), Has.Length.EqualTo(100));
                    rows++;
                }

                // The DELETE returns no rows: reading on runs it to its completion.
                while (await reader.NextResultAsync(cancellationToken))
                {
                }

                return (rows, sum);
            },
            cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);
        await WaitUntilAsync(() => Volatile.Read(ref notices) == 1, cancellationToken);

        Assert.That(_broker.Decide(request.Id, "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.Decided));
        var (rows, sum) = await reading;

        Assert.That(rows, Is.EqualTo(200_000));
        Assert.That(sum, Is.EqualTo(200_000L * 200_001 / 2));
        Assert.That(batch.BatchCommands[1].RecordsAffected, Is.EqualTo(1));
        Assert.That(await CountAsync(), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(90_000)]
    [Repeat(3)]
    public async Task A_query_held_while_rows_of_the_previous_one_stream_gets_its_notice_between_whole_messages(CancellationToken cancellationToken)
    {
        // The client sends a large SELECT, starts reading its rows, and sends the held DELETE while they stream:
        // the notice is written (by the client loop) while the server loop is forwarding rows, often in pieces.
        const int Rows = 20_000;
        await using var client = await PostgresWireClient.ConnectAsync(_proxy.EndPoint, cancellationToken);
        await client.StartAsync(cancellationToken);
        await client.SendAsync(PostgresWireClient.Query($"select i, repeat('x', 1000) from generate_series(1, {Rows}) as i"), cancellationToken);

        var types = new List<char>();
        var dataRows = 0;
        WireMessage? notice = null;
        while (types.Count < 200)
        {
            types.Add(Check(await client.ReadAsync(cancellationToken)));
        }

        await client.SendAsync(PostgresWireClient.Query($"delete from {_table} where id = 1"), cancellationToken);
        while (types[^1] != 'Z')
        {
            types.Add(Check(await client.ReadAsync(cancellationToken)));
        }

        Assert.That(dataRows, Is.EqualTo(Rows), "every row arrived whole");
        Assert.That(types.Where(t => t != 'D' && t != 'N'), Is.EqualTo(new[] { 'T', 'C', 'Z' }), "nothing else came between the rows");
        var request = await WaitForPendingAsync(cancellationToken);
        if (notice is null)
        {
            // The SELECT ended before the DELETE was framed: the notice follows on its own.
            notice = await client.ReadAsync(cancellationToken);
        }

        Assert.That(notice!.Type, Is.EqualTo('N'));
        Assert.That(notice.Fields()['M'], Does.Contain(request.Id));
        _broker.Decide(request.Id, "bob", Dba, approve: true, null);
        var deleted = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(deleted.Select(m => m.Type), Is.EqualTo(new[] { 'C', 'Z' }));
        Assert.That(await CountAsync(), Is.EqualTo(1));

        char Check(WireMessage? message)
        {
            Assert.That(message, Is.Not.Null, "the connection ended");
            switch (message!.Type)
            {
                case 'D':
                    Assert.That(BinaryPrimitives.ReadInt16BigEndian(message.Body), Is.EqualTo(2), "a DataRow of two columns");
                    Assert.That(message.Body, Has.Length.EqualTo(2 + 4 + Encoding.ASCII.GetByteCount((dataRows + 1).ToString(CultureInfo.InvariantCulture)) + 4 + 1000));
                    dataRows++;
                    break;
                case 'N':
                    Assert.That(notice, Is.Null, "one notice");
                    notice = message;
                    break;
            }

            return message.Type;
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_denied_statement_gets_42501_with_the_reason_and_does_not_run(CancellationToken cancellationToken)
    {
        var psql = Server.PsqlAsync(["-c", $"delete from {_table} where id = 1"], port: _proxy.Port, cancellationToken: cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);

        Assert.That(_broker.Decide(request.Id, "bob", Dba, approve: false, "not during the sale"), Is.EqualTo(ApprovalDecisionResult.Decided));
        var result = await psql;

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString);
        Assert.That(result.StandardError, Does.Contain($"ERROR:  approval request {request.Id} was denied by bob: not during the sale"));
        Assert.That(await CountAsync(), Is.EqualTo(2), "nothing was deleted");
        var statement = await WaitForStatementAsync(s => s.Text.StartsWith("delete", StringComparison.Ordinal), cancellationToken);
        Assert.That(statement.Outcome!.SqlState, Is.EqualTo("42501"));
        Assert.That(_proxy.Log.Events.Select(e => e.Event.Kind), Does.Contain("approval_denied"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_statement_nobody_decides_times_out_with_42501_and_the_session_goes_on(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        var delete = ExecuteAsync(connection, $"delete from {_table} where id = 1", cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);

        _time.Advance(TimeSpan.FromSeconds(30));

        var refused = Assert.ThrowsAsync<PostgresException>(async () => await delete);
        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(refused.MessageText, Is.EqualTo($"approval request {request.Id} timed out: no decision within 30s"));
        Assert.That(_broker.Find(request.Id)!.State, Is.EqualTo(ApprovalState.TimedOut));
        Assert.That(await ScalarAsync<long>(connection, $"select count(*) from {_table}", cancellationToken), Is.EqualTo(2), "the session goes on; nothing was deleted");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Npgsql_cancelling_a_held_statement_withdraws_the_request(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delete = ExecuteAsync(connection, $"delete from {_table} where id = 1", cancel.Token);
        var request = await WaitForPendingAsync(cancellationToken);

        await cancel.CancelAsync();

        var cancelled = Assert.CatchAsync<OperationCanceledException>(async () => await delete);
        Assert.That(cancelled!.InnerException, Is.TypeOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.QueryCanceled));
        var final = _broker.Find(request.Id)!;
        Assert.That(final.State, Is.EqualTo(ApprovalState.Withdrawn));
        Assert.That(final.Reason, Is.EqualTo("cancelled by the client"));
        Assert.That(await ScalarAsync<long>(connection, $"select count(*) from {_table}", cancellationToken), Is.EqualTo(2), "the session goes on; nothing was deleted");
        Assert.That(_broker.Decide(request.Id, "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.AlreadyDecided), "a withdrawn request cannot be approved");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Psql_interrupted_with_sigint_withdraws_the_held_request(CancellationToken cancellationToken)
    {
        var psql = Server.PsqlAsync(["-c", $"delete from {_table} where id = 1"], port: _proxy.Port, cancellationToken: cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);

        // psql answers SIGINT (Ctrl-C) by sending a CancelRequest on a new connection.
        await SignalPsqlAsync("INT", cancellationToken);
        var result = await psql;

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString);
        Assert.That(result.StandardError, Does.Contain($"ERROR:  canceling statement due to user request (approval request {request.Id} withdrawn)"));
        Assert.That(_broker.Find(request.Id)!.State, Is.EqualTo(ApprovalState.Withdrawn));
        Assert.That(await CountAsync(), Is.EqualTo(2));
        Assert.That(_proxy.Log.Events.Select(e => e.Event.Kind), Does.Contain("approval_withdrawn"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_session_whose_client_dies_while_held_withdraws_its_request(CancellationToken cancellationToken)
    {
        var psql = Server.PsqlAsync(["-c", $"delete from {_table} where id = 1"], port: _proxy.Port, cancellationToken: cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);

        // No Terminate, no cancel: the process is gone and the kernel closes its socket.
        await SignalPsqlAsync("KILL", cancellationToken);
        await psql;

        await WaitUntilAsync(() => _broker.Find(request.Id)!.State != ApprovalState.Pending, cancellationToken);
        var final = _broker.Find(request.Id)!;
        Assert.That(final.State, Is.EqualTo(ApprovalState.Withdrawn));
        Assert.That(final.Reason, Is.EqualTo("the client closed the session while the statement was held"));
        Assert.That(_broker.Decide(request.Id, "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.AlreadyDecided));
        Assert.That(await CountAsync(), Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_requester_cannot_approve_their_own_held_statement(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        var delete = ExecuteAsync(connection, $"delete from {_table} where id = 1", cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);

        Assert.That(_broker.Decide(request.Id, PostgresServer.Superuser, Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.SelfApproval));
        Assert.That(_broker.Decide(request.Id, "carol", ["developers"], approve: true, null), Is.EqualTo(ApprovalDecisionResult.NotApprover));
        Assert.That(_broker.Find(request.Id)!.State, Is.EqualTo(ApprovalState.Pending));
        Assert.That(delete.IsCompleted, Is.False, "still held");

        _broker.Decide(request.Id, "bob", Dba, approve: false, "self-approval test");
        Assert.ThrowsAsync<PostgresException>(async () => await delete);
        Assert.That(await CountAsync(), Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(60_000)]
    [Repeat(3)]
    public async Task Of_two_approvers_racing_exactly_one_decides_and_the_client_sees_that_decision(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        var delete = ExecuteAsync(connection, $"delete from {_table} where id = 1", cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);

        using var start = new Barrier(2);
        var decisions = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return _broker.Decide(request.Id, "bob", Dba, approve: true, "go"); }),
            Task.Run(() => { start.SignalAndWait(); return _broker.Decide(request.Id, "dave", Dba, approve: false, "stop"); }));

        Assert.That(decisions.Count(d => d == ApprovalDecisionResult.Decided), Is.EqualTo(1));
        Assert.That(decisions.Count(d => d == ApprovalDecisionResult.AlreadyDecided), Is.EqualTo(1));
        var final = _broker.Find(request.Id)!;
        if (final.State == ApprovalState.Approved)
        {
            await delete;
            Assert.That(await CountAsync(), Is.EqualTo(1));
        }
        else
        {
            Assert.That(final.State, Is.EqualTo(ApprovalState.Denied));
            Assert.ThrowsAsync<PostgresException>(async () => await delete);
            Assert.That(await CountAsync(), Is.EqualTo(2));
        }

        Assert.That(_proxy.Log.Events.Count(e => e.Event is ApprovalResolved), Is.EqualTo(1), "one decision is recorded");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_held_statement_does_not_hold_up_other_sessions(CancellationToken cancellationToken)
    {
        await using var held = await OpenAsync(Proxied, cancellationToken);
        var delete = ExecuteAsync(held, $"delete from {_table} where id = 1", cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);

        await using (var other = await OpenAsync(Proxied, cancellationToken))
        {
            await ExecuteAsync(other, $"insert into {_table} values (3, 'three')", cancellationToken);
            Assert.That(await ScalarAsync<long>(other, $"select count(*) from {_table}", cancellationToken), Is.EqualTo(3));
        }

        Assert.That(delete.IsCompleted, Is.False, "still held");
        _broker.Decide(request.Id, "bob", Dba, approve: true, null);
        await delete;
        Assert.That(await CountAsync(), Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_denied_statement_aborts_the_open_transaction_and_commit_answers_rollback(CancellationToken cancellationToken)
    {
        var psql = Server.PsqlAsync(
            ["-v", "ON_ERROR_STOP=0", "-c", "begin", "-c", $"insert into {_table} values (3, 'three')", "-c", $"delete from {_table} where id = 1", "-c", "select 1", "-c", "commit"],
            port: _proxy.Port,
            cancellationToken: cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);
        _broker.Decide(request.Id, "bob", Dba, approve: false, "no");
        var result = await psql;

        Assert.That(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "BEGIN", "INSERT 0 1", "ROLLBACK" }), result.ToString);
        Assert.That(result.StandardError, Does.Contain($"approval request {request.Id} was denied by bob: no"));
        Assert.That(result.StandardError, Does.Contain("current transaction is aborted"));
        Assert.That(await CountAsync(), Is.EqualTo(2), "neither the insert nor the delete was committed");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Retry_mode_refuses_at_once_then_grants_the_same_statement_to_the_same_identity_for_the_grant(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        var update = $"update {_table} set note = 'first' where id = 1";

        var refused = Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, update, cancellationToken));
        var id = RequestId().Match(refused!.MessageText).Value;
        Assert.That(refused.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(refused.MessageText, Does.Contain($"approval request {id} is pending; run the statement again once it is approved"));
        Assert.That(refused.Hint, Is.EqualTo($"an approver runs: proxy approvals approve {id}"));
        var again = Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, update, cancellationToken));
        Assert.That(again!.MessageText, Does.Contain(id), "a retry before the decision asks nothing new");

        Assert.That(_broker.Decide(id, "bob", Dba, approve: true, "one-off fix"), Is.EqualTo(ApprovalDecisionResult.Decided));
        await ExecuteAsync(connection, $"UPDATE {_table} SET note = 'second' WHERE id = 1 -- the agent's retry", cancellationToken);
        Assert.That(await ScalarAsync<string>(Direct, $"select note from {_table} where id = 1", cancellationToken), Is.EqualTo("second"), "the same statement, other literals: granted");

        await using (var other = await OpenAsync(Proxied, cancellationToken))
        {
            // Another session of the same identity is granted too: the grant is the identity's, not the session's.
            await ExecuteAsync(other, update, cancellationToken);
        }

        // psql, not Npgsql: a simple Query is decided before anything reaches the server, where the table does not exist.
        var elsewhere = await Server.PsqlAsync(["-c", update], port: _proxy.Port, database: "template1", cancellationToken: cancellationToken);
        Assert.That(elsewhere.StandardError, Does.Contain("approval request apr_").And.Not.Contain(id), "the grant is for the database it was asked on");

        var different = Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, $"update {_table} set note = 'x' where id > 0", cancellationToken));
        Assert.That(different!.MessageText, Does.Not.Contain(id), "a different statement is not granted");
        Assert.That(_broker.TryGetGrant("someone_else", StatementFingerprintOf(update), out _), Is.False, "another identity is not granted");

        _time.Advance(TimeSpan.FromMinutes(10));
        var expired = Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, update, cancellationToken));
        Assert.That(RequestId().Match(expired!.MessageText).Value, Is.Not.EqualTo(id), "after the grant a new request is needed");
        var ran = _proxy.Log.Events.Select(e => e.Event).OfType<StatementEvent>().Where(s => s.Decision.Approval == id && s.Outcome?.CommandTag == "UPDATE 1").ToList();
        Assert.That(ran, Has.Count.EqualTo(2), "the statements the grant let run name it");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_request_the_session_log_cannot_record_refuses_the_statement_with_55000(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        _proxy.Log.Fail("disk full");
        try
        {
            var refused = Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, $"delete from {_table} where id = 1", cancellationToken));

            Assert.That(refused!.SqlState, Is.EqualTo("55000"));
            Assert.That(refused.MessageText, Does.StartWith("statement not run: the session log cannot record its approval request"));
            var request = _broker.List().Single();
            Assert.That(request.State, Is.EqualTo(ApprovalState.Withdrawn), "nobody can approve what the log does not have");
            Assert.That(request.Reason, Is.EqualTo("the session log cannot record the request"));
        }
        finally
        {
            _proxy.Log.Recover();
        }

        Assert.That(await CountAsync(), Is.EqualTo(2));
        Assert.That(await ScalarAsync<int>(connection, "select 1", cancellationToken), Is.EqualTo(1), "the session goes on");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task With_held_credentials_the_requester_is_the_proxy_identity_and_cannot_approve_itself(CancellationToken cancellationToken)
    {
        const string AlicePassword = "alice-password";
        var identities = new Dictionary<string, ProxyIdentity>
        {
            ["alice"] = new("alice", ScramVerifier.Create(AlicePassword).Format(), ["dba"]),
        };
        var settings = new PostgresSettings
        {
            Auth = PostgresAuth.Held,
            Upstream = new HeldCredential(PostgresServer.PasswordUser, PostgresServer.PasswordUserPassword),
        };
        await using var held = InProcessProxy.Start(
            InProcessProxy.Listener(Server.EndPoint) with { Protocol = "postgres", ProtocolSettings = settings },
            policy: new PolicyStore(PolicyEvaluationTests.Compile("version 1\nrule shows_need_approval { when sql.kind == show then approve(by: dba) }\n")),
            identities: identities,
            approvals: _broker);
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = PostgresServer.Host,
            Port = held.Port,
            Username = "alice",
            Password = AlicePassword,
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        var show = ScalarAsync<string>(connection, "show server_version", cancellationToken);
        var request = await WaitForPendingAsync(cancellationToken);

        Assert.That(request.Ask.Requester, Is.EqualTo("alice"), "the identity that logged in, not the held role");
        Assert.That(_broker.Decide(request.Id, "alice", identities["alice"].Groups, approve: true, null), Is.EqualTo(ApprovalDecisionResult.SelfApproval), "a member of the group, but the requester");
        Assert.That(_broker.Decide(request.Id, "bob", Dba, approve: true, null), Is.EqualTo(ApprovalDecisionResult.Decided));
        Assert.That(await show, Is.Not.Empty);
    }

    private static string StatementFingerprintOf(string sql) => Proxy.Protocols.Postgres.Sql.StatementFingerprint.Of(sql);

    private async Task<ApprovalRequest> WaitForPendingAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            if (_broker.List(ApprovalState.Pending) is [var request])
            {
                return request;
            }

            await Task.Delay(20, cancellationToken);
        }

        Assert.Fail($"no pending approval request within {Patience}{Environment.NewLine}{_proxy.Describe()}");
        return null!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(deadline.Elapsed, Is.LessThan(Patience), "condition not met in time");
            await Task.Delay(20, cancellationToken);
        }
    }

    private async Task<StatementEvent> WaitForStatementAsync(Func<StatementEvent, bool> match, CancellationToken cancellationToken)
    {
        StatementEvent? found = null;
        await WaitUntilAsync(() => (found = _proxy.Log.Events.Select(e => e.Event).OfType<StatementEvent>().FirstOrDefault(match)) is not null, cancellationToken);
        return found!;
    }

    /// <summary>Sends a signal to the psql process running a statement on this test's table.</summary>
    private async Task SignalPsqlAsync(string signal, CancellationToken cancellationToken)
    {
        var pids = Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Where(pid =>
            {
                try
                {
                    var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
                    return commandLine.Contains("psql", StringComparison.Ordinal) && commandLine.Contains(_table, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .ToList();
        Assert.That(pids, Has.Count.EqualTo(1), "the psql process");
        var kill = await ExternalProcess.RunAsync("kill", [$"-{signal}", pids[0]!], TimeSpan.FromSeconds(10), cancellationToken: cancellationToken);
        Assert.That(kill.ExitCode, Is.Zero, kill.ToString);
    }

    private async Task<long> CountAsync() => await ScalarAsync<long>(Direct, $"select count(*) from {_table}", CancellationToken.None);

    [GeneratedRegex("apr_[a-z2-7]{10}")]
    private static partial Regex RequestId();
}
