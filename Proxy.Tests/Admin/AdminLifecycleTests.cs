using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace Proxy.Tests.Admin;

/// <summary>The admin API around the proxy's own life: open for probes, closed metrics on request, alive through the drain.</summary>
[NonParallelizable]
public sealed class AdminLifecycleTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Test]
    [CancelAfter(120_000)]
    public async Task With_metrics_require_token_a_scrape_needs_one_and_probes_still_do_not(CancellationToken cancellationToken)
    {
        await using var proxy = await AdminProxy.StartAsync(extraAdminJson: "\"MetricsRequireToken\": true");
        using var anonymous = proxy.Client(identity: null);
        using (var refused = await anonymous.GetAsync("/metrics", cancellationToken))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That(await anonymous.GetStringAsync("/healthz", cancellationToken), Is.EqualTo("ok\n"));
        using var bob = proxy.Client("bob");
        Assert.That(await bob.GetStringAsync("/metrics", cancellationToken), Does.Contain("# TYPE proxy_sessions_total counter"), "any token may scrape");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task While_the_proxy_drains_readyz_is_503_and_a_held_statement_can_still_be_approved(CancellationToken cancellationToken)
    {
        var table = $"drain_{Guid.NewGuid():N}";
        await ExecuteAsync(AdminPostgresFixture.Server.ConnectionString(), $"create table {table} (id int primary key); insert into {table} values (1), (2)");
        try
        {
            await using var proxy = await AdminProxy.StartAsync();
            await using var connection = new NpgsqlConnection(proxy.ConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"delete from {table} where id = 1", connection);
            var delete = command.ExecuteNonQueryAsync(cancellationToken);
            var id = await WaitForPendingAsync(proxy, table, cancellationToken);

            proxy.Process.Terminate();
            using var anonymous = proxy.Client(identity: null);
            string readyBody = string.Empty;
            for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(50, cancellationToken))
            {
                using var ready = await anonymous.GetAsync("/readyz", cancellationToken);
                readyBody = await ready.Content.ReadAsStringAsync(cancellationToken);
                if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    break;
                }
            }

            Assert.That(readyBody, Does.Contain("\"ready\":false").And.Contain("\"listeners\":{\"ok\":false}"));
            Assert.That(proxy.Process.HasExited, Is.False, "the held session keeps the drain going");

            using var carol = proxy.Client("carol");
            using var approved = await carol.PostAsJsonAsync($"/api/approvals/{id}/approve", new { reason = "before the restart" }, cancellationToken);
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approved.Content.ReadAsStringAsync(cancellationToken));
            Assert.That(await delete, Is.EqualTo(1));

            await connection.CloseAsync();
            await proxy.Process.WaitForExitAsync(Wait);
            Assert.That(proxy.Process.ExitCode, Is.Zero, proxy.Process.Output);
        }
        finally
        {
            await ExecuteAsync(AdminPostgresFixture.Server.ConnectionString(), $"drop table if exists {table}");
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task An_admin_address_in_use_stops_the_start_with_exit_code_1_and_says_which(CancellationToken cancellationToken)
    {
        using var occupier = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        occupier.Start();
        var taken = (IPEndPoint)occupier.LocalEndpoint;
        var directory = Directory.CreateTempSubdirectory("proxy-admin-in-use-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "proxy.json"), $$"""
                {
                  "Listeners": [ { "Name": "pg", "Protocol": "tcp", "Listen": "127.0.0.1:0", "Upstream": "{{AdminPostgresFixture.Server.EndPoint}}" } ],
                  "Admin": { "Listen": "{{taken}}" }
                }
                """, cancellationToken);

            var result = await Support.ProxyProcess.RunToExitSeparatelyAsync(directory, Wait, "run", "--config", "proxy.json");

            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardOutput + result.StandardError, Does.Contain($"Admin API cannot listen on {taken}"));
            Assert.That(result.StandardError, Does.Contain("proxy: cannot start: "));
            Assert.That(result.StandardOutput + result.StandardError, Does.Not.Contain("Listener pg (tcp) on"), "the listeners start after the admin API");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> WaitForPendingAsync(AdminProxy proxy, string table, CancellationToken cancellationToken)
    {
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(50, cancellationToken))
        {
            var pending = await proxy.GetJsonAsync("alice", "/api/approvals?state=pending", cancellationToken);
            foreach (var request in pending.GetProperty("approvals").EnumerateArray())
            {
                if (request.GetProperty("statement").GetString()!.Contains(table, StringComparison.Ordinal))
                {
                    return request.GetProperty("id").GetString()!;
                }
            }
        }

        Assert.Fail($"no pending request for {table} within {Wait}");
        return string.Empty;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
