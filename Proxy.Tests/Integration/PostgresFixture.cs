namespace Proxy.Tests.Integration;

/// <summary>
/// One PostgreSQL cluster for every test in <c>Proxy.Tests.Integration</c>: initdb costs seconds, a database
/// or a table per test costs milliseconds. If PostgreSQL is missing, every test here fails with the install
/// command.
/// </summary>
[SetUpFixture]
public sealed class PostgresFixture
{
    private static PostgresServer? _server;

    public static PostgresServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL fixture has not started");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _server = await PostgresServer.StartAsync(timeout.Token);
        TestContext.Progress.WriteLine($"PostgreSQL from {_server.BinDirectory} on {_server.EndPoint}, data in {_server.DataDirectory}");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
