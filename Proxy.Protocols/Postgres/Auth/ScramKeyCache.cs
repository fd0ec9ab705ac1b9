using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Proxy.Protocols.Postgres.Auth;

/// <summary>
/// The client-side SCRAM-SHA-256 keys (ClientKey, StoredKey, ServerKey) already derived for a password, a salt
/// and an iteration count, so that logging in upstream again with the held password skips PBKDF2: 4096
/// iterations of HMAC-SHA-256 were about half of the proxy's CPU per connection in a connect+auth storm
/// (docs/performance.md), and PostgreSQL sends the same salt and count for a role on every login.
/// </summary>
/// <remarks>
/// <para>
/// A hit is a memo of a pure function: the keys depend on nothing but the prepared password, the salt and the
/// iteration count, and all three (with the role) are in the lookup key. So a cached entry can never be stale.
/// A changed password (a new password file or environment variable, loaded by a new configuration) has another
/// key; <c>ALTER ROLE … PASSWORD</c> gives the role a new salt, hence another key; both derive afresh. Entries
/// only ever come from logins the server accepted and signed, so a server that makes up salts cannot fill the
/// cache, and an unused entry is evicted when <see cref="Capacity"/> is reached.
/// </para>
/// <para>
/// What it means for security: ClientKey lets its holder log in as the role, and ServerKey lets it pose as the
/// server, to servers that hold this one verifier (this salt and count) — no more than the password it comes
/// from, which the proxy holds anyway for as long as it runs, and less (it says nothing for another salt, and
/// PBKDF2 stands between it and the password). The lookup key is an HMAC of the role, password, salt and count
/// under a random per-process key, so it gives nothing away either. The keys live only in this process's
/// memory, in pinned arrays (the GC does not leave copies behind when it compacts), are zeroed on eviction, and
/// are never logged, printed or written anywhere.
/// </para>
/// </remarks>
internal sealed class ScramKeyCache
{
    /// <summary>A proxy holds a handful of credentials, each against one server or a few replicas.</summary>
    public const int DefaultCapacity = 64;

    /// <summary>ClientKey ‖ StoredKey ‖ ServerKey.</summary>
    public const int EntryLength = 3 * ScramKeys.KeyLength;

    private readonly byte[] _processKey = RandomNumberGenerator.GetBytes(ScramKeys.KeyLength);
    private readonly Dictionary<LookupKey, Entry> _entries = [];
    private readonly Lock _lock = new();
    private long _clock;
    private long _hits;
    private long _misses;

    public ScramKeyCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The cache of upstream logins with held credentials (one per process).</summary>
    public static ScramKeyCache Shared { get; } = new();

    public int Capacity { get; }

    /// <summary>Lookups answered from the cache (PBKDF2 skipped).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that found nothing, so the caller ran PBKDF2.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// The lookup key for a role's prepared password with a server's salt and iteration count: an HMAC under this
    /// process's key, so it neither holds nor reveals the password.
    /// </summary>
    public LookupKey KeyFor(string role, ReadOnlySpan<byte> preparedPassword, ReadOnlySpan<byte> salt, int iterations)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _processKey);

        // Each field with its length in front, so no two different inputs concatenate to the same bytes.
        AppendField(hmac, Encoding.UTF8.GetBytes(role));
        AppendField(hmac, preparedPassword);
        AppendField(hmac, salt);
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(count, iterations);
        hmac.AppendData(count);
        Span<byte> digest = stackalloc byte[ScramKeys.KeyLength];
        hmac.GetHashAndReset(digest);
        return new LookupKey(
            BinaryPrimitives.ReadUInt128LittleEndian(digest),
            BinaryPrimitives.ReadUInt128LittleEndian(digest[16..]));
    }

    /// <summary>Copies the cached ClientKey ‖ StoredKey ‖ ServerKey into <paramref name="keys"/>; false on a miss.</summary>
    public bool TryGet(in LookupKey key, Span<byte> keys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keys.Length, EntryLength);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.LastUsed = ++_clock;
                entry.Keys.CopyTo(keys);
                Interlocked.Increment(ref _hits);
                return true;
            }
        }

        Interlocked.Increment(ref _misses);
        return false;
    }

    /// <summary>Keeps a copy of ClientKey ‖ StoredKey ‖ ServerKey that a server has just accepted and signed.</summary>
    public void Add(in LookupKey key, ReadOnlySpan<byte> keys)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(keys.Length, EntryLength);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                existing.LastUsed = ++_clock;
                return;
            }

            if (_entries.Count >= Capacity)
            {
                EvictLeastRecentlyUsed();
            }

            var stored = GC.AllocateUninitializedArray<byte>(EntryLength, pinned: true);
            keys.CopyTo(stored);
            _entries.Add(key, new Entry(stored) { LastUsed = ++_clock });
        }
    }

    /// <summary>Forgets every entry, zeroing the keys.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                CryptographicOperations.ZeroMemory(entry.Keys);
            }

            _entries.Clear();
        }
    }

    private static void AppendField(IncrementalHash hmac, ReadOnlySpan<byte> field)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, field.Length);
        hmac.AppendData(length);
        hmac.AppendData(field);
    }

    /// <summary>A linear scan: eviction only happens once more credentials and salts are in use than the capacity.</summary>
    private void EvictLeastRecentlyUsed()
    {
        var oldest = default(KeyValuePair<LookupKey, Entry>);
        foreach (var pair in _entries)
        {
            if (oldest.Value is null || pair.Value.LastUsed < oldest.Value.LastUsed)
            {
                oldest = pair;
            }
        }

        CryptographicOperations.ZeroMemory(oldest.Value!.Keys);
        _entries.Remove(oldest.Key);
    }

    /// <summary>HMAC-SHA-256 of role, password, salt and iteration count under the process key.</summary>
    internal readonly record struct LookupKey(UInt128 High, UInt128 Low);

    private sealed class Entry(byte[] keys)
    {
        public byte[] Keys { get; } = keys;

        public long LastUsed { get; set; }
    }
}
