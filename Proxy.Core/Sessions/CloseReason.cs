namespace Proxy.Core.Sessions;

/// <summary>Why a session ended. The first cause observed wins; later ones are consequences.</summary>
public enum CloseReason
{
    None = 0,

    /// <summary>The client closed or reset its connection first.</summary>
    ClientClosed,

    /// <summary>The upstream closed or reset its connection first.</summary>
    UpstreamClosed,

    /// <summary>The upstream refused the connection, or did not answer within the connect timeout.</summary>
    UpstreamUnreachable,

    /// <summary>Neither side sent a byte for longer than the listener's idle timeout.</summary>
    IdleTimeout,

    /// <summary>The listener was at its connection limit; the connection was refused.</summary>
    Limit,

    /// <summary>A protocol handler found input it cannot accept (malformed or oversize frame).</summary>
    ProtocolError,

    /// <summary>The proxy was shutting down and the drain timeout passed.</summary>
    Shutdown,

    /// <summary>Strict durability: the session log could not commit, so no traffic was forwarded.</summary>
    SessionLogUnavailable,

    /// <summary>A fault inside the proxy; the detail says what.</summary>
    InternalError,
}

public static class CloseReasonNames
{
    /// <summary>The stable name written to the session log and shown by the CLI.</summary>
    public static string ToWireName(this CloseReason reason) => reason switch
    {
        CloseReason.None => "none",
        CloseReason.ClientClosed => "client_closed",
        CloseReason.UpstreamClosed => "upstream_closed",
        CloseReason.UpstreamUnreachable => "upstream_unreachable",
        CloseReason.IdleTimeout => "idle_timeout",
        CloseReason.Limit => "limit",
        CloseReason.ProtocolError => "protocol_error",
        CloseReason.Shutdown => "shutdown",
        CloseReason.SessionLogUnavailable => "session_log_unavailable",
        CloseReason.InternalError => "internal_error",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
