using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Proxy.Core.Diagnostics;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;

namespace Proxy.Core.Transport;

/// <summary>
/// Accepts connections on one address and runs each as a session: connect upstream, hand both pipes to
/// the protocol handler, record the outcome. Enforces the listener's limits.
/// </summary>
internal sealed class ProxyListener
{
    private readonly IProtocolHandler _handler;
    private readonly ISessionLog _log;
    private readonly ILogger _logger;
    private readonly TransportOptions _transport;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ProxySession> _sessions = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _upstreamName;
    private Socket? _listenSocket;
    private Task _acceptLoop = Task.CompletedTask;
    private int _openConnections;

    public ProxyListener(
        ListenerOptions options,
        IProtocolHandler handler,
        ISessionLog log,
        ILogger logger,
        TransportOptions transport,
        TimeProvider time)
    {
        Options = options;
        _handler = handler;
        _log = log;
        _logger = logger;
        _transport = transport.HoldingMessagesOf(options.MaxMessageSize);
        _time = time;
        _upstreamName = Describe(options.Upstream);
    }

    public ListenerOptions Options { get; }

    /// <summary>The bound address; differs from the configured one when port 0 was asked for.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listenSocket?.LocalEndPoint ?? Options.Listen);

    public int OpenConnections => Volatile.Read(ref _openConnections);

    public void Start()
    {
        var socket = new Socket(Options.Listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(Options.Listen);
            socket.Listen(1024);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listenSocket = socket;
        _acceptLoop = AcceptLoopAsync(socket);
        TransportLog.Listening(_logger, Options.Name, Options.Protocol, LocalEndPoint, Options.Upstream);
    }

    /// <summary>Stops accepting; open sessions carry on until <see cref="AbortAll"/> or their own end.</summary>
    public async Task StopAcceptingAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listenSocket?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
    }

    /// <summary>Completes when every session that was accepted has ended and been recorded.</summary>
    public Task SessionsEnded() => Task.WhenAll(_running.Keys);

    public void AbortAll(CloseReason reason)
    {
        foreach (var session in _sessions.Values)
        {
            session.Abort(reason);
        }
    }

    /// <summary>Called by the heartbeat: aborts sessions that have been silent for too long.</summary>
    public void AbortIdleSessions(long nowTicks)
    {
        var idle = (long)Options.IdleTimeout.TotalMilliseconds;
        if (idle <= 0)
        {
            return;
        }

        foreach (var session in _sessions.Values)
        {
            if (nowTicks - session.LastActivityTicks > idle)
            {
                session.Abort(CloseReason.IdleTimeout, $"no traffic for {Options.IdleTimeout.TotalSeconds:0.###}s");
            }
        }
    }

