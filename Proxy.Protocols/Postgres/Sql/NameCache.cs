using System.Text;

namespace Proxy.Protocols.Postgres.Sql;

/// <summary>
/// Normalized UTF-8 table name → string, so that a name seen before costs no allocation. Bounded: a fixed
/// number of slots, a colliding neighbourhood evicts, and long names are not kept, so a client sending
/// endless distinct names cannot grow it. The hash is seeded per process (HashCode), so slots cannot be
/// targeted from outside.
/// </summary>
internal sealed class NameCache
{
    private const int Capacity = 512;
    private const int Probes = 8;
    private const int MaxCachedLength = 128;

    private readonly byte[]?[] _keys = new byte[Capacity][];
    private readonly string?[] _values = new string[Capacity];
    private readonly int[] _hashes = new int[Capacity];

    /// <summary>The string for <paramref name="name"/>, and its content hash for deduplication.</summary>
    public string Get(ReadOnlySpan<byte> name, out int hash)
    {
        var hasher = new HashCode();
        hasher.AddBytes(name);
        hash = hasher.ToHashCode();
        if (name.Length > MaxCachedLength)
        {
            return Encoding.UTF8.GetString(name);
        }

        var home = hash & (Capacity - 1);
        for (var probe = 0; probe < Probes; probe++)
        {
            var slot = (home + probe) & (Capacity - 1);
            var value = _values[slot];
            if (value is null)
            {
                return Store(slot, hash, name);
            }

            if (_hashes[slot] == hash && name.SequenceEqual(_keys[slot]))
            {
                return value;
            }
        }

        return Store((home + ((hash >>> 16) & (Probes - 1))) & (Capacity - 1), hash, name);
    }

    private string Store(int slot, int hash, ReadOnlySpan<byte> name)
    {
        var value = Encoding.UTF8.GetString(name);
        _keys[slot] = name.ToArray();
        _values[slot] = value;
        _hashes[slot] = hash;
        return value;
    }
}
