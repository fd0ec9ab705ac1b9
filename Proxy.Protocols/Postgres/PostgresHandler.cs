using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Proxy.Core.Sessions;
using Proxy.Core.Transport;
using Proxy.Protocols.Postgres.Masking;

namespace Proxy.Protocols.Postgres;

/// <summary>How a postgres listener authenticates clients.</summary>
public enum PostgresAuth
{
    /// <summary>The client authenticates to the server; the proxy relays the exchange and learns the user from the startup message.</summary>
    Passthrough,

    /// <summary>The proxy authenticates the client against its identities, then logs in upstream with the held credential.</summary>
    Held,
}

/// <summary>The role and password the proxy logs in upstream with; the client never sees either.</summary>
public sealed record HeldCredential(string User, string Password)
{
    /// <summary>Never the password: records end up in logs and exception messages.</summary>
    public override string ToString() => $"HeldCredential {{ User = {User}, Password = *** }}";
}

/// <summary>Whether clients may, or must, use TLS; TLS needs <see cref="PostgresSettings.TlsCertificate"/>.</summary>
public enum ClientTlsMode
{
    /// <summary>An SSLRequest is answered 'N'.</summary>
    Disabled,

    /// <summary>An SSLRequest is answered 'S' and TLS begins; a client may also stay in the clear.</summary>
    Optional,

    /// <summary>As <see cref="Optional"/>, and a client in the clear is refused (28000).</summary>
    Required,
}

/// <summary>TLS to the upstream, named as libpq's sslmode values.</summary>
public enum UpstreamTlsMode
{
    Disable,

    /// <summary>TLS when the server accepts it, else in the clear; the certificate is not checked.</summary>
    Prefer,

    /// <summary>TLS or nothing; the certificate is not checked (encryption only, as libpq's require).</summary>
    Require,

    /// <summary>TLS, with the certificate chained to <see cref="PostgresSettings.UpstreamCa"/> and naming the server.</summary>
    VerifyFull,
}

/// <summary>Limits and switches of a postgres listener (docs/configuration.md, "postgres listeners").</summary>
public sealed record PostgresSettings
{
    /// <summary>The certificate (with its private key) clients see when they ask for TLS.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    public ClientTlsMode ClientTls { get; init; } = ClientTlsMode.Disabled;

    public UpstreamTlsMode UpstreamTls { get; init; } = UpstreamTlsMode.Disable;

    /// <summary>The certificates an upstream's chain must end in, for <see cref="UpstreamTlsMode.VerifyFull"/>.</summary>
    public X509Certificate2Collection? UpstreamCa { get; init; }

    /// <summary>The name sent as SNI and checked in the certificate; null: the upstream's host as configured.</summary>
    public string? UpstreamServerName { get; init; }

    public PostgresAuth Auth { get; init; } = PostgresAuth.Passthrough;

    /// <summary>Required when <see cref="Auth"/> is <see cref="PostgresAuth.Held"/>.</summary>
    public HeldCredential? Upstream { get; init; }

    /// <summary>
    /// With passthrough, the role the proxy's own catalog lookups log in as (column masks resolve result columns
    /// through the catalog); with held, the held credential is used. Without either, statements carrying column
    /// masks are refused (docs/masking.md).
    /// </summary>
    public HeldCredential? Catalog { get; init; }

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

    public MaskCatalogs Masking { get; } = new(listener, settings, services.MaskHashKey);

    public ILogger Logger { get; } = services.LoggerFactory.CreateLogger("Proxy.Postgres");

    public Task HandleAsync(ProxySession session) => new PostgresConversation(this, session).RunAsync();
}
