using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Proxy.Core.SessionLog;
using Proxy.Tests.Support;
using static Proxy.Tests.Support.NpgsqlCommands;

namespace Proxy.Tests.Integration;

/// <summary>
/// `proxy run` stopped hard while approval requests are pending (one holding a psql session, one a retry
/// request): the next start finds them in the session log and closes them as expired, with the reason, tied to
/// the sessions that asked. Nothing pending is silently lost.
/// </summary>
[TestFixture]
public sealed partial class ApprovalRestartProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private string _directory = null!;
    private string _table = null!;

    private string DataDirectory => Path.Combine(_directory, "data");

    private string SessionLogPath => Path.Combine(DataDirectory, "sessions.db");

    [SetUp]
    public async Task CreateAsync()
    {
        _directory = Directory.CreateTempSubdirectory("proxy-approval-restart-").FullName;
        _table = $"restart_{Guid.NewGuid():N}";
        await ExecuteAsync(PostgresFixture.Server.ConnectionString(), $"create table {_table} (id int primary key, note text); insert into {_table} values (1, 'one')", CancellationToken.None);
    }

    [TearDown]
    public async Task DeleteAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await ExecuteAsync(PostgresFixture.Server.ConnectionString(), $"drop table if exists {_table}", CancellationToken.None);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Requests_pending_when_the_proxy_dies_are_expired_with_the_reason_at_the_next_start(CancellationToken cancellationToken)
    {
        var server = PostgresFixture.Server;
        var policy = Path.Combine(_directory, "approvals.rules");
        await File.WriteAllTextAsync(
            policy,
            """
            version 1
            default allow
            rule deletes_need_approval { when sql.kind == delete then approve(by: dba) }
            rule updates_on_approval { when sql.kind == update then approve(by: dba, mode: retry) }
            """,
            cancellationToken);
        string[] run = ["run", "--upstream", server.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--protocol", "postgres", "--data", DataDirectory, "--policies", policy];

        string heldId;
        string retryId;
        await using (var proxy = ProxyProcess.Start(_directory, run))
        {
            var endpoint = await proxy.WaitForListenerAsync("default", Timeout);
            var retry = await server.PsqlAsync(["-c", $"update {_table} set note = 'x' where id = 1"], port: endpoint.Port, cancellationToken: cancellationToken);
            Assert.That(retry.ExitCode, Is.Not.Zero, retry.ToString);
            retryId = RequestId().Match(retry.StandardError).Value;
            Assert.That(retryId, Is.Not.Empty, retry.ToString);

            var held = server.PsqlAsync(["-c", $"delete from {_table} where id = 1"], port: endpoint.Port, cancellationToken: cancellationToken);
            heldId = await WaitForRequestAsync(id => id != retryId, cancellationToken);

            proxy.KillHard();
            await proxy.WaitForExitAsync(Timeout);
            var heldResult = await held;
            Assert.That(heldResult.ExitCode, Is.Not.Zero, "the held session ended with the proxy");
        }

        await using (var proxy = ProxyProcess.Start(_directory, run))
        {
            await proxy.WaitForListenerAsync("default", Timeout);
            await proxy.WaitForOutputAsync(o => o.Contains("recorded as expired", StringComparison.Ordinal), "the expiry warning", Timeout);
            Assert.That(proxy.Output, Does.Contain("2 approval request(s) were pending when the proxy stopped"));
            var expired = await WaitForExpiredAsync(2, cancellationToken);

            using var reader = SessionLogReader.Open(SessionLogPath);
            var requested = reader.ReadEventsOfKinds(["approval_requested"]).ToDictionary(e => Id(e), e => e.SessionId);
            Assert.That(expired.Select(Id), Is.EquivalentTo(new[] { heldId, retryId }));
            foreach (var stored in expired)
            {
                using var data = JsonDocument.Parse(stored.DataJson);
                Assert.That(data.RootElement.GetProperty("reason").GetString(), Is.EqualTo("the proxy restarted while the request was pending"));
                Assert.That(stored.SessionId, Is.EqualTo(requested[Id(stored)]).And.Not.Null, "tied to the session that asked");
            }

            proxy.Terminate();
            await proxy.WaitForExitAsync(Timeout);
            Assert.That(proxy.ExitCode, Is.Zero, proxy.Output);
        }
    }

    private static string Id(StoredEvent stored)
    {
        using var data = JsonDocument.Parse(stored.DataJson);
        return data.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The id of a committed approval request that <paramref name="match"/> accepts, read from the log while the proxy runs.</summary>
    private async Task<string> WaitForRequestAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Timeout)
        {
            using (var reader = SessionLogReader.Open(SessionLogPath))
            {
                if (reader.ReadEventsOfKinds(["approval_requested"]).Select(Id).FirstOrDefault(match) is { } id)
                {
                    return id;
                }
            }

            await Task.Delay(50, cancellationToken);
        }

        Assert.Fail("the held statement's request never reached the session log");
        return null!;
    }

    private async Task<List<StoredEvent>> WaitForExpiredAsync(int count, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using (var reader = SessionLogReader.Open(SessionLogPath))
            {
                var expired = reader.ReadEventsOfKinds(["approval_expired"]).ToList();
                if (expired.Count >= count || deadline.Elapsed > Timeout)
                {
                    Assert.That(expired, Has.Count.EqualTo(count));
                    return expired;
                }
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    [GeneratedRegex("apr_[a-z2-7]{10}")]
    private static partial Regex RequestId();
}
