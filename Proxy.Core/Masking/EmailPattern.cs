namespace Proxy.Core.Masking;

/// <summary>
/// `email`: LOCAL@DOMAIN in ASCII. LOCAL is one or more of the RFC 5322 atext characters and '.', neither
/// starting nor ending with '.'; DOMAIN is two or more labels of letters, digits and '-' (not at a label's
/// ends) joined by '.', the last label two or more letters. A trailing '.' ends the sentence, not the domain.
/// </summary>
internal sealed class EmailPattern : ByteScanner
{
    public static readonly EmailPattern Instance = new();

    private EmailPattern()
        : base("email")
    {
    }

    public override int FindNext(ReadOnlySpan<byte> text, int start, out int length)
    {
        var searchFrom = start;
        while (searchFrom < text.Length)
        {
            var relative = text[searchFrom..].IndexOf((byte)'@');
            if (relative < 0)
            {
                break;
            }

            var at = searchFrom + relative;
            searchFrom = at + 1;
            var left = at;
            while (left > start && IsLocal(text[left - 1]))
            {
                left--;
            }

            while (left < at && text[left] == '.')
            {
                left++;
            }

            if (left == at || text[at - 1] == '.')
            {
                continue;
            }

            var domainEnd = DomainEnd(text, at + 1);
            if (domainEnd > 0)
            {
                length = domainEnd - left;
                return left;
            }
        }

        length = 0;
        return -1;
    }

    /// <summary>The end of a valid domain starting at <paramref name="start"/>, or -1.</summary>
    private static int DomainEnd(ReadOnlySpan<byte> text, int start)
    {
        var position = start;
        var labels = 0;
        var lastLabelAllLetters = false;
        var lastLabelLength = 0;
        var end = -1;
        while (true)
        {
            var labelStart = position;
            var allLetters = true;
            while (position < text.Length && (char.IsAsciiLetterOrDigit((char)text[position]) || text[position] == '-'))
            {
                allLetters &= char.IsAsciiLetter((char)text[position]);
                position++;
            }

            var labelLength = position - labelStart;
            if (labelLength == 0 || text[labelStart] == '-' || text[position - 1] == '-')
            {
                break;
            }

            labels++;
            lastLabelAllLetters = allLetters;
            lastLabelLength = labelLength;
            if (labels >= 2 && lastLabelAllLetters && lastLabelLength >= 2)
            {
                end = position;
            }

            if (position + 1 < text.Length && text[position] == '.' && char.IsAsciiLetterOrDigit((char)text[position + 1]))
            {
                position++;
                continue;
            }

            break;
        }

        return end;
    }

    private static bool IsLocal(byte b) =>
        char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\''
            or (byte)'*' or (byte)'+' or (byte)'/' or (byte)'=' or (byte)'?' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'{' or (byte)'|'
            or (byte)'}' or (byte)'~' or (byte)'-';
}
