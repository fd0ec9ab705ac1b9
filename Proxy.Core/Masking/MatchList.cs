using System.Buffers;

namespace Proxy.Core.Masking;

/// <summary>One match of one pattern rule, in bytes. Ordered leftmost first, then longest, then by rule order.</summary>
internal readonly record struct TextMatch(int Start, int Length, int Rule) : IComparable<TextMatch>
{
    public int End => Start + Length;

    public int CompareTo(TextMatch other)
    {
        var byStart = Start.CompareTo(other.Start);
        if (byStart != 0)
        {
            return byStart;
        }

        var byLength = other.Length.CompareTo(Length);
        return byLength != 0 ? byLength : Rule.CompareTo(other.Rule);
    }
}

/// <summary>The matches found in one value, in a pooled array rented at the first match: a value without one rents nothing.</summary>
internal struct MatchList
{
    private TextMatch[]? _items;

    public int Count { get; private set; }

    public readonly Span<TextMatch> Items => _items.AsSpan(0, Count);

    public void Add(int start, int length, int rule)
    {
        if (_items is null)
        {
            _items = ArrayPool<TextMatch>.Shared.Rent(8);
        }
        else if (Count == _items.Length)
        {
            var larger = ArrayPool<TextMatch>.Shared.Rent(Count * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<TextMatch>.Shared.Return(_items);
            _items = larger;
        }

        _items[Count++] = new TextMatch(start, length, rule);
    }

    public void Dispose()
    {
        if (_items is not null)
        {
            ArrayPool<TextMatch>.Shared.Return(_items);
            _items = null;
        }

        Count = 0;
    }
}
