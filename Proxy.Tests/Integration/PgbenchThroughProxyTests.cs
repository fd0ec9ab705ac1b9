using System.Text.RegularExpressions;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>pgbench through the proxy: many concurrent sessions of short transactions, counted by pgbench itself.</summary>
[TestFixture("tcp")]
[TestFixture("postgres")]
public sealed partial class PgbenchThroughProxyTests
{
    private readonly string _protocol;

    /// <summary>Each test runs at layer 4 (`tcp`) and at layer 7 (`postgres`): both must be invisible to the client.</summary>
    public PgbenchThroughProxyTests(string protocol)
    {
        _protocol = protocol;
        Database = $"{DatabasePrefix}_{protocol}";
    }

    private string Database { get; }

    private const string DatabasePrefix = "pgbench_through_proxy";
    private const int Clients = 4;
    private const int TransactionsPerClient = 200;

    private ProcessResult _initialisation = null!;
    private IReadOnlyList<SessionClosed> _initialisationSessions = [];

    private static PostgresServer Server => PostgresFixture.Server;

    [OneTimeSetUp]
    public async Task InitialiseThroughTheProxyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var create = await Server.PsqlAsync(
            ["-c", $"drop database if exists {Database}", "-c", $"create database {Database}"],
            cancellationToken: timeout.Token);
        Assert.That(create.ExitCode, Is.Zero, create.ToString);

        await using var proxy = StartProxy();
        _initialisation = await Server.PgbenchAsync(["-i", "-s", "1"], port: proxy.Port, database: Database, cancellationToken: timeout.Token);
        _initialisationSessions = await SessionsAsync(proxy, timeout.Token);
    }

    [OneTimeTearDown]
    public async Task DropDatabaseAsync() =>
        await Server.PsqlAsync(["-c", $"drop database if exists {Database} with (force)"], timeout: TimeSpan.FromSeconds(60));

    [Test]
    [CancelAfter(60_000)]
    public async Task Initialisation_through_the_proxy_loads_scale_1(CancellationToken cancellationToken)
    {
        Assert.That(_initialisation.ExitCode, Is.Zero, _initialisation.ToString);
        Assert.That(_initialisationSessions, Is.Not.Empty);
        Assert.That(_initialisationSessions.Select(s => s.Reason), Is.All.AnyOf(CloseReason.ClientClosed, CloseReason.UpstreamClosed));
        Assert.That(_initialisationSessions.Select(s => s.Detail), Is.All.Null);

        var accounts = await Server.PsqlAsync(["-At", "-c", "select count(*) from pgbench_accounts"], database: Database, cancellationToken: cancellationToken);
        Assert.That(accounts.ExitCode, Is.Zero, accounts.ToString);
        Assert.That(accounts.StandardOutput.Trim(), Is.EqualTo("100000"));
    }

    [TestCase("-S", TestName = "Select_only_run_through_the_proxy_processes_every_transaction")]
    [TestCase("-b tpcb-like", TestName = "TPC_B_run_through_the_proxy_processes_every_transaction")]
    [TestCase("-b tpcb-like -M extended", TestName = "TPC_B_run_in_the_extended_protocol_processes_every_transaction")]
    [TestCase("-b tpcb-like -M prepared", TestName = "TPC_B_run_with_prepared_statements_processes_every_transaction")]
    [CancelAfter(120_000)]
    public async Task Benchmark_run(string mode, CancellationToken cancellationToken)
    {
        Assert.That(_initialisation.ExitCode, Is.Zero, $"initialisation failed: {_initialisation}");
        await using var proxy = StartProxy();

        var run = await Server.PgbenchAsync(
            [.. mode.Split(' '), "-n", "-c", $"{Clients}", "-j", "2", "-t", $"{TransactionsPerClient}"],
            port: proxy.Port,
            database: Database,
            cancellationToken: cancellationToken);

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var processed = ProcessedLine().Match(run.StandardOutput);
        Assert.That(processed.Success, Is.True, run.ToString);
        Assert.That(processed.Groups["done"].Value, Is.EqualTo($"{Clients * TransactionsPerClient}"), run.ToString);
        Assert.That(processed.Groups["planned"].Value, Is.EqualTo($"{Clients * TransactionsPerClient}"), run.ToString);

        var sessions = await SessionsAsync(proxy, cancellationToken);
        Assert.That(sessions, Has.Count.GreaterThanOrEqualTo(Clients));
        Assert.That(sessions.Select(s => s.Reason), Is.All.AnyOf(CloseReason.ClientClosed, CloseReason.UpstreamClosed), proxy.Describe);
        Assert.That(sessions.Select(s => s.Detail), Is.All.Null, proxy.Describe);
        Assert.That(sessions.Select(s => s.BytesFromClient), Is.All.GreaterThan(0));
        Assert.That(proxy.Errors, Is.Empty);
    }

    /// <summary>
    /// Waits until every session pgbench opened has its close event. libpq sends Terminate and then closes,
    /// and the server closes on Terminate: at layer 4 either FIN may arrive first, so both count as orderly.
    /// </summary>
    private static async Task<IReadOnlyList<SessionClosed>> SessionsAsync(InProcessProxy proxy, CancellationToken cancellationToken)
    {
        var opened = proxy.Log.Opened.Count;
        return await proxy.Log.WaitForClosedCountAsync(opened, TimeSpan.FromSeconds(10), cancellationToken);
    }

    [GeneratedRegex(@"number of transactions actually processed: (?<done>\d+)/(?<planned>\d+)")]
    private static partial Regex ProcessedLine();

    private InProcessProxy StartProxy() => InProcessProxy.Start(InProcessProxy.Listener(Server.EndPoint) with { Protocol = _protocol });
}
