using Npgsql;
using NpgsqlTypes;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Tests.Policy;
using Proxy.Tests.Support;
using static Proxy.Tests.Support.NpgsqlCommands;

namespace Proxy.Tests.Integration;

/// <summary>
/// The postgres listener deciding statements against a real server: refusals are native errors (42501 naming
/// the rule), leave the session usable and the transaction exactly as a server error would, and every
/// statement reaches the session log with its decision and outcome.
/// </summary>
[TestFixture]
public sealed class PostgresEnforcementTests
{
    private const string Policy = """
        version 1
        default allow

        rule no_unscoped_writes {
          when sql.kind in [update, delete] and not sql.where
          then block "UPDATE/DELETE need a WHERE clause", log "unscoped write"
        }

        rule no_truncate {
          when sql.kind == truncate
          then approve(by: "dba")
        }

        rule no_dynamic_sql {
          when sql.dynamic
          then block "dynamic SQL hides the statement it runs"
        }

        rule watch_drops mode audit {
          when sql.kind == drop
          then block "would refuse DROP"
        }
        """;

    private InProcessProxy _proxy = null!;
    private string _table = null!;

    private static PostgresServer Server => PostgresFixture.Server;

    private static string Direct => Server.ConnectionString();

    private string Proxied => Server.ConnectionString(port: _proxy.Port);

