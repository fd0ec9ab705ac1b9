namespace Proxy.Core.Masking;

/// <summary>
/// `aws_key`: an AWS access key id, `AKIA` (long-term) or `ASIA` (temporary, STS) followed by 16 of A–Z and
/// 0–9, not touching a letter or digit on either side.
/// </summary>
internal sealed class AwsKeyPattern : ByteScanner
{
    public static readonly AwsKeyPattern Instance = new();

    private const int Length = 20;

    private AwsKeyPattern()
        : base("aws_key")
    {
    }

    /// <inheritdoc/>
    public override int MinMatchLength => Length;

    public override int FindNext(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = Length;
        var position = start;
        while (position + Length <= text.Length)
        {
            var relative = text[position..].IndexOf("IA"u8);
            if (relative < 0)
            {
                break;
            }

            var candidate = position + relative - 2;
            position += relative + 1;
            if (candidate < start || candidate + Length > text.Length || text[candidate] != 'A' || text[candidate + 1] is not (byte)'K' and not (byte)'S')
            {
                continue;
            }

            if ((candidate > 0 && IsWordByte(text[candidate - 1])) || (candidate + Length < text.Length && IsWordByte(text[candidate + Length])))
            {
                continue;
            }

            var ok = true;
            foreach (var b in text.Slice(candidate + 4, 16))
            {
                ok &= IsDigit(b) || b - (uint)'A' <= 'Z' - 'A';
            }

            if (ok)
            {
                return candidate;
            }
        }

        length = 0;
        return -1;
    }
}
