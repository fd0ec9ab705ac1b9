namespace Proxy.Core.Masking;

/// <summary>
/// `private_key`: a PEM block (RFC 7468) from `-----BEGIN LABEL-----` to the matching `-----END LABEL-----`,
/// where LABEL is `PRIVATE KEY` or ends in ` PRIVATE KEY` (`RSA PRIVATE KEY`, `EC PRIVATE KEY`,
/// `OPENSSH PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, …). A block without its END line matches to the end of the
/// value: a truncated key is still a secret.
/// </summary>
internal sealed class PrivateKeyPattern : ByteScanner
{
    public static readonly PrivateKeyPattern Instance = new();

    private PrivateKeyPattern()
        : base("private_key")
    {
    }

    private static ReadOnlySpan<byte> Begin => "-----BEGIN "u8;

    private static ReadOnlySpan<byte> End => "-----END "u8;

    private static ReadOnlySpan<byte> Dashes => "-----"u8;

    private static ReadOnlySpan<byte> PrivateKey => "PRIVATE KEY"u8;

    public override int FindNext(ReadOnlySpan<byte> text, int start, out int length)
    {
        var position = start;
        while (position < text.Length)
        {
            var relative = text[position..].IndexOf(Begin);
            if (relative < 0)
            {
                break;
            }

            var blockStart = position + relative;
            var labelStart = blockStart + Begin.Length;
            position = labelStart;
            var labelLength = text[labelStart..].IndexOf(Dashes);
            if (labelLength < 0)
            {
                break;
            }

            var label = text.Slice(labelStart, labelLength);
            if (!IsPrivateKeyLabel(label))
            {
                continue;
            }

            var searchFrom = labelStart + labelLength + Dashes.Length;
            while (true)
            {
                var endRelative = text[searchFrom..].IndexOf(End);
                if (endRelative < 0)
                {
                    length = text.Length - blockStart;
                    return blockStart;
                }

                var endLabel = searchFrom + endRelative + End.Length;
                searchFrom = endLabel;
                var rest = text[endLabel..];
                if (rest.StartsWith(label) && rest[label.Length..].StartsWith(Dashes))
                {
                    length = endLabel + label.Length + Dashes.Length - blockStart;
                    return blockStart;
                }
            }
        }

        length = 0;
        return -1;
    }

    private static bool IsPrivateKeyLabel(ReadOnlySpan<byte> label)
    {
        if (!label.EndsWith(PrivateKey) || (label.Length > PrivateKey.Length && label[^(PrivateKey.Length + 1)] != ' '))
        {
            return false;
        }

        foreach (var b in label)
        {
            if (!(b - (uint)'A' <= 'Z' - 'A' || IsDigit(b) || b == ' '))
            {
                return false;
            }
        }

        return true;
    }
}
