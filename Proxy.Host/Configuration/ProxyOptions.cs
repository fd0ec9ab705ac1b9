using System.Collections.Immutable;
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

    public string SessionLogPath => Path.Combine(DataDirectory, "sessions.db");
}
