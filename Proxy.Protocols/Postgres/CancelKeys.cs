using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Proxy.Protocols.Postgres;

/// <summary>
/// The key a server issued in BackendKeyData, which a CancelRequest must carry to reach it, and the session it
/// belongs to: a cancel of a statement the proxy holds for approval withdraws the request instead.
/// </summary>
internal sealed record UpstreamCancelKey(int ProcessId, byte[] Secret)
{
    public PostgresConversation? Session { get; init; }
}

/// <summary>
/// The cancel keys of one listener's sessions. A client sees a key the proxy issued, never the server's
/// (PostgreSQL protocol 55.2.8): a CancelRequest arrives on a connection of its own, is looked up here
/// and forwarded with the server's key, so a client can cancel its own statements and nothing else.
/// </summary>
internal sealed class CancelKeys
{
    private readonly ConcurrentDictionary<int, (byte[] Secret, UpstreamCancelKey Upstream)> _keys = new();

    /// <summary>
    /// Issues a proxy key for <paramref name="upstream"/>: a random process id no other open session holds and a
    /// random secret as long as the server's (4 bytes in protocol 3.0, longer in 3.2).
    /// </summary>
    public (int ProcessId, byte[] Secret) Issue(UpstreamCancelKey upstream)
    {
        var secret = RandomNumberGenerator.GetBytes(upstream.Secret.Length);
        while (true)
        {
            // Positive, as real process ids are: clients print them and some parse them as such.
            var processId = RandomNumberGenerator.GetInt32(1, int.MaxValue);
            if (_keys.TryAdd(processId, (secret, upstream)))
            {
                return (processId, secret);
            }
        }
    }

    public void Release(int processId) => _keys.TryRemove(processId, out _);

    /// <summary>The server's key for a proxy key; the secret is compared in constant time.</summary>
    public UpstreamCancelKey? Find(int processId, ReadOnlySpan<byte> secret) =>
        _keys.TryGetValue(processId, out var entry) && CryptographicOperations.FixedTimeEquals(entry.Secret, secret)
            ? entry.Upstream
            : null;
}
