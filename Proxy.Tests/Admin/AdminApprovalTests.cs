using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Proxy.Tests.Support;

namespace Proxy.Tests.Admin;

/// <summary>
/// Held statements of real psql and Npgsql sessions, decided through the admin API and through `proxy approvals`
/// against the proxy's real broker: who may decide, what each refusal looks like, and what the client then sees.
/// </summary>
[NonParallelizable]
public sealed partial class AdminApprovalTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private AdminProxy _proxy = null!;
    private string _table = null!;

    private static string Direct => AdminPostgresFixture.Server.ConnectionString();

    [OneTimeSetUp]
    public async Task StartAsync() => _proxy = await AdminProxy.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _proxy.DisposeAsync();

    [SetUp]
    public async Task CreateTableAsync()
    {
        _table = $"held_{Guid.NewGuid():N}";
        await ExecuteAsync(Direct, $"create table {_table} (id int primary key, note text); insert into {_table} values (1, 'one'), (2, 'two'), (3, 'three')");
    }

    [TearDown]
    public async Task DropTableAsync() => await ExecuteAsync(Direct, $"drop table if exists {_table}");

    [Test]
    [CancelAfter(120_000)]
    public async Task A_held_psql_delete_is_refused_to_others_and_completes_once_an_approver_approves_through_the_api(CancellationToken cancellationToken)
    {
        var psql = AdminPostgresFixture.Server.PsqlAsync(["-c", $"delete from {_table} where id = 1"], port: _proxy.Endpoint.Port, cancellationToken: cancellationToken);
        var request = await WaitForPendingAsync(_table, cancellationToken);
        var id = request.GetProperty("id").GetString()!;
        Assert.That(request.GetProperty("state").GetString(), Is.EqualTo("pending"));
        Assert.That(request.GetProperty("requester").GetString(), Is.EqualTo("postgres"));
        Assert.That(request.GetProperty("approver_group").GetString(), Is.EqualTo("approvers"));
        Assert.That(request.GetProperty("rule").GetString(), Is.EqualTo("deletes_need_approval"));

        // Not in the approver group: 403. The requester, although an approver: 403 too.
        var (bobStatus, bobBody) = await DecideAsync("bob", id, "approve", "looks fine", cancellationToken);
        Assert.That(bobStatus, Is.EqualTo(HttpStatusCode.Forbidden), bobBody);
        Assert.That(bobBody, Does.Contain("bob is not in the approver group 'approvers'"));
        var (selfStatus, selfBody) = await DecideAsync("postgres", id, "approve", "my own", cancellationToken);
        Assert.That(selfStatus, Is.EqualTo(HttpStatusCode.Forbidden), selfBody);
        Assert.That(selfBody, Does.Contain("cannot decide it"));
        Assert.That(psql.IsCompleted, Is.False, "refused decisions leave the statement held");

        var (status, body) = await DecideAsync("carol", id, "approve", "ticket OPS-7", cancellationToken);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        using (var decided = JsonDocument.Parse(body))
        {
            Assert.That(decided.RootElement.GetProperty("state").GetString(), Is.EqualTo("approved"));
            Assert.That(decided.RootElement.GetProperty("decided_by").GetString(), Is.EqualTo("carol"));
            Assert.That(decided.RootElement.GetProperty("reason").GetString(), Is.EqualTo("ticket OPS-7"));
        }

        var result = await psql;
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("DELETE 1"));
        Assert.That(result.StandardError, Does.Contain(id), "the client was told the request id");
        Assert.That(await CountAsync(cancellationToken), Is.EqualTo(2));

        // Exactly one decision: a second one conflicts, an unknown id is not found.
        var (again, againBody) = await DecideAsync("alice", id, "deny", "too late", cancellationToken);
        Assert.That(again, Is.EqualTo(HttpStatusCode.Conflict), againBody);
        Assert.That(againBody, Does.Contain("already approved (by carol)"));
        var (unknown, _) = await DecideAsync("alice", "apr_nosuchthing", "approve", null, cancellationToken);
        Assert.That(unknown, Is.EqualTo(HttpStatusCode.NotFound));

        var approved = await _proxy.GetJsonAsync("alice", "/api/approvals?state=approved", cancellationToken);
        Assert.That(approved.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("id").GetString()), Does.Contain(id));
        using var client = _proxy.Client("alice");
        using var badState = await client.GetAsync("/api/approvals?state=maybe", cancellationToken);
        Assert.That(badState.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var metrics = PrometheusText.Parse(await _proxy.Client(null).GetStringAsync("/metrics", cancellationToken));
        Assert.That(metrics.Value("proxy_approvals", ("state", "approved")), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_denial_needs_a_reason_and_reaches_the_npgsql_client_as_42501(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_proxy.ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"delete from {_table} where id = 2", connection);
        var delete = command.ExecuteNonQueryAsync(cancellationToken);
        var id = (await WaitForPendingAsync(_table, cancellationToken)).GetProperty("id").GetString()!;

        var (noReason, noReasonBody) = await DecideAsync("alice", id, "deny", null, cancellationToken);
        Assert.That(noReason, Is.EqualTo(HttpStatusCode.BadRequest), noReasonBody);
        Assert.That(noReasonBody, Does.Contain("a denial needs a reason"));

        var (status, body) = await DecideAsync("alice", id, "deny", "not during the freeze", cancellationToken);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        var error = Assert.ThrowsAsync<PostgresException>(async () => await delete);
        Assert.That(error!.SqlState, Is.EqualTo("42501"));
        Assert.That(error.MessageText + error.Detail, Does.Contain("not during the freeze"));
        Assert.That(await CountAsync(cancellationToken), Is.EqualTo(3));

        // The session goes on.
        await using var after = new NpgsqlCommand("select 1", connection);
        Assert.That(await after.ExecuteScalarAsync(cancellationToken), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Of_two_approvers_racing_through_the_api_exactly_one_decides(CancellationToken cancellationToken)
    {
        for (var round = 1; round <= 3; round++)
        {
            await using var connection = new NpgsqlConnection(_proxy.ConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"delete from {_table} where id = {round}", connection);
            var delete = command.ExecuteNonQueryAsync(cancellationToken);
            var id = (await WaitForPendingAsync(_table, cancellationToken)).GetProperty("id").GetString()!;

            var approve = DecideAsync("carol", id, "approve", "go", cancellationToken);
            var deny = DecideAsync("alice", id, "deny", "stop", cancellationToken);
            var results = await Task.WhenAll(approve, deny);

            Assert.That(results.Select(r => r.Status), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }), string.Join("\n", results.Select(r => r.Body)));
            var approved = (await approve).Status == HttpStatusCode.OK;
            if (approved)
            {
                Assert.That(await delete, Is.EqualTo(1));
            }
            else
            {
                Assert.That(Assert.ThrowsAsync<PostgresException>(async () => await delete)!.SqlState, Is.EqualTo("42501"));
            }

            var final = await _proxy.GetJsonAsync("alice", "/api/approvals?state=all", cancellationToken);
            var request = final.GetProperty("approvals").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
            Assert.That(request.GetProperty("state").GetString(), Is.EqualTo(approved ? "approved" : "denied"));
        }
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task The_cli_lists_approves_and_denies_with_clear_messages_and_exit_codes(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_proxy.ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"delete from {_table} where id = 3", connection);
        var delete = command.ExecuteNonQueryAsync(cancellationToken);
        var id = (await WaitForPendingAsync(_table, cancellationToken)).GetProperty("id").GetString()!;

        var list = await _proxy.CliAsync("alice", "approvals", "list");
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        var row = list.StandardOutput.Split('\n').Single(l => l.StartsWith(id, StringComparison.Ordinal));
        Assert.That(row, Does.Match($@"^{id}\s+pending\s+postgres\s+deletes_need_approval\s+approvers\s+hold\s+\S+ \S+\s+-\s+delete from held_\S+ where i\.\.\.$"), "the statement is cut to one short line");

        var noToken = await _proxy.CliAsync(null, "approvals", "approve", id);
        Assert.That(noToken.ExitCode, Is.EqualTo(2), noToken.ToString());
        Assert.That(noToken.StandardError, Does.Contain("set PROXY_ADMIN_TOKEN"));

        var bob = await _proxy.CliAsync("bob", "approvals", "approve", id);
        Assert.That(bob.ExitCode, Is.EqualTo(4), bob.ToString());
        Assert.That(bob.StandardError, Does.Contain("not allowed (403): bob is not in the approver group 'approvers'"));

        var unreachable = await ProxyProcess.RunToExitSeparatelyAsync(
            _proxy.Directory, Wait, new Dictionary<string, string?> { ["PROXY_ADMIN_TOKEN"] = _proxy.Token("alice") },
            "approvals", "list", "--url", $"http://{TestSockets.ClosedPort()}");
        Assert.That(unreachable.ExitCode, Is.EqualTo(3), unreachable.ToString());
        Assert.That(unreachable.StandardError, Does.Contain("cannot reach the admin API at http://127.0.0.1:"));

        var wrongToken = await ProxyProcess.RunToExitSeparatelyAsync(
            _proxy.Directory, Wait, new Dictionary<string, string?> { ["PROXY_ADMIN_TOKEN"] = "pxa_not-a-token", ["PROXY_ADMIN_URL"] = _proxy.AdminUrl.ToString() },
            "approvals", "list");
        Assert.That(wrongToken.ExitCode, Is.EqualTo(4), wrongToken.ToString());
        Assert.That(wrongToken.StandardError, Does.Contain("does not accept the token in PROXY_ADMIN_TOKEN (401)"));

        var denyWithoutReason = await _proxy.CliAsync("alice", "approvals", "deny", id);
        Assert.That(denyWithoutReason.ExitCode, Is.Not.Zero);
        Assert.That(denyWithoutReason.StandardError, Does.Contain("--reason"));

        var approve = await _proxy.CliAsync("carol", "approvals", "approve", id, "--reason", "checked");
        Assert.That(approve.ExitCode, Is.Zero, approve.ToString());
        Assert.That(approve.StandardOutput.Trim(), Is.EqualTo($"{id}: approved by carol"));
        Assert.That(await delete, Is.EqualTo(1));

        var late = await _proxy.CliAsync("alice", "approvals", "deny", id, "--reason", "changed my mind");
        Assert.That(late.ExitCode, Is.EqualTo(1), late.ToString());
        Assert.That(late.StandardError, Does.Contain("already decided (409)"));

        var missing = await _proxy.CliAsync("alice", "approvals", "approve", "apr_nosuchthing");
        Assert.That(missing.ExitCode, Is.EqualTo(1), missing.ToString());
        Assert.That(missing.StandardError, Does.Contain("not found (404)"));

        // A second held statement, denied from the CLI (the URL from the configuration file this time).
        await using var second = new NpgsqlCommand($"delete from {_table} where id = 1", connection);
        var secondDelete = second.ExecuteNonQueryAsync(cancellationToken);
        var secondId = (await WaitForPendingAsync(_table, cancellationToken)).GetProperty("id").GetString()!;
        var deny = await ProxyProcess.RunToExitSeparatelyAsync(
            _proxy.Directory, Wait, new Dictionary<string, string?> { ["PROXY_ADMIN_TOKEN"] = _proxy.Token("alice"), ["PROXY_ADMIN_URL"] = null },
            "approvals", "deny", secondId, "--reason", "use the archive job", "--url", _proxy.AdminUrl.ToString());
        Assert.That(deny.ExitCode, Is.Zero, deny.ToString());
        Assert.That(deny.StandardOutput.Trim(), Is.EqualTo($"{secondId}: denied by alice"));
        var error = Assert.ThrowsAsync<PostgresException>(async () => await secondDelete);
        Assert.That(error!.SqlState, Is.EqualTo("42501"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Replay_shows_a_held_statement_and_its_approval_from_a_real_session(CancellationToken cancellationToken)
    {
        var psql = AdminPostgresFixture.Server.PsqlAsync(
            ["-c", $"select count(*) from {_table}", "-c", $"delete from {_table} where id = 2"], port: _proxy.Endpoint.Port, cancellationToken: cancellationToken);
        var request = await WaitForPendingAsync(_table, cancellationToken);
        var sessionId = request.GetProperty("session_id").GetString()!;
        var (status, body) = await DecideAsync("alice", request.GetProperty("id").GetString()!, "approve", "replay test", cancellationToken);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That((await psql).ExitCode, Is.Zero);

        // The close is committed shortly after psql exits.
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(100, cancellationToken))
        {
            if (!(await _proxy.GetJsonAsync("alice", $"/api/sessions/{sessionId}", cancellationToken)).GetProperty("open").GetBoolean())
            {
                break;
            }
        }

        var replay = await ProxyProcess.RunToExitSeparatelyAsync(_proxy.Directory, Wait, "sessions", "replay", sessionId, "--config", _proxy.ConfigFile);
        Assert.That(replay.ExitCode, Is.Zero, replay.ToString());

        // Times and durations vary from run to run; everything else is as recorded.
        var normalized = Timing().Replace(replay.StandardOutput, "+T");
        normalized = Duration().Replace(normalized, "D");
        Assert.That(normalized, Does.Contain($"#1  select count(*) from {_table}\n                allow by default · SELECT 1 · 1 row · D\n"));
        Assert.That(normalized, Does.Contain($"#2  delete from {_table} where id = 2\n                approve by deletes_need_approval · DELETE 1 · 1 row · D\n"));
        Assert.That(normalized, Does.Contain($"approval    {request.GetProperty("id").GetString()} approved by alice: replay test\n"));
        Assert.That(normalized, Does.Match(@"\+T  close       client_closed|\+T  close       upstream_closed"));
    }

    private async Task<(HttpStatusCode Status, string Body)> DecideAsync(string identity, string id, string decision, string? reason, CancellationToken cancellationToken)
    {
        using var client = _proxy.Client(identity);
        using var response = await client.PostAsJsonAsync($"/api/approvals/{id}/{decision}", new Dictionary<string, string?> { ["reason"] = reason }, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The pending request whose statement names <paramref name="table"/>, as the API lists it.</summary>
    private async Task<JsonElement> WaitForPendingAsync(string table, CancellationToken cancellationToken)
    {
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(50, cancellationToken))
        {
            var pending = await _proxy.GetJsonAsync("alice", "/api/approvals?state=pending", cancellationToken);
            foreach (var request in pending.GetProperty("approvals").EnumerateArray())
            {
                if (request.GetProperty("statement").GetString()!.Contains(table, StringComparison.Ordinal))
                {
                    return request;
                }
            }
        }

        Assert.Fail($"no pending request for {table} within {Wait}");
        return default;
    }

    private async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Direct);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select count(*) from {_table}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"\+\d+\.\d{3}s")]
    private static partial Regex Timing();

    [GeneratedRegex(@"\d+(\.\d+)?(ms|s)(?=\n)")]
    private static partial Regex Duration();
}
