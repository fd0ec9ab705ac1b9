using System.Buffers.Binary;
using Npgsql;
using Proxy.Core.Policy;
using Proxy.Core.Sessions;
using Proxy.Tests.Policy;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>
/// The postgres listener's protocol handling against a real server: encryption requests, cancel keys,
/// notifications, FunctionCall, and malformed or oversize input answered with 08P01 without harm to the proxy.
/// </summary>
[TestFixture]
public sealed class PostgresProtocolTests
{
    private static PostgresServer Server => PostgresFixture.Server;

    private static InProcessProxy Start(string? policy = null) => InProcessProxy.Start(
        InProcessProxy.Listener(Server.EndPoint) with { Protocol = "postgres" },
        policy: policy is null ? null : new PolicyStore(PolicyEvaluationTests.Compile(policy)));

    [Test]
    [CancelAfter(30_000)]
    public async Task Npgsql_cancellation_of_pg_sleep_reaches_the_server_through_a_key_the_proxy_issued(CancellationToken cancellationToken)
    {
        await using var proxy = Start();
        await using var connection = new NpgsqlConnection(Server.ConnectionString(port: proxy.Port));
        await connection.OpenAsync(cancellationToken);
        await using (var pid = new NpgsqlCommand("select pg_backend_pid()", connection))
        {
            Assert.That(connection.ProcessID, Is.Not.EqualTo((int)(await pid.ExecuteScalarAsync(cancellationToken))!), "the client never sees the server's key");
        }

        await using var sleep = new NpgsqlCommand("select pg_sleep(60)", connection);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;

        var cancelled = Assert.CatchAsync<OperationCanceledException>(async () => await sleep.ExecuteNonQueryAsync(cancel.Token));

        Assert.That(cancelled!.InnerException, Is.TypeOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.QueryCanceled));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(20)), "cancelled, not run to its end");
        await using var after = new NpgsqlCommand("select 1", connection);
        Assert.That(await after.ExecuteScalarAsync(cancellationToken), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Psql_ctrl_c_cancels_the_running_statement_through_the_proxy(CancellationToken cancellationToken)
    {
        await using var proxy = Start();

        // SIGINT is what Ctrl-C sends; psql answers it with a CancelRequest on a new connection.
        var script = $"\"{Server.PsqlPath}\" -X -h 127.0.0.1 -p {proxy.Port} -U postgres -d postgres -c 'select pg_sleep(60)' & "
            + "pid=$!; sleep 1; kill -INT $pid; wait $pid";
        var started = DateTime.UtcNow;
        var result = await ExternalProcess.RunAsync("bash", ["-c", script], TimeSpan.FromSeconds(45), cancellationToken: cancellationToken);

        Assert.That(result.StandardError, Does.Contain("canceling statement due to user request"), result.ToString);
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(30)), "cancelled, not run to its end");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_cancel_request_with_a_key_the_proxy_did_not_issue_cancels_nothing(CancellationToken cancellationToken)
    {
        await using var proxy = Start();
        await using var connection = new NpgsqlConnection(Server.ConnectionString(port: proxy.Port));
        await connection.OpenAsync(cancellationToken);
        await using var sleep = new NpgsqlCommand("select pg_sleep(1)", connection);
        var sleeping = sleep.ExecuteNonQueryAsync(cancellationToken);

        await using (var forger = await PostgresWireClient.ConnectAsync(proxy.EndPoint, cancellationToken))
        {
            var request = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(request, 16);
            BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(4), 80877102);
            BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(8), connection.ProcessID);
            BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(12), 12345);
            await forger.SendAsync(request, cancellationToken);
            Assert.That(await forger.IsClosedAsync(cancellationToken), Is.True);
        }

        Assert.DoesNotThrowAsync(async () => await sleeping, "the right process id with a wrong secret cancels nothing");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Listen_and_notify_deliver_notifications_through_the_proxy(CancellationToken cancellationToken)
    {
        await using var proxy = Start();
        await using var listener = new NpgsqlConnection(Server.ConnectionString(port: proxy.Port));
        await listener.OpenAsync(cancellationToken);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, e) => received.TrySetResult($"{e.Channel}:{e.Payload}");
        await using (var listen = new NpgsqlCommand("listen proxy_channel", listener))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var notifier = new NpgsqlConnection(Server.ConnectionString(port: proxy.Port)))
        {
            await notifier.OpenAsync(cancellationToken);
            await using var notify = new NpgsqlCommand("notify proxy_channel, 'hello ü'", notifier);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await listener.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        Assert.That(await received.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken), Is.EqualTo("proxy_channel:hello ü"));
    }

    [TestCase(80877103, TestName = "SSLRequest_is_declined_with_N_and_the_session_goes_on_in_the_clear")]
    [TestCase(80877104, TestName = "GSSENCRequest_is_declined_with_N_and_the_session_goes_on_in_the_clear")]
    [CancelAfter(30_000)]
    public async Task Encryption_request_is_declined(int code, CancellationToken cancellationToken)
    {
        await using var proxy = Start();
        await using var client = await PostgresWireClient.ConnectAsync(proxy.EndPoint, cancellationToken);
        var request = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(request, 8);
        BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(4), code);
        await client.SendAsync(request, cancellationToken);

        var answer = await client.Socket.ReceiveExactlyAsync(1, cancellationToken);
        var startup = await client.StartAsync(cancellationToken);

        Assert.That((char)answer[0], Is.EqualTo('N'));
        Assert.That(startup.Select(m => m.Type), Does.Contain('R').And.Contain('K'));
        Assert.That(startup[^1].Type, Is.EqualTo('Z'));
    }

    // Each case: bytes a client opens with, and what the 08P01 message says about them.
    [TestCase(new byte[] { 0, 0, 0, 8, 0, 0, 0x30, 0x39 }, "unknown startup request code 12345", TestName = "Unknown_startup_code")]
    [TestCase(new byte[] { 0, 0, 0, 8, 0, 2, 0, 0 }, "unsupported frontend protocol 2.0", TestName = "Protocol_2")]
    [TestCase(new byte[] { 0, 1, 0, 0, 0, 3, 0, 0 }, "startup packet of 65536 bytes", TestName = "Startup_longer_than_10000_bytes")]
    [TestCase(new byte[] { 0, 0, 0, 12, 0, 3, 0, 0, 0, 0, 0, 0 }, "no PostgreSQL user name", TestName = "Startup_without_a_user")]
    [CancelAfter(30_000)]
    public async Task Malformed_startup_gets_08P01_and_the_proxy_keeps_serving(byte[] opening, string problem, CancellationToken cancellationToken)
    {
        await using var proxy = Start();
        await using (var client = await PostgresWireClient.ConnectAsync(proxy.EndPoint, cancellationToken))
        {
            await client.SendAsync(opening, cancellationToken);
            var error = await client.ReadAsync(cancellationToken);

            Assert.That(error?.Type, Is.EqualTo('E'));
            Assert.That(error!.Fields()['C'], Is.EqualTo("08P01"));
            Assert.That(error.Fields()['S'], Is.EqualTo("FATAL"));
            Assert.That(error.Fields()['M'], Does.Contain(problem));
            Assert.That(await client.IsClosedAsync(cancellationToken), Is.True);
        }

        var closed = (await proxy.Log.WaitForClosedCountAsync(1, TimeSpan.FromSeconds(10), cancellationToken)).Single();
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ProtocolError));
        Assert.That(closed.Detail, Does.Contain(problem));
        var psql = await Server.PsqlAsync(["-At", "-c", "select 'still serving'"], port: proxy.Port, cancellationToken: cancellationToken);
        Assert.That(psql.StandardOutput.Trim(), Is.EqualTo("still serving"), psql.ToString);
    }

    // Each case: a message sent after a good startup, and what the 08P01 message says about it.
    [TestCase(new byte[] { (byte)'Q', 0, 0x20, 0, 0 }, "is 2097153 bytes; the limit is 1048576", TestName = "Query_over_the_message_limit_is_refused_from_its_header")]
    [TestCase(new byte[] { (byte)'Q', 0, 0, 0, 2 }, "declares length 2", TestName = "Length_below_4")]
    [TestCase(new byte[] { (byte)'!', 0, 0, 0, 4 }, "unknown message type '!'", TestName = "Unknown_message_type")]
    [TestCase(new byte[] { (byte)'Q', 0, 0, 0, 7, (byte)'a', (byte)'b', (byte)'c' }, "string without its terminating zero", TestName = "Query_without_its_terminator")]
    [CancelAfter(30_000)]
    public async Task Malformed_message_gets_08P01_closes_the_session_and_the_proxy_keeps_serving(byte[] message, string problem, CancellationToken cancellationToken)
    {
        await using var proxy = Start();
        await using (var client = await PostgresWireClient.ConnectAsync(proxy.EndPoint, cancellationToken))
        {
            await client.StartAsync(cancellationToken);
            await client.SendAsync(message, cancellationToken);
            var error = await client.ReadAsync(cancellationToken);

            Assert.That(error?.Type, Is.EqualTo('E'));
            Assert.That(error!.Fields()['C'], Is.EqualTo("08P01"));
            Assert.That(error.Fields()['M'], Does.Contain(problem));
            Assert.That(await client.IsClosedAsync(cancellationToken), Is.True);
        }

        var closed = (await proxy.Log.WaitForClosedCountAsync(1, TimeSpan.FromSeconds(10), cancellationToken)).Single();
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ProtocolError));
        var psql = await Server.PsqlAsync(["-At", "-c", "select 'still serving'"], port: proxy.Port, cancellationToken: cancellationToken);
        Assert.That(psql.StandardOutput.Trim(), Is.EqualTo("still serving"), psql.ToString);
    }

    [TestCase("UTF8", 0, TestName = "A_UTF8_session_is_classified")]
    [TestCase("SJIS", 1, TestName = "An_SJIS_session_is_unknown_because_its_second_bytes_can_be_quotes")]
    [CancelAfter(30_000)]
    public async Task Client_encoding(string encoding, int exitCode, CancellationToken cancellationToken)
    {
        await using var proxy = Start("""
            version 1
            rule unreadable { when sql.unknown then block "the proxy cannot read this statement" }
            """);

        var result = await Server.PsqlAsync(
            [$"host=127.0.0.1 port={proxy.Port} user=postgres dbname=postgres client_encoding={encoding}", "-At", "-c", "select 'x'"],
            cancellationToken: cancellationToken);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString);
        Assert.That(result.StandardError, exitCode == 0 ? Is.Empty : Does.Contain("blocked by policy rule unreadable"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_listener_with_a_larger_message_limit_reads_multi_megabyte_queries_and_parameters(CancellationToken cancellationToken)
    {
        const int Size = 3 * 1024 * 1024;
        await using var proxy = InProcessProxy.Start(InProcessProxy.Listener(Server.EndPoint) with { Protocol = "postgres", MaxMessageSize = 8 * 1024 * 1024 });
        await using var connection = new NpgsqlConnection(Server.ConnectionString(port: proxy.Port));
        await connection.OpenAsync(cancellationToken);

        // A 3 MiB literal in the statement text (Parse), then a 3 MiB parameter (Bind).
        await using var literal = new NpgsqlCommand($"select length('{new string('x', Size)}')", connection);
        await using var parameter = new NpgsqlCommand("select length($1)", connection) { Parameters = { new NpgsqlParameter { Value = new string('y', Size) } } };

        Assert.That(await literal.ExecuteScalarAsync(cancellationToken), Is.EqualTo(Size));
        Assert.That(await parameter.ExecuteScalarAsync(cancellationToken), Is.EqualTo(Size));
        var statements = proxy.Log.Events.Select(e => e.Event).OfType<Proxy.Core.SessionLog.StatementEvent>().Where(e => e.Text.StartsWith("select length", StringComparison.Ordinal)).ToArray();
        Assert.That(statements.Last().Parameters![0]!, Has.Length.EqualTo(256 + 1), "the recorded parameter is cut to AuditParameterLimit, with a mark");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_query_over_the_default_limit_gets_08P01_and_nothing_runs(CancellationToken cancellationToken)
    {
        await using var proxy = Start();
        await using var connection = new NpgsqlConnection(Server.ConnectionString(port: proxy.Port));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select length('{new string('x', 2 * 1024 * 1024)}')", connection);

        var failure = Assert.ThrowsAsync<PostgresException>(async () => await command.ExecuteScalarAsync(cancellationToken));

        Assert.That(failure!.SqlState, Is.EqualTo("08P01"));
        Assert.That(failure.MessageText, Does.Contain("the limit is 1048576"));
    }

    [TestCase(null, "42501", TestName = "FunctionCall_is_refused_when_no_rule_allows_it")]
    [TestCase("rule fastpath { when sql.kind == call then allow }", null, TestName = "FunctionCall_runs_when_a_rule_allows_it")]
    [CancelAfter(30_000)]
    public async Task FunctionCall(string? rule, string? sqlState, CancellationToken cancellationToken)
    {
        await using var proxy = Start($"version 1\n{rule}\n");
        await using var client = await PostgresWireClient.ConnectAsync(proxy.EndPoint, cancellationToken);
        await client.StartAsync(cancellationToken);

        // pg_backend_pid() is OID 2026: FunctionCall with no arguments, result in text format.
        var body = new byte[10];
        BinaryPrimitives.WriteInt32BigEndian(body, 2026);
        await client.SendAsync(PostgresWireClient.Message('F', body), cancellationToken);
        var answer = await client.ReadUntilReadyAsync(cancellationToken);

        Assert.That(answer.Select(m => m.Type), Is.EqualTo(sqlState is null ? new[] { 'V', 'Z' } : ['E', 'Z']));
        if (sqlState is not null)
        {
            Assert.That(answer[0].Fields()['C'], Is.EqualTo(sqlState));
        }

        Assert.That(answer[^1].Body, Is.EqualTo(new[] { (byte)'I' }), "idle afterwards, as after any FunctionCall");
    }
}
