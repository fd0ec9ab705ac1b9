using Microsoft.Extensions.Logging;
using Proxy.Core.Approvals;
using Proxy.Core.Policy;

namespace Proxy.Protocols;

/// <summary>What the running proxy shares with every protocol handler it creates.</summary>
public sealed record ProtocolServices
{
    public required PolicyStore Policy { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Who the proxy itself authenticates, by name (listeners with `Auth: held`).</summary>
    public IReadOnlyDictionary<string, ProxyIdentity> Identities { get; init; } = new Dictionary<string, ProxyIdentity>();

    /// <summary>Where statements a rule says `approve(…)` for are asked about; null: such statements are refused.</summary>
    public IApprovalBroker? Approvals { get; init; }

    /// <summary>The HMAC key of the `hash` mask function, from configuration (never from a policy file); null when none is configured.</summary>
    public byte[]? MaskHashKey { get; init; }
}

/// <summary>
/// A person or agent the proxy knows: the SCRAM-SHA-256 verifier of their password, in PostgreSQL's format
/// (`proxy identity add NAME` prints one), and the groups the rules see as `groups`.
/// </summary>
public sealed record ProxyIdentity(string Name, string Scram, IReadOnlyList<string> Groups);
