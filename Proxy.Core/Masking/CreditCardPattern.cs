namespace Proxy.Core.Masking;

/// <summary>
/// `credit_card`: 13 to 19 digits that pass the Luhn check (ISO/IEC 7812-1 annex B), written together or in
/// groups separated by one space or one '-'. Neither end touches a letter or a digit. In a longer run of
/// groups ("4111 1111 1111 1111 42") the leftmost, then longest, sequence of whole groups that qualifies
/// matches, so a card number next to another number is still found.
/// </summary>
internal sealed class CreditCardPattern : ByteScanner
{
    public static readonly CreditCardPattern Instance = new();

    private const int MinDigits = 13;
    private const int MaxDigits = 19;
    private const int MaxGroups = MaxDigits + 1;

    private CreditCardPattern()
        : base("credit_card")
    {
    }

    /// <inheritdoc/>
    public override int MinMatchLength => MinDigits;

    public override int FindNext(ReadOnlySpan<byte> text, int start, out int length)
    {
        Span<int> groupStart = stackalloc int[MaxGroups];
        Span<int> groupEnd = stackalloc int[MaxGroups];
        var position = start;
        while (position < text.Length)
        {
            var relative = text[position..].IndexOfAnyInRange((byte)'0', (byte)'9');
            if (relative < 0)
            {
                break;
            }

            var runStart = position + relative;
            if (runStart > 0 && char.IsAsciiLetter((char)text[runStart - 1]))
            {
                position = SkipDigits(text, runStart);
                continue;
            }

            // Read digit groups joined by single separators.
            var groups = 0;
            var cursor = runStart;
            while (groups < MaxGroups)
            {
                groupStart[groups] = cursor;
                cursor = SkipDigits(text, cursor);
                groupEnd[groups] = cursor;
                groups++;
                if (cursor + 1 < text.Length && text[cursor] is (byte)' ' or (byte)'-' && IsDigit(text[cursor + 1]))
                {
                    cursor++;
                    continue;
                }

                break;
            }

            for (var first = 0; first < groups; first++)
            {
                for (var last = groups - 1; last >= first; last--)
                {
                    var end = groupEnd[last];
                    if (end < text.Length && char.IsAsciiLetterOrDigit((char)text[end]))
                    {
                        continue;
                    }

                    var candidate = text[groupStart[first]..end];
                    var digits = CountDigits(candidate);
                    if (digits is >= MinDigits and <= MaxDigits && PassesLuhn(candidate))
                    {
                        length = end - groupStart[first];
                        return groupStart[first];
                    }
                }
            }

            position = groupEnd[groups - 1];
        }

        length = 0;
        return -1;
    }

    private static int SkipDigits(ReadOnlySpan<byte> text, int position)
    {
        while (position < text.Length && IsDigit(text[position]))
        {
            position++;
        }

        return position;
    }

    private static int CountDigits(ReadOnlySpan<byte> candidate)
    {
        var count = 0;
        foreach (var b in candidate)
        {
            if (IsDigit(b))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Luhn: from the right, double every second digit (subtracting 9 above 9); the sum is a multiple of 10.</summary>
    internal static bool PassesLuhn(ReadOnlySpan<byte> candidate)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            if (!IsDigit(candidate[i]))
            {
                continue;
            }

            var digit = candidate[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
