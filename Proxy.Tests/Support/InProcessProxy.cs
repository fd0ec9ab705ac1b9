using System.Net;
using Microsoft.Extensions.Logging;
using Proxy.Core.Approvals;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Core.Transport;
using Proxy.Protocols;

namespace Proxy.Tests.Support;

/// <summary>
/// A <see cref="ProxyServer"/> with one listener on 127.0.0.1 (a free port), run inside the test process
/// against a <see cref="RecordingSessionLog"/>. Disposing stops it.
/// </summary>
public sealed class InProcessProxy : IAsyncDisposable
{
    public const string ListenerName = "test";

    /// <summary>Short enough that a test which leaves a session open still ends quickly.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly RecordingLoggerProvider _logs;
    private readonly ILoggerFactory _loggerFactory;

    private InProcessProxy(ProxyServer server, ListenerOptions options, RecordingSessionLog log, RecordingLoggerProvider logs, ILoggerFactory loggerFactory)
    {
        Server = server;
        Options = options;
        Log = log;
        _logs = logs;
        _loggerFactory = loggerFactory;
        EndPoint = server.Endpoints[options.Name];
    }

    public ProxyServer Server { get; }

    public ListenerOptions Options { get; }

    public RecordingSessionLog Log { get; }

    /// <summary>Where clients connect: 127.0.0.1 and the port the listener was given.</summary>
    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    /// <summary>What the proxy logged at error level; a passing test expects none.</summary>
    public IReadOnlyList<LogEntry> Errors => _logs.Errors;

    /// <summary>A tcp listener on 127.0.0.1, port 0, forwarding to <paramref name="upstream"/>; adjust with <c>with</c>.</summary>
    public static ListenerOptions Listener(EndPoint upstream) => new()
    {
        Name = ListenerName,
        Protocol = "tcp",
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
        Upstream = upstream,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    public static InProcessProxy Start(EndPoint upstream, RecordingSessionLog? log = null, TimeSpan? drainTimeout = null) =>
        Start(Listener(upstream), log, drainTimeout);

    public static InProcessProxy Start(ListenerOptions options, RecordingSessionLog? log = null, TimeSpan? drainTimeout = null, PolicyStore? policy = null, IReadOnlyDictionary<string, ProxyIdentity>? identities = null, IApprovalBroker? approvals = null, byte[]? maskHashKey = null)
    {
        log ??= new RecordingSessionLog(Durability.Normal);
        var logs = new RecordingLoggerProvider();
        var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        var server = new ProxyServer(
            [(options, ProtocolCatalog.Create(options, new ProtocolServices
            {
                Policy = policy ?? PolicyStore.AllowEverything(),
                LoggerFactory = loggerFactory,
                Identities = identities ?? new Dictionary<string, ProxyIdentity>(),
                Approvals = approvals,
                MaskHashKey = maskHashKey,
            }))],
            log,
            loggerFactory,
            drainTimeout ?? DefaultDrainTimeout);
        try
        {
            server.Start();
        }
        catch
        {
            loggerFactory.Dispose();
            throw;
        }

        return new InProcessProxy(server, options, log, logs, loggerFactory);
    }

    public Task<SessionClosed> WaitForCloseAsync(EndPoint clientEndPoint, CancellationToken cancellationToken = default) =>
        Log.WaitForCloseAsync(clientEndPoint, TimeSpan.FromSeconds(10), cancellationToken);

    /// <summary>Every event and every log line, for the message of a failed assertion.</summary>
    public string Describe() =>
        $"session log:{Environment.NewLine}{Log.Describe()}{Environment.NewLine}proxy log:{Environment.NewLine}"
        + string.Join(Environment.NewLine, _logs.Entries);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        _loggerFactory.Dispose();
    }
}