    [SetUp]
    public async Task StartAsync()
    {
        _table = $"enforced_{Guid.NewGuid():N}";
        await ExecuteAsync(Direct, $"create table {_table} (id int primary key, note text)", CancellationToken.None);
        var policy = new PolicyStore(PolicyEvaluationTests.Compile(Policy));
        _proxy = InProcessProxy.Start(InProcessProxy.Listener(Server.EndPoint) with { Protocol = "postgres" }, policy: policy);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _proxy.DisposeAsync();
        await ExecuteAsync(Direct, $"drop table if exists {_table}", CancellationToken.None);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_blocked_statement_gets_42501_naming_the_rule_and_the_session_goes_on(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        await ExecuteAsync(connection, $"insert into {_table} values (1, 'kept')", cancellationToken);

        var refused = Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, $"delete from {_table}", cancellationToken));

        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(refused.MessageText, Is.EqualTo("blocked by policy rule no_unscoped_writes: UPDATE/DELETE need a WHERE clause"));
        Assert.That(await ScalarAsync<long>(connection, $"select count(*) from {_table}", cancellationToken), Is.EqualTo(1), "the session is still usable");
        await ExecuteAsync(connection, $"delete from {_table} where id = 1", cancellationToken);
        Assert.That(await ScalarAsync<long>(Direct, $"select count(*) from {_table}", cancellationToken), Is.Zero, "a scoped delete is allowed");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_query_with_one_blocked_statement_runs_none_of_its_statements(CancellationToken cancellationToken)
    {
        var result = await Server.PsqlAsync(["-c", $"insert into {_table} values (1, 'a'); update {_table} set note = 'b'"], port: _proxy.Port, cancellationToken: cancellationToken);

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString);
        Assert.That(result.StandardError, Does.Contain("ERROR:  blocked by policy rule no_unscoped_writes"));
        Assert.That(await ScalarAsync<long>(Direct, $"select count(*) from {_table}", cancellationToken), Is.Zero, "the insert before the refused update did not run");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_blocked_statement_aborts_the_open_transaction_and_commit_answers_rollback(CancellationToken cancellationToken)
    {
        var result = await Server.PsqlAsync(
            ["-v", "ON_ERROR_STOP=0", "-c", "begin", "-c", $"insert into {_table} values (1, 'a')", "-c", $"delete from {_table}", "-c", "select 1", "-c", "commit"],
            port: _proxy.Port,
            cancellationToken: cancellationToken);

        Assert.That(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "BEGIN", "INSERT 0 1", "ROLLBACK" }), result.ToString);
        Assert.That(result.StandardError, Does.Contain("blocked by policy rule no_unscoped_writes"));
        Assert.That(result.StandardError, Does.Contain("current transaction is aborted"), "the next statement meets the aborted transaction, as after any error");
        Assert.That(await ScalarAsync<long>(Direct, $"select count(*) from {_table}", cancellationToken), Is.Zero, "nothing was committed");
    }

    // Each case: a way of writing an unscoped write (or hiding one) that must still be refused; {0} is the table.
    [TestCase("DeLeTe FrOm {0}")] // case
    [TestCase("delete/**/from {0}")] // a comment between keywords
    [TestCase("delete -- a comment\nfrom {0}")] // a line comment between keywords
    [TestCase("/* leading /* nested */ comment */ delete from {0}")] // nested block comment first
    [TestCase("delete from {0} -- where id = 1")] // the WHERE is inside a comment
    [TestCase("update {0} set note = 'x' /* where id = 1 */")] // the WHERE is inside a block comment
    [TestCase("update {0} set note = 'where id = 1'")] // the WHERE is inside a string
    [TestCase("update {0} set note = $$ where id = 1 $$")] // the WHERE is inside a dollar quote
    [TestCase("select 1; delete from {0}")] // stacked after a harmless statement
    [TestCase("select $$;$$; delete from {0}")] // a semicolon inside a dollar quote
    [TestCase("select ';'; delete from {0}")] // a semicolon inside a string
    [TestCase("with gone as (delete from {0} returning *) select count(*) from gone")] // DML inside a CTE
    [TestCase("explain analyze delete from {0}")] // EXPLAIN ANALYZE runs the write
    [TestCase("explain (analyze, costs off) delete from {0}")] // the parenthesized option list
    [TestCase("do $$ begin delete from {0}; end $$")] // DO runs code the classifier cannot see
    [TestCase("prepare wipe as delete from {0}; execute wipe")] // PREPARE then EXECUTE
    [TestCase("delete from \"{0}\"")] // a quoted identifier
    [TestCase("delete from public.{0}")] // schema-qualified
    [TestCase("delete from U&\"{0}\"")] // a Unicode-escaped identifier
    [CancelAfter(30_000)]
    public async Task A_disguised_unscoped_write_is_still_refused(string template, CancellationToken cancellationToken)
    {
        await ExecuteAsync(Direct, $"insert into {_table} values (1, 'kept')", cancellationToken);
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, _table);

        var result = await Server.PsqlAsync(["-c", sql], port: _proxy.Port, cancellationToken: cancellationToken);

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString);
        Assert.That(result.StandardError, Does.Contain("ERROR:  blocked by policy rule"), result.ToString);
        Assert.That(await ScalarAsync<string>(Direct, $"select string_agg(note, ',') from {_table}", cancellationToken), Is.EqualTo("kept"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_batch_with_a_blocked_statement_commits_nothing_and_the_connection_recovers(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"insert into {_table} values (1, 'a')"),
                new NpgsqlBatchCommand($"update {_table} set note = 'b'"),
                new NpgsqlBatchCommand($"insert into {_table} values (2, 'c')"),
            },
        };

        var refused = Assert.ThrowsAsync<PostgresException>(async () => await batch.ExecuteNonQueryAsync(cancellationToken));

        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(await ScalarAsync<long>(Direct, $"select count(*) from {_table}", cancellationToken), Is.Zero);
        Assert.That(await ScalarAsync<int>(connection, "select 42", cancellationToken), Is.EqualTo(42));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_blocked_prepared_statement_is_refused_at_prepare_and_at_every_execution(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);
        await using var command = new NpgsqlCommand($"update {_table} set note = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = "x" });

        var atPrepare = Assert.ThrowsAsync<PostgresException>(async () => await command.PrepareAsync(cancellationToken));
        var atExecute = Assert.ThrowsAsync<PostgresException>(async () => await command.ExecuteNonQueryAsync(cancellationToken));

        Assert.That(atPrepare!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(atExecute!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(await ScalarAsync<int>(connection, "select 7", cancellationToken), Is.EqualTo(7));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_approval_rule_refuses_while_no_approver_can_be_asked(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(Proxied, cancellationToken);

        var refused = Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, $"truncate {_table}", cancellationToken));

        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(refused.MessageText, Does.Contain("needs approval by \"dba\" (policy rule no_truncate)"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Every_statement_is_recorded_with_its_decision_rule_parameters_and_outcome(CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(Proxied, cancellationToken))
        {
            await using (var insert = new NpgsqlCommand($"insert into {_table} values ($1, $2)", connection))
            {
                insert.Parameters.AddWithValue(1);
                insert.Parameters.AddWithValue("first");
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, $"delete from {_table}", cancellationToken));
            Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, "select * from no_such_table", cancellationToken));
        }

        await _proxy.Log.WaitForClosedCountAsync(1, TimeSpan.FromSeconds(10), cancellationToken);
        // Npgsql reads the server's types on its first connection; those statements are recorded too.
        var statements = _proxy.Log.Events.Select(e => e.Event).OfType<StatementEvent>()
            .Where(s => s.Text.Contains(_table, StringComparison.Ordinal) || s.Text.Contains("no_such_table", StringComparison.Ordinal))
            .ToArray();

        Assert.That(statements.Select(s => s.Text), Is.EqualTo(new[] { $"insert into {_table} values ($1, $2)", $"delete from {_table}", "select * from no_such_table" }), _proxy.Describe);
        var (inserted, deleted, failed) = (statements[0], statements[1], statements[2]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(inserted.Identity, Is.EqualTo(PostgresServer.Superuser));
            Assert.That(inserted.Database, Is.EqualTo("postgres"));
            Assert.That(inserted.StatementKind, Is.EqualTo("insert"));
            Assert.That(inserted.Parameters, Is.EqualTo(new[] { "\\x00000001", "first" }), "Npgsql sends the int4 in binary, the text as text");
            Assert.That(inserted.Decision.Verdict, Is.EqualTo("allow"));
            Assert.That(inserted.Decision.Rule, Is.Null);
            Assert.That(inserted.Outcome!.CommandTag, Is.EqualTo("INSERT 0 1"));
            Assert.That(inserted.Outcome.Rows, Is.EqualTo(1));
            Assert.That(inserted.Outcome.SqlState, Is.Null);

            Assert.That(deleted.Decision.Verdict, Is.EqualTo("block"));
            Assert.That(deleted.Decision.Rule, Is.EqualTo("no_unscoped_writes"));
            Assert.That(deleted.Decision.Tags, Is.EqualTo(new[] { "unscoped write" }));
            Assert.That(deleted.Outcome!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));

            Assert.That(failed.Decision.Verdict, Is.EqualTo("allow"));
            Assert.That(failed.Outcome!.SqlState, Is.EqualTo(PostgresErrorCodes.UndefinedTable));
            Assert.That(failed.Outcome.ErrorMessage, Does.Contain("no_such_table"));
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_audit_mode_rule_records_what_it_would_refuse_and_refuses_nothing(CancellationToken cancellationToken)
    {
        var scratch = $"scratch_{Guid.NewGuid():N}";
        await ExecuteAsync(Direct, $"create table {scratch} (id int)", cancellationToken);
        var result = await Server.PsqlAsync(["-c", $"drop table {scratch}"], port: _proxy.Port, cancellationToken: cancellationToken);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        await _proxy.Log.WaitForClosedCountAsync(1, TimeSpan.FromSeconds(10), cancellationToken);
        var dropped = _proxy.Log.Events.Select(e => e.Event).OfType<StatementEvent>().Single();
        Assert.That(dropped.Decision.Verdict, Is.EqualTo("allow"));
        Assert.That(dropped.Decision.WouldBlock, Is.EqualTo(new[] { "watch_drops" }));
        Assert.That(dropped.Outcome!.CommandTag, Is.EqualTo("DROP TABLE"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task In_strict_durability_a_statement_is_committed_before_it_runs_and_not_run_when_it_cannot_be(CancellationToken cancellationToken)
    {
        var log = new RecordingSessionLog(Durability.Strict);
        await using var strict = InProcessProxy.Start(InProcessProxy.Listener(Server.EndPoint) with { Protocol = "postgres" }, log);
        await using var connection = await OpenAsync(Server.ConnectionString(port: strict.Port), cancellationToken);

        await ExecuteAsync(connection, $"insert into {_table} values (1, 'recorded first')", cancellationToken);
        log.Fail("disk full");
        var refused = Assert.ThrowsAsync<PostgresException>(async () => await ExecuteAsync(connection, $"insert into {_table} values (2, 'never run')", cancellationToken));
        log.Recover();
        Assert.That(connection.State, Is.EqualTo(System.Data.ConnectionState.Open), () => refused + strict.Describe());
        await ExecuteAsync(connection, $"insert into {_table} values (3, 'after recovery')", cancellationToken);

        Assert.That(refused!.SqlState, Is.EqualTo("55000"));
        Assert.That(refused.MessageText, Does.StartWith("statement not run: the session log cannot record it (disk full)"));
        Assert.That(await ScalarAsync<string>(Direct, $"select string_agg(id::text, ',' order by id) from {_table}", cancellationToken), Is.EqualTo("1,3"));

        var events = log.Events.Where(e => e.Event is StatementEvent { Text: var text } && text.Contains(_table, StringComparison.Ordinal) || e.Event is StatementResultEvent).ToArray();
        var first = events.Single(e => e.Event is StatementEvent { Text: var text } && text.Contains("recorded first", StringComparison.Ordinal));
        var firstEvent = (StatementEvent)first.Event;
        Assert.That(first.Committed, Is.True, "committed before the statement was sent");
        Assert.That(firstEvent.Outcome, Is.Null, "the outcome is not known yet when it is committed");
        var result = events.Select(e => e.Event).OfType<StatementResultEvent>().Single(r => r.Sequence == firstEvent.Sequence);
        Assert.That(result.Outcome!.CommandTag, Is.EqualTo("INSERT 0 1"));
        var neverRun = events.Select(e => e.Event).OfType<StatementEvent>().Single(s => s.Text.Contains("never run", StringComparison.Ordinal));
        Assert.That(events.Select(e => e.Event).OfType<StatementResultEvent>().Single(r => r.Sequence == neverRun.Sequence).Outcome!.SqlState, Is.EqualTo("55000"));
    }
}
