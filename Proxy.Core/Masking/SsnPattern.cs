namespace Proxy.Core.Masking;

/// <summary>
/// `ssn`: a US Social Security number written AAA-GG-SSSS, not touching a letter or digit on either side. The
/// numbers the SSA never issues are excluded: area 000, 666 and 900–999, group 00, serial 0000. Nine digits
/// without dashes are not matched: every nine-digit number would be.
/// </summary>
internal sealed class SsnPattern : ByteScanner
{
    public static readonly SsnPattern Instance = new();

    private const int Length = 11;

    private SsnPattern()
        : base("ssn")
    {
    }

    /// <inheritdoc/>
    public override int MinMatchLength => Length;

    public override int FindNext(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = Length;

        // Search for the first dash: text has far fewer dashes than digits.
        var position = start + 3;
        while (position + 8 <= text.Length)
        {
            var relative = text[position..].IndexOf((byte)'-');
            if (relative < 0)
            {
                break;
            }

            var candidate = position + relative - 3;
            if (candidate + Length <= text.Length && IsSsn(text, candidate))
            {
                return candidate;
            }

            position += relative + 1;
        }

        length = 0;
        return -1;
    }

    private static bool IsSsn(ReadOnlySpan<byte> text, int at)
    {
        if (at > 0 && IsWordByte(text[at - 1]))
        {
            return false;
        }

        if (at + Length < text.Length && IsWordByte(text[at + Length]))
        {
            return false;
        }

        var s = text.Slice(at, Length);
        if (s[3] != '-' || s[6] != '-')
        {
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            if (i is not 3 and not 6 && !IsDigit(s[i]))
            {
                return false;
            }
        }

        var area = ((s[0] - '0') * 100) + ((s[1] - '0') * 10) + (s[2] - '0');
        return area is not 0 and not 666 and < 900
            && !(s[4] == '0' && s[5] == '0')
            && !s[7..].SequenceEqual("0000"u8);
    }
}
