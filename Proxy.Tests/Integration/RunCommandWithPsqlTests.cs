using System.Diagnostics;
using System.Text.RegularExpressions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>The README's promise, as a newcomer follows it: `proxy run --upstream`, psql through it, `proxy sessions list`.</summary>
[NonParallelizable]
public sealed partial class RunCommandWithPsqlTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("proxy-run-psql-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(120_000)]
    public async Task Proxy_run_carries_a_psql_session_that_sessions_list_then_shows()
    {
        var server = PostgresFixture.Server;
        await using var proxy = ProxyProcess.Start(_directory, "run", "--upstream", server.EndPoint.ToString(), "--listen", "127.0.0.1:0");
        var endpoint = await proxy.WaitForListenerAsync("default", TimeSpan.FromSeconds(30));

        var psql = await server.PsqlAsync(["-At", "-c", "select 'through the proxy', count(*) from generate_series(1, 1000)"], port: endpoint.Port);

        Assert.That(psql.ExitCode, Is.Zero, psql.ToString());
        Assert.That(psql.StandardOutput.Trim(), Is.EqualTo("through the proxy|1000"));

        // Read while the proxy runs, from the default ./data: the close event is committed in the background.
        // psql sends Terminate and closes while the server closes on Terminate: at layer 4 either FIN may
        // arrive first, so either orderly close reason is right.
        var row = await WaitForClosedRowAsync();
        var match = ListRow().Match(row);
        Assert.That(match.Success, Is.True, row);
        Assert.That(match.Groups["listener"].Value, Is.EqualTo("default"));
        Assert.That(match.Groups["client"].Value, Does.StartWith("127.0.0.1:"));
        Assert.That(match.Groups["fromClient"].Value, Does.Not.StartWith("0 "));
        Assert.That(match.Groups["fromUpstream"].Value, Does.Not.StartWith("0 "));
        Assert.That(match.Groups["close"].Value, Is.AnyOf("client_closed", "upstream_closed"));

        proxy.Terminate();
        await proxy.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.That(proxy.ExitCode, Is.Zero, proxy.Output);
    }

    private async Task<string> WaitForClosedRowAsync()
    {
        var deadline = Stopwatch.StartNew();
        string list = string.Empty;
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            (var code, list) = await ProxyProcess.RunToExitAsync(_directory, TimeSpan.FromSeconds(30), "sessions", "list");
            Assert.That(code, Is.Zero, list);
            var row = list.Split('\n').Skip(1).FirstOrDefault(l => l.TrimEnd().EndsWith("_closed", StringComparison.Ordinal));
            if (row is not null)
            {
                return row;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"no closed session listed within 20 s:\n{list}");
        return string.Empty;
    }

    [GeneratedRegex(@"^(?<id>[0-9a-f-]{36})\s+\S+ \S+\s+(?<listener>\S+)\s+(?<client>\S+)\s+(?<identity>\S+)\s+(?<duration>\S+)\s+(?<fromClient>\S+ \S+)\s+(?<fromUpstream>\S+ \S+)\s+(?<close>\S+)\s*$")]
    private static partial Regex ListRow();
}
