using System.Buffers;

namespace Proxy.Tests.Postgres.Framing;

/// <summary>
/// Builds a <see cref="ReadOnlySequence{T}"/> of several segments, as a pipe hands over bytes that arrived
/// in several receives. Each segment gets an array of its own, so nothing can read past a segment's end
/// into the next one by accident.
/// </summary>
internal static class SegmentedSequence
{
    /// <summary>The bytes cut at each of <paramref name="offsets"/> (ascending, each inside the array).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] offsets)
    {
        var pieces = new List<byte[]>(offsets.Length + 1);
        var start = 0;
        foreach (var offset in offsets)
        {
            if (offset < start || offset > bytes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offsets), $"offset {offset} after {start} in {bytes.Length} bytes");
            }

            pieces.Add(bytes[start..offset]);
            start = offset;
        }

        pieces.Add(bytes[start..]);
        return FromSegments(pieces);
    }

    /// <summary>Every byte in a segment of its own: the worst a reader of the sequence can be handed.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes) =>
        bytes.Length == 0 ? ReadOnlySequence<byte>.Empty : FromSegments(bytes.Select(b => new[] { b }).ToList());

    /// <summary>The bytes in segments of at most <paramref name="size"/> bytes each.</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] bytes, int size) =>
        Split(bytes, Enumerable.Range(1, Math.Max(0, (bytes.Length - 1) / size)).Select(i => i * size).ToArray());

    public static ReadOnlySequence<byte> FromSegments(IReadOnlyList<byte[]> pieces)
    {
        var first = new Segment(pieces[0], 0);
        var last = first;
        foreach (var piece in pieces.Skip(1))
        {
            last = last.Append(piece);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>How many segments a sequence has, so a test can show it split where it meant to.</summary>
    public static int CountSegments(in ReadOnlySequence<byte> sequence)
    {
        var count = 0;
        foreach (var _ in sequence)
        {
            count++;
        }

        return count;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
