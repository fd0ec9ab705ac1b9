using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proxy.Core.Approvals;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Core.Transport;
using Proxy.Host.Configuration;
using Proxy.Protocols;

namespace Proxy.Host.Hosting;

/// <summary>The policy the proxy starts with: where it was loaded from (null: none configured), the store, and the load's warnings.</summary>
internal sealed record PolicySetup(string? Path, PolicyStore Store, IReadOnlyList<Diagnostic> Warnings);

/// <summary>Starts every listener with the host and drains them when it stops; keeps the policy reloaded while it runs.</summary>
internal sealed partial class ProxyHostedService(ProxyOptions options, ISessionLog sessionLog, PolicySetup policy, IApprovalBroker approvals, ILoggerFactory loggerFactory) : IHostedService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Proxy");
    private ProxyServer? _server;
    private PolicyReloader? _reloader;
    private volatile bool _draining;

    /// <summary>Reloads the policy; null when no policy is configured. An admin view reads <see cref="PolicyReloader.LastReload"/>.</summary>
    public PolicyReloader? Reloader => _reloader;

    /// <summary>The bound address of each listener, by name; null until every listener is bound and again once draining (readiness).</summary>
    public IReadOnlyDictionary<string, System.Net.IPEndPoint>? Endpoints => _draining ? null : Volatile.Read(ref _server)?.Endpoints;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (policy.Path is { } path)
        {
            var policyLogger = loggerFactory.CreateLogger("Proxy.Policy");
            foreach (var warning in policy.Warnings)
            {
                LogPolicyWarning(policyLogger, warning.ToString());
            }

            LogPolicyLoaded(_logger, path, policy.Store.Current.RuleCount);
            _reloader = new PolicyReloader(path, policy.Store, policyLogger);
            _reloader.Start(reload => ReloadSignal.Register(context =>
            {
                // SIGHUP would otherwise end the process: here it means "reload the policy", as for most daemons.
                context.Cancel = true;
                reload();
            }));
        }
        else
        {
            LogNoPolicy(_logger);
        }

        var services = new ProtocolServices { Policy = policy.Store, LoggerFactory = loggerFactory, Identities = options.Identities, Approvals = approvals, MaskHashKey = options.MaskHashKey };
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
            _reloader?.Dispose();
            LogCannotListen(_logger, string.Join(", ", options.Listeners.Select(l => l.Listen)), ex.Message);
            throw;
        }

        _server = server;
        LogReady(_logger, Duration.Format(options.DrainTimeout));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        _reloader?.Dispose();
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

    [LoggerMessage(5, LogLevel.Information, "Policy loaded from {Path}: {Rules} rules")]
    private static partial void LogPolicyLoaded(ILogger logger, string path, int rules);

    [LoggerMessage(6, LogLevel.Warning, "Policy: {Diagnostic}")]
    private static partial void LogPolicyWarning(ILogger logger, string diagnostic);
}
