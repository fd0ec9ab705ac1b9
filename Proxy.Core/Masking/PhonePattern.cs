using System.Buffers;

namespace Proxy.Core.Masking;

/// <summary>
/// `phone`, three forms, none touching a letter or digit on either side:
/// <list type="number">
/// <item>International (E.164): '+', a digit 1–9, then digits to 8–15 in all; between two digits at most two
/// separator characters from space, '-', '.', '(' and ')' (`+1 (415) 555-2671`, `+44 20 7946 0958`).</item>
/// <item>North American: `(AAA) NNN-NNNN`, `(AAA)NNN-NNNN`, `AAA-NNN-NNNN`, `AAA.NNN.NNNN`, `AAA NNN NNNN` (the
/// same separator twice; after `(AAA)` an optional space and then '-', '.' or ' '), where A and N start with
/// 2–9.</item>
/// <item>National with a trunk 0: '0' starting a group of 2–5 digits, then groups of 2 or more digits each
/// after one space, '-' or '/', at least two groups, 9–12 digits in all (`020 7946 0958`, `030/1234567`,
/// `01 23 45 67 89`).</item>
/// </list>
/// Bare digit strings are not matched: they are ids and amounts far more often than phone numbers.
/// </summary>
internal sealed class PhonePattern : ByteScanner
{
    public static readonly PhonePattern Instance = new();

    private static readonly SearchValues<byte> Starts = SearchValues.Create("+(0123456789"u8);

    private PhonePattern()
        : base("phone")
    {
    }

    public override int FindNext(ReadOnlySpan<byte> text, int start, out int length)
    {
        var position = start;
        while (position < text.Length)
        {
            var relative = text[position..].IndexOfAny(Starts);
            if (relative < 0)
            {
                break;
            }

            var candidate = position + relative;
            position = candidate + 1;
            if (candidate > 0 && IsWordByte(text[candidate - 1]))
            {
                // Inside a word or a longer number: skip the rest of its digits at once.
                while (position < text.Length && IsDigit(text[position]))
                {
                    position++;
                }

                continue;
            }

            var end = text[candidate] switch
            {
                (byte)'+' => International(text, candidate),
                (byte)'(' => NorthAmerican(text, candidate),
                (byte)'0' => National(text, candidate),
                _ => NorthAmerican(text, candidate),
            };
            if (end > 0 && (end == text.Length || !IsWordByte(text[end])))
            {
                length = end - candidate;
                return candidate;
            }
        }

        length = 0;
        return -1;
    }

    private static int International(ReadOnlySpan<byte> text, int at)
    {
        var position = at + 1;
        if (position >= text.Length || text[position] is < (byte)'1' or > (byte)'9')
        {
            return -1;
        }

        var digits = 0;
        var end = -1;
        while (position < text.Length)
        {
            if (IsDigit(text[position]))
            {
                digits++;
                position++;
                end = position;
                if (digits > 15)
                {
                    return -1;
                }

                continue;
            }

            var separators = 0;
            while (position + separators < text.Length && separators < 3 && text[position + separators] is (byte)' ' or (byte)'-' or (byte)'.' or (byte)'(' or (byte)')')
            {
                separators++;
            }

            if (separators is 0 or > 2 || position + separators >= text.Length || !IsDigit(text[position + separators]))
            {
                break;
            }

            position += separators;
        }

        return digits >= 8 ? end : -1;
    }

    private static int NorthAmerican(ReadOnlySpan<byte> text, int at)
    {
        int exchange;
        byte separator;
        if (text[at] == '(')
        {
            if (!Digits(text, at + 1, 3) || text[at + 1] < '2' || at + 4 >= text.Length || text[at + 4] != ')')
            {
                return -1;
            }

            exchange = at + 5;
            if (exchange < text.Length && text[exchange] == ' ')
            {
                exchange++;
            }

            if (!Digits(text, exchange, 3) || exchange + 3 >= text.Length)
            {
                return -1;
            }

            separator = text[exchange + 3];
        }
        else
        {
            if (!Digits(text, at, 3) || text[at] < '2' || at + 3 >= text.Length)
            {
                return -1;
            }

            separator = text[at + 3];
            exchange = at + 4;
            if (!Digits(text, exchange, 3) || exchange + 3 >= text.Length || text[exchange + 3] != separator)
            {
                return -1;
            }
        }

        if (separator is not (byte)'-' and not (byte)'.' and not (byte)' ' || text[exchange] < '2' || !Digits(text, exchange + 4, 4))
        {
            return -1;
        }

        return exchange + 8;
    }

    private static int National(ReadOnlySpan<byte> text, int at)
    {
        var position = at;
        var digits = 0;
        var groups = 0;
        var end = -1;
        while (true)
        {
            var groupStart = position;
            while (position < text.Length && IsDigit(text[position]))
            {
                position++;
            }

            var groupLength = position - groupStart;
            if (groupLength < 2 || (groups == 0 && groupLength > 5))
            {
                break;
            }

            digits += groupLength;
            groups++;
            if (digits > 12)
            {
                break;
            }

            if (groups >= 2 && digits >= 9)
            {
                end = position;
            }

            if (position + 1 < text.Length && text[position] is (byte)' ' or (byte)'-' or (byte)'/' && IsDigit(text[position + 1]))
            {
                position++;
                continue;
            }

            break;
        }

        return end;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int at, int count)
    {
        if (at < 0 || at + count > text.Length)
        {
            return false;
        }

        foreach (var b in text.Slice(at, count))
        {
            if (!IsDigit(b))
            {
                return false;
            }
        }

        return true;
    }
}
