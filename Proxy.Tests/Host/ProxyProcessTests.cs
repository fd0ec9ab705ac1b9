using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Proxy.Core.SessionLog;
using Proxy.Tests.Support;

namespace Proxy.Tests.Host;

/// <summary>The `proxy` executable as an operator runs it: exit codes, signals, the sessions commands.</summary>
[NonParallelizable]
public sealed class ProxyProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private string _directory = null!;

    private string DataDirectory => Path.Combine(_directory, "data");

    private string SessionLogPath => Path.Combine(DataDirectory, "sessions.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("proxy-process-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Invalid_configuration_exits_with_code_2_listing_every_error()
    {
        var config = Path.Combine(_directory, "proxy.json");
        await File.WriteAllTextAsync(config, """
            {
              "Listeners": [ { "Name": "pg", "Protocol": "tcp", "Listen": "127.0.0.1:0", "Upstream": "localhost" } ],
              "Durability": "eventually"
            }
            """);

        var (exitCode, output) = await ProxyProcess.RunToExitAsync(_directory, StartTimeout, "run", "--config", config);

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain($"{config}:2:78: Listeners:0:Upstream: 'localhost' is not host:port"));
        Assert.That(output, Does.Contain($"{config}:3:3: Durability: 'eventually' is not normal or strict"));
        Assert.That(output, Does.Contain("2 configuration error(s); nothing started"));
        Assert.That(File.Exists(SessionLogPath), Is.False, "nothing may start on an invalid configuration");
    }

    [Test]
    public async Task A_listen_address_in_use_exits_with_code_1()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        await using var echo = FakeUpstream.Echo();

        var (exitCode, output) = await ProxyProcess.RunToExitAsync(
            _directory, StartTimeout, "run", "--upstream", echo.EndPoint.ToString(), "--listen", occupied.LocalEndpoint.ToString()!, "--data", DataDirectory);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"Cannot listen on {occupied.LocalEndpoint}"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Sigterm_drains_open_sessions_and_records_them_all(CancellationToken cancellationToken)
    {
        await using var echo = FakeUpstream.Echo();
        await using var proxy = ProxyProcess.Start(
            _directory, "run", "--upstream", echo.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--data", DataDirectory, "--set", "DrainTimeout=1s");
        var endpoint = await proxy.WaitForListenerAsync("default", StartTimeout);

        using (var finished = await TestSockets.ConnectAsync(endpoint, cancellationToken))
        {
            await finished.RoundTripAsync(cancellationToken);
        }

        using var lingering = await TestSockets.ConnectAsync(endpoint, cancellationToken);
        await lingering.RoundTripAsync(cancellationToken);

        proxy.Terminate();
        await proxy.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.That(proxy.ExitCode, Is.Zero, proxy.Output);
        Assert.That((await lingering.ReceiveToEndAsync(cancellationToken)).Data, Is.Empty, "the proxy closes what outlives the drain timeout");
        using var reader = SessionLogReader.Open(SessionLogPath);
        var reasons = reader.ListSessions(10).Select(s => s.CloseReason).ToArray();
        Assert.That(reasons, Is.EquivalentTo(new[] { "client_closed", "shutdown" }));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Strict_durability_loses_no_committed_event_when_killed(CancellationToken cancellationToken)
    {
        const int Sessions = 30;
        await using var echo = FakeUpstream.Echo();
        await using var proxy = ProxyProcess.Start(
            _directory, "run", "--upstream", echo.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--data", DataDirectory, "--durability", "strict");
        var endpoint = await proxy.WaitForListenerAsync("default", StartTimeout);

        // A byte echoed back proves the session was forwarded, which strict durability allows only after
        // its open event is committed. Half stay open, half have closed, when the process dies.
        var open = new List<Socket>();
        for (var i = 0; i < Sessions; i++)
        {
            var client = await TestSockets.ConnectAsync(endpoint, cancellationToken);
            await client.RoundTripAsync(cancellationToken);
            if (i % 2 == 0)
            {
                open.Add(client);
            }
            else
            {
                client.Dispose();
            }
        }

        proxy.KillHard();
        await proxy.WaitForExitAsync(TimeSpan.FromSeconds(10));
        foreach (var client in open)
        {
            client.Dispose();
        }

        using var reader = SessionLogReader.Open(SessionLogPath);
        var opened = reader.ReadEvents().Count(e => e.Kind == "open");
        Assert.That(opened, Is.EqualTo(Sessions), proxy.Output);
        Assert.That(reader.ListSessions(1000), Has.Count.EqualTo(Sessions));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Sessions_commands_list_show_and_export_what_was_recorded(CancellationToken cancellationToken)
    {
        await using var echo = FakeUpstream.Echo();
        await using (var proxy = ProxyProcess.Start(
            _directory, "run", "--upstream", echo.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--data", DataDirectory))
        {
            var endpoint = await proxy.WaitForListenerAsync("default", StartTimeout);
            using (var client = await TestSockets.ConnectAsync(endpoint, cancellationToken))
            {
                await client.RoundTripAsync(cancellationToken);
            }

            proxy.Terminate();
            await proxy.WaitForExitAsync(TimeSpan.FromSeconds(20));
        }

        string id;
        using (var reader = SessionLogReader.Open(SessionLogPath))
        {
            id = reader.ListSessions(1).Single().Id;
        }

        var (listCode, list) = await ProxyProcess.RunToExitAsync(_directory, StartTimeout, "sessions", "list", "--data", DataDirectory);
        Assert.That(listCode, Is.Zero, list);
        var row = list.Split('\n').Single(l => l.StartsWith(id, StringComparison.Ordinal));
        Assert.That(row, Does.Contain("default").And.Contain("16 B").And.Contain("client_closed"));

        var (showCode, show) = await ProxyProcess.RunToExitAsync(_directory, StartTimeout, "sessions", "show", id[..13], "--data", DataDirectory);
        Assert.That(showCode, Is.Zero, show);
        Assert.That(show, Does.Contain($"session   {id}").And.Contain("16 from client, 16 from upstream").And.Contain("close     client_closed"));

        var (exportCode, export) = await ProxyProcess.RunToExitAsync(_directory, StartTimeout, "sessions", "export", "--format", "jsonl", "--data", DataDirectory);
        Assert.That(exportCode, Is.Zero, export);
        var events = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.That(events.Select(e => e.GetProperty("kind").GetString()), Is.EqualTo(new[] { "open", "close" }));
        Assert.That(events.Select(e => e.GetProperty("session_id").GetString()), Has.All.EqualTo(id));
        var close = events[1].GetProperty("data");
        Assert.That(close.GetProperty("reason").GetString(), Is.EqualTo("client_closed"));
        Assert.That(close.GetProperty("bytes_from_client").GetInt64(), Is.EqualTo(16));
        Assert.That(close.GetProperty("bytes_from_upstream").GetInt64(), Is.EqualTo(16));
    }

    [Test]
    public async Task Sessions_commands_explain_a_missing_log()
    {
        var (exitCode, output) = await ProxyProcess.RunToExitAsync(_directory, StartTimeout, "sessions", "list", "--data", DataDirectory);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain(SessionLogPath));
    }
}