    private async Task AcceptLoopAsync(Socket listenSocket)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listenSocket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // Out of file descriptors and the like: transient, keep the listener alive.
                TransportLog.AcceptFailed(_logger, Options.Name, ex.SocketErrorCode, ex);
                await Task.Delay(50).ConfigureAwait(false);
                continue;
            }

            client.NoDelay = true;
            var task = RunSessionAsync(client);
            _running.TryAdd(task, true);
            _ = task.ContinueWith(
                static (t, state) => ((ConcurrentDictionary<Task, bool>)state!).TryRemove(t, out _),
                _running,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task RunSessionAsync(Socket clientSocket)
    {
        var clientEndPoint = (IPEndPoint)clientSocket.RemoteEndPoint!;
        var info = new SessionInfo(
            Guid.CreateVersion7().ToString(),
            Options.Name,
            Options.Protocol,
            clientEndPoint.ToString(),
            _upstreamName,
            _time.GetUtcNow());

        var open = Interlocked.Increment(ref _openConnections);
        ProxyMetrics.Shared.SessionOpened();
        try
        {
            if (open > Options.MaxConnections)
            {
                TransportLog.ConnectionRefusedAtLimit(_logger, Options.Name, clientEndPoint, Options.MaxConnections);
                _log.TryAppend(new SessionOpened(info));
                RecordRefusal(info, CloseReason.Limit, $"listener at its limit of {Options.MaxConnections} connections");
                clientSocket.Dispose();
                return;
            }

            if (!await RecordOpenAsync(info).ConfigureAwait(false))
            {
                clientSocket.Dispose();
                return;
            }

            var (upstreamSocket, failureReason, failure) = await ConnectUpstreamAsync().ConfigureAwait(false);
            if (upstreamSocket is null)
            {
                if (failureReason == CloseReason.UpstreamUnreachable)
                {
                    TransportLog.UpstreamUnreachable(_logger, Options.Name, Options.Upstream, failure!);
                }

                RecordRefusal(info, failureReason, failure);
                clientSocket.Dispose();
                return;
            }

            await RunConnectedAsync(info, clientSocket, clientEndPoint, upstreamSocket).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing in one session may take the listener down.
            TransportLog.SessionFailed(_logger, info.Id, ex);
            clientSocket.Dispose();
        }
        finally
        {
            Interlocked.Decrement(ref _openConnections);
            ProxyMetrics.Shared.SessionClosed();
        }
    }

    private async Task RunConnectedAsync(SessionInfo info, Socket clientSocket, IPEndPoint clientEndPoint, Socket upstreamSocket)
    {
        ProxySession? session = null;
        var client = new SocketConnection(clientSocket, _transport, (_, detail) => session!.TrySetCloseReason(CloseReason.ClientClosed, detail));
        var upstream = new SocketConnection(upstreamSocket, _transport, (_, detail) => session!.TrySetCloseReason(CloseReason.UpstreamClosed, detail));
        session = new ProxySession(info, Options, client, upstream, clientEndPoint, upstreamSocket.RemoteEndPoint!, _log);
        _sessions.TryAdd(info.Id, session);
        try
        {
            client.Start();
            upstream.Start();
            try
            {
                await _handler.HandleAsync(session).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                TransportLog.HandlerFailed(_logger, info.Id, ex);
                session.Abort(CloseReason.InternalError, ex.Message);
            }

            await session.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _sessions.TryRemove(info.Id, out _);
            var reason = session.CloseReason == CloseReason.None ? CloseReason.ClientClosed : session.CloseReason;
            RecordClose(info, reason, session.CloseDetail, session.Identity, session.BytesFromClient, session.BytesFromUpstream);
        }
    }

    /// <summary>In strict durability the open event is committed before a byte is forwarded.</summary>
    private async ValueTask<bool> RecordOpenAsync(SessionInfo info)
    {
        var opened = new SessionOpened(info);
        if (_log.Durability != Durability.Strict)
        {
            _log.TryAppend(opened);
            return true;
        }

        try
        {
            await _log.AppendCommittedAsync(opened, _stopping.Token).ConfigureAwait(false);
            return true;
        }
        catch (SessionLogUnavailableException ex)
        {
            TransportLog.RefusedLogUnavailable(_logger, Options.Name, info.Id, ex.Message);
            RecordRefusal(info, CloseReason.SessionLogUnavailable, ex.Message);
            return false;
        }
        catch (OperationCanceledException)
        {
            RecordRefusal(info, CloseReason.Shutdown, "proxy shutting down");
            return false;
        }
    }

    private void RecordRefusal(SessionInfo info, CloseReason reason, string? detail) =>
        RecordClose(info, reason, detail, identity: null, bytesFromClient: 0, bytesFromUpstream: 0);

    /// <summary>The duration runs from accept to close, like the open and close timestamps.</summary>
    private void RecordClose(SessionInfo info, CloseReason reason, string? detail, string? identity, long bytesFromClient, long bytesFromUpstream)
    {
        var at = _time.GetUtcNow();
        _log.TryAppend(new SessionClosed(info.Id, at, reason, detail, identity, bytesFromClient, bytesFromUpstream, at - info.StartedAt));
    }

    private async Task<(Socket? Socket, CloseReason FailureReason, string? Failure)> ConnectUpstreamAsync()
    {
        // Dual-mode socket: reaches IPv4 and IPv6 addresses and whatever a DNS name resolves to.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(Options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(Options.Upstream, timeout.Token).ConfigureAwait(false);
            return (socket, CloseReason.None, null);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            socket.Dispose();
            return (null, CloseReason.UpstreamUnreachable, $"no answer from {_upstreamName} within {Options.ConnectTimeout.TotalSeconds:0.###}s");
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            return (null, CloseReason.Shutdown, "proxy shutting down");
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return (null, CloseReason.UpstreamUnreachable, $"{_upstreamName}: {ex.Message}");
        }
    }

    /// <summary>host:port as configured; <see cref="DnsEndPoint.ToString"/> would prefix the address family.</summary>
    private static string Describe(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? string.Empty,
    };
}
