using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Proxy.Core.SessionLog;

/// <summary>
/// Encoded bytes of the strings the writer saw last, found by reference: the data path hands the log the
/// same string instance again and again (a session's id, identity and database; a prepared statement's text,
/// table list and command tag; the statement decider's last text), so the writer copies bytes it encoded once
/// instead of transcoding (and, for JSON, escaping) the same characters for every event.
/// </summary>
/// <remarks>
/// Writer thread only, no locks. Direct-mapped: a slot per <see cref="RuntimeHelpers.GetHashCode(object)"/>
/// bucket, the newest string taking a slot over, so the cache never grows past <see cref="Slots"/> entries of at
/// most <see cref="MaxBytes"/> bytes each, however many distinct texts pass (pgbench -M simple: a new literal
/// per Query). A string is immutable and the slot holds it, so a reference match means the same characters;
/// a miss costs the caller's encoding plus one copy into the slot, whose buffer is reused.
/// </remarks>
internal sealed class Utf8StringCache
{
    /// <summary>Entries kept: a power of two, several times the strings a busy batch repeats (8 sessions × a handful).</summary>
    public const int Slots = 256;

    /// <summary>Longer encodings are not kept: they bound the cache's memory, and at that length the row costs more than the encoding.</summary>
    public const int MaxBytes = 2048;

    private readonly Entry[] _entries = new Entry[Slots];

    public int Hits { get; private set; }

    public int Misses { get; private set; }

    /// <summary>The bytes stored for this very string instance, if it still holds its slot.</summary>
    public bool TryGet(string value, out ReadOnlySpan<byte> bytes)
    {
        ref var entry = ref _entries[RuntimeHelpers.GetHashCode(value) & (Slots - 1)];
        if (ReferenceEquals(entry.Key, value))
        {
            Hits++;
            bytes = entry.Bytes.AsSpan(0, entry.Length);
            return true;
        }

        Misses++;
        bytes = default;
        return false;
    }

    /// <summary>Keeps <paramref name="bytes"/> as the encoding of <paramref name="value"/>, evicting its slot's string.</summary>
    public void Set(string value, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return;
        }

        ref var entry = ref Slot(value, bytes.Length);
        bytes.CopyTo(entry.Bytes);
        entry.Length = bytes.Length;
    }

    /// <summary>
    /// <paramref name="value"/> as plain UTF-8 (for SQLite's text binds), from the cache or encoded into it;
    /// false for a value too long to keep, which the caller binds as it is.
    /// </summary>
    public bool TryGetUtf8(string value, out ReadOnlySpan<byte> utf8)
    {
        if (TryGet(value, out utf8))
        {
            return true;
        }

        // Three bytes per UTF-16 unit at most (a surrogate pair is two units and four bytes), so only a long
        // value is counted first.
        var capacity = value.Length <= MaxBytes / 3 ? value.Length * 3 : Encoding.UTF8.GetByteCount(value);
        if (capacity > MaxBytes)
        {
            return false;
        }

        ref var entry = ref Slot(value, capacity);
        entry.Length = Encoding.UTF8.GetBytes(value, entry.Bytes);
        utf8 = entry.Bytes.AsSpan(0, entry.Length);
        return true;
    }

    /// <summary>The slot of <paramref name="value"/>, taken over for it, with room for <paramref name="length"/> bytes.</summary>
    private ref Entry Slot(string value, int length)
    {
        ref var entry = ref _entries[RuntimeHelpers.GetHashCode(value) & (Slots - 1)];
        if (entry.Bytes is null || entry.Bytes.Length < length)
        {
            entry.Bytes = new byte[Math.Max(64, (int)BitOperations.RoundUpToPowerOf2((uint)length))];
        }

        entry.Key = value;
        return ref entry;
    }

    private struct Entry
    {
        public string? Key;
        public byte[] Bytes;
        public int Length;
    }
}
