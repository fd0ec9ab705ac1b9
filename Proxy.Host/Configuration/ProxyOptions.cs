using System.Collections.Immutable;
using System.Net;
using Proxy.Core.SessionLog;
using Proxy.Core.Transport;
using Proxy.Protocols;

namespace Proxy.Host.Configuration;

/// <summary>The validated configuration of a running proxy. Immutable: a change builds a new one.</summary>
public sealed record ProxyOptions
{
    public required string DataDirectory { get; init; }

    public Durability Durability { get; init; } = Durability.Normal;

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ImmutableArray<ListenerOptions> Listeners { get; init; } = [];

    /// <summary>The policy directory or `.rules` file, as a full path; null when no policy is configured.</summary>
    public string? PolicyPath { get; init; }

    /// <summary>Who the proxy authenticates itself (listeners with `Auth: held`), by name.</summary>
    public ImmutableDictionary<string, ProxyIdentity> Identities { get; init; } = ImmutableDictionary<string, ProxyIdentity>.Empty;

    /// <summary>The HMAC key of the `hash` mask function (MaskHashKeyEnv or MaskHashKeyFile); null when none is configured.</summary>
    public byte[]? MaskHashKey { get; init; }

    /// <summary>The admin API; null when the configuration has no `Admin` section (nothing listens).</summary>
    public AdminOptions? Admin { get; init; }

    public string SessionLogPath => Path.Combine(DataDirectory, "sessions.db");
}

/// <summary>
/// `Admin`: where the admin API listens and who may call it. Tokens are kept as SHA-256 digests only
/// (`proxy admin token add` makes one); each is mapped to a name of `Identities`, whose groups decide what it may do.
/// </summary>
public sealed record AdminOptions
{
    public required IPEndPoint Listen { get; init; }

    public ImmutableArray<AdminToken> Tokens { get; init; } = [];

    /// <summary>Groups whose members may read sessions, events and the policy; empty: every token holder.</summary>
    public ImmutableArray<string> ReadGroups { get; init; } = [];

    /// <summary>Groups whose members may reload the policy; empty: every token holder.</summary>
    public ImmutableArray<string> ReloadGroups { get; init; } = [];

    /// <summary>Whether `/metrics` asks for a token too (false: open, like health, for a scraper on the same host).</summary>
    public bool MetricsRequireToken { get; init; }
}

/// <summary>One admin token: the identity it acts as and the SHA-256 of the token (32 bytes).</summary>
public sealed record AdminToken(string Identity, ImmutableArray<byte> Sha256);
