using System.Net;

namespace Proxy.Core.Transport;

/// <summary>One listener of the running proxy: where it accepts, what it speaks, where it forwards.</summary>
public sealed record ListenerOptions
{
    public required string Name { get; init; }

    public required string Protocol { get; init; }

    public required IPEndPoint Listen { get; init; }

    /// <summary>An <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/> resolved at every connect.</summary>
    public required EndPoint Upstream { get; init; }

    /// <summary>Connections beyond this many open sessions are refused and recorded.</summary>
    public int MaxConnections { get; init; } = 1000;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Zero disables the idle timeout.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The largest message the listener's protocol reads whole (a PostgreSQL Query or Bind); larger ones are a
    /// protocol error. The session's receive pipes are sized so that one always fits (see TransportOptions).
    /// </summary>
    public int MaxMessageSize { get; init; } = TransportOptions.PauseWriterThreshold;

    /// <summary>The protocol's own settings (a PostgresSettings for `postgres`), read and checked with the rest of the configuration; null for defaults.</summary>
    public object? ProtocolSettings { get; init; }
}
