using System.Buffers;

namespace Proxy.Protocols.Postgres.Masking;

/// <summary>
/// Where masked values are written before their row is: one per session, grown to the largest row seen and
/// reused, so masking a row allocates nothing once warm. Only the server loop uses it.
/// </summary>
internal sealed class MaskScratch : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[1024];

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Count);

    public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    public void Reset() => Count = 0;

    /// <summary>Forgets what was written after <paramref name="count"/> bytes (a value that became NULL after all).</summary>
    public void Truncate(int count) => Count = count;

    public void Advance(int count) => Count += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(Count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(Count);
    }

    private void Ensure(int sizeHint)
    {
        var needed = Count + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
