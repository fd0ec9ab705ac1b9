using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proxy.Core.Approvals;
using Proxy.Core.Diagnostics;
using Proxy.Core.SessionLog;
using Proxy.Host.Configuration;
using Proxy.Host.Hosting;

namespace Proxy.Host.Admin;

/// <summary>
/// Runs the admin API (when the configuration has an `Admin` section) on Kestrel inside the proxy's process,
/// over the proxy's own singletons: the session log, the policy store and reloader, the approval broker.
/// </summary>
/// <remarks>
/// A second, minimal web host rather than turning the proxy's host into a web host: without `Admin` no
/// ASP.NET Core assembly is even loaded, and with it the empty builder adds only Kestrel's core and routing
/// (no MVC, no configuration providers, no logging providers of its own; it logs through the proxy's).
/// Registered before the proxy's listeners, it starts first and stops last: `/readyz` says "not ready" until
/// they are bound and again while they drain, and held statements can still be approved during the drain.
/// </remarks>
internal sealed partial class AdminHostedService(
    ProxyOptions options,
    ISessionLog sessionLog,
    PolicySetup policy,
    ProxyHostedService proxy,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Proxy.Admin");
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    /// <summary>Where the API listens (port 0 resolved); null when it does not.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Admin is not { } admin)
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "proxy-admin" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;

            // Each live stream holds a connection and a session-log reader: a bound keeps a runaway client
            // from taking the sidecar's memory and file handles.
            kestrel.Limits.MaxConcurrentConnections = 256;
            kestrel.Listen(admin.Listen);
        });
        builder.Services.AddRoutingCore();

        // Through the proxy's own log, minus the inner host's start-failure trace: the proxy's host reports that
        // failure once itself, and this service says which address could not be bound.
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        var app = builder.Build();
        app.UseRouting();
        new AdminApi(
            options,
            new AdminAuthenticator(admin, options.Identities),
            sessionLog,
            policy,
            proxy,
            services.GetService<IApprovalBroker>(),
            ProxyMetrics.Shared,
            _logger,
            _stopping.Token).Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            LogCannotListen(_logger, admin.Listen.ToString(), ex.Message);
            throw;
        }

        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = address is null ? null : new Uri(address);
        LogListening(_logger, address ?? admin.Listen.ToString(), admin.Tokens.Length);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            // Live streams would otherwise hold the stop for the host's whole shutdown timeout.
            await _stopping.CancelAsync().ConfigureAwait(false);
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    [LoggerMessage(8000, LogLevel.Information, "Admin API on {Address} ({Tokens} tokens configured)")]
    private static partial void LogListening(ILogger logger, string address, int tokens);

    [LoggerMessage(8002, LogLevel.Critical, "Admin API cannot listen on {Address}: {Error}")]
    private static partial void LogCannotListen(ILogger logger, string address, string error);
}

/// <summary>Hands the admin web host's loggers out of the proxy's logger factory, so both write one log.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The proxy's host owns the factory.
    }
}
