using System.Net;
using Microsoft.Extensions.Logging;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;

namespace Proxy.Core.Transport;

/// <summary>
/// All listeners of the running proxy, their shared heartbeat (idle timeouts), and graceful shutdown:
/// stop accepting, let open sessions finish within the drain timeout, then close the rest.
/// </summary>
public sealed class ProxyServer : IAsyncDisposable
{
    private readonly List<ProxyListener> _listeners = [];
    private readonly ISessionLog _log;
    private readonly ILogger _logger;
    private readonly TimeSpan _drainTimeout;
    private readonly CancellationTokenSource _heartbeatStop = new();
    private readonly TaskCompletionSource _stoppedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _heartbeat = Task.CompletedTask;
    private int _stopped;

    public ProxyServer(
        IEnumerable<(ListenerOptions Options, IProtocolHandler Handler)> listeners,
        ISessionLog log,
        ILoggerFactory loggerFactory,
        TimeSpan drainTimeout,
        TransportOptions? transport = null,
        TimeProvider? time = null)
    {
        _log = log;
        _logger = loggerFactory.CreateLogger("Proxy.Transport");
        _drainTimeout = drainTimeout;
        foreach (var (options, handler) in listeners)
        {
            _listeners.Add(new ProxyListener(options, handler, log, _logger, transport ?? TransportOptions.Default, time ?? TimeProvider.System));
        }
    }

    /// <summary>The bound address of each listener, by name (resolves port 0 to the real port).</summary>
    public IReadOnlyDictionary<string, IPEndPoint> Endpoints => _listeners.ToDictionary(l => l.Options.Name, l => l.LocalEndPoint);

    public int OpenConnections => _listeners.Sum(l => l.OpenConnections);

    /// <summary>Binds every listener; if one cannot bind, none is left listening.</summary>
    public void Start()
    {
        var started = new List<ProxyListener>();
        try
        {
            foreach (var listener in _listeners)
            {
                listener.Start();
                started.Add(listener);
            }
        }
        catch
        {
            foreach (var listener in started)
            {
                listener.StopAcceptingAsync().GetAwaiter().GetResult();
            }

            throw;
        }

        _heartbeat = HeartbeatAsync(HeartbeatInterval(), _heartbeatStop.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            // A second caller (a signal handler, DisposeAsync) waits for the stop already under way.
            await _stoppedSignal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await StopOnceAsync(cancellationToken).ConfigureAwait(false);
            _stoppedSignal.TrySetResult();
        }
        catch (Exception ex)
        {
            _stoppedSignal.TrySetException(ex);
            throw;
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_listeners.Select(l => l.StopAcceptingAsync())).ConfigureAwait(false);
        var open = OpenConnections;
        if (open > 0)
        {
            TransportLog.Draining(_logger, open, _drainTimeout);
        }

        var ended = Task.WhenAll(_listeners.Select(l => l.SessionsEnded()));
        try
        {
            await ended.WaitAsync(_drainTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            TransportLog.DrainTimedOut(_logger, OpenConnections);
            foreach (var listener in _listeners)
            {
                listener.AbortAll(CloseReason.Shutdown);
            }

            await ended.ConfigureAwait(false);
        }

        await _heartbeatStop.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        await _log.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _heartbeatStop.Dispose();
    }

    /// <summary>Fine enough that an idle timeout fires within a quarter of its length, at most once a second.</summary>
    private TimeSpan HeartbeatInterval()
    {
        var shortest = _listeners
            .Select(l => l.Options.IdleTimeout)
            .Where(t => t > TimeSpan.Zero)
            .DefaultIfEmpty(TimeSpan.FromSeconds(4))
            .Min();
        return TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 4, 50, 1000));
    }

    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                foreach (var listener in _listeners)
                {
                    listener.AbortIdleSessions(now);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
