using Proxy.Core.Sessions;
using Proxy.Core.Transport;

namespace Proxy.Protocols.Postgres;

/// <summary>Limits and switches of a postgres listener (docs/configuration.md, "postgres listeners").</summary>
public sealed record PostgresSettings
{
    /// <summary>
    /// The largest message the proxy reads whole (Query, Parse, Bind, …); larger ones are refused with 08P01.
    /// Rows and COPY data stream through whatever their size. At most the transport's pause threshold, so
    /// a message that is allowed always fits in the pipe.
    /// </summary>
    public int MaxMessageSize { get; init; } = TransportOptions.PauseWriterThreshold;

    /// <summary>Whether Bind parameters are written to the session log with the statement.</summary>
    public bool AuditParameters { get; init; } = true;

    /// <summary>Each recorded parameter is cut to this many bytes (text) or hex-encoded bytes (binary).</summary>
    public int AuditParameterLimit { get; init; } = 256;
}

/// <summary>
/// PostgreSQL at layer 7: every message is framed, every statement classified and decided by the policy
/// before it is forwarded, every statement recorded. One handler per listener; one
/// <see cref="PostgresConversation"/> per session.
/// </summary>
internal sealed class PostgresHandler(ListenerOptions listener, ProtocolServices services, PostgresSettings settings) : IProtocolHandler
{
    public const string ProtocolName = "postgres";

    public string Name => ProtocolName;

    public ListenerOptions Listener { get; } = listener;

    public ProtocolServices Services { get; } = services;

    public PostgresSettings Settings { get; } = settings;

    public CancelKeys CancelKeys { get; } = new();

    public Task HandleAsync(ProxySession session) => new PostgresConversation(this, session).RunAsync();
}
