using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Proxy.Core.Transport;

internal static partial class TransportLog
{
    [LoggerMessage(1000, LogLevel.Information, "Listener {Listener} ({Protocol}) on {Listen} → {Upstream}")]
    public static partial void Listening(ILogger logger, string listener, string protocol, IPEndPoint listen, EndPoint upstream);

    [LoggerMessage(1001, LogLevel.Warning, "Listener {Listener}: accept failed ({Error})")]
    public static partial void AcceptFailed(ILogger logger, string listener, SocketError error, Exception exception);

    [LoggerMessage(1002, LogLevel.Warning, "Listener {Listener}: refused {Client}, at its limit of {Limit} connections")]
    public static partial void ConnectionRefusedAtLimit(ILogger logger, string listener, IPEndPoint client, int limit);

    [LoggerMessage(1003, LogLevel.Warning, "Listener {Listener}: upstream {Upstream} unreachable: {Failure}")]
    public static partial void UpstreamUnreachable(ILogger logger, string listener, EndPoint upstream, string failure);

    [LoggerMessage(1004, LogLevel.Error, "Session {SessionId} failed")]
    public static partial void SessionFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(1005, LogLevel.Error, "Session {SessionId}: protocol handler failed")]
    public static partial void HandlerFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(1006, LogLevel.Error, "Listener {Listener}: refused session {SessionId}, session log unavailable: {Fault}")]
    public static partial void RefusedLogUnavailable(ILogger logger, string listener, string sessionId, string fault);

    [LoggerMessage(1007, LogLevel.Information, "Shutting down: draining {Open} open sessions for up to {DrainTimeout}")]
    public static partial void Draining(ILogger logger, int open, TimeSpan drainTimeout);

    [LoggerMessage(1008, LogLevel.Warning, "Drain timeout passed: closing {Open} sessions")]
    public static partial void DrainTimedOut(ILogger logger, int open);
}
