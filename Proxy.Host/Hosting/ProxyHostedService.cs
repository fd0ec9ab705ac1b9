using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Core.Transport;
using Proxy.Host.Configuration;
using Proxy.Protocols;

namespace Proxy.Host.Hosting;

/// <summary>Starts every listener with the host and drains them when it stops.</summary>
internal sealed partial class ProxyHostedService(ProxyOptions options, ISessionLog sessionLog, PolicyStore policy, ILoggerFactory loggerFactory) : IHostedService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Proxy");
    private ProxyServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogNoPolicy(_logger);
        var services = new ProtocolServices { Policy = policy, LoggerFactory = loggerFactory };
        var server = new ProxyServer(
            options.Listeners.Select(l => (l, ProtocolCatalog.Create(l, services))),
            sessionLog,
            loggerFactory,
            options.DrainTimeout);
        try
        {
            server.Start();
        }
        catch (SocketException ex)
        {
            LogCannotListen(_logger, string.Join(", ", options.Listeners.Select(l => l.Listen)), ex.Message);
            throw;
        }

        _server = server;
        LogReady(_logger, Duration.Format(options.DrainTimeout));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        LogStopped(_logger);
    }

    [LoggerMessage(1, LogLevel.Warning, "NO POLICY LOADED: every command is allowed and only recorded.")]
    private static partial void LogNoPolicy(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Ready. Ctrl-C or SIGTERM stops accepting and drains open sessions for up to {DrainTimeout}.")]
    private static partial void LogReady(ILogger logger, string drainTimeout);

    [LoggerMessage(3, LogLevel.Critical, "Cannot listen on {Addresses}: {Error}")]
    private static partial void LogCannotListen(ILogger logger, string addresses, string error);

    [LoggerMessage(4, LogLevel.Information, "Stopped; every session is closed and recorded.")]
    private static partial void LogStopped(ILogger logger);
}
