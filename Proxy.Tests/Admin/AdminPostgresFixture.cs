using Proxy.Tests.Integration;

namespace Proxy.Tests.Admin;

/// <summary>A throwaway PostgreSQL for the admin tests (their own cluster: NUnit set-up fixtures are per namespace).</summary>
[SetUpFixture]
public sealed class AdminPostgresFixture
{
    private static PostgresServer? _server;

    public static PostgresServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL fixture has not started");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _server = await PostgresServer.StartAsync(timeout.Token);
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
