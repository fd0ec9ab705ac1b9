using System.Buffers;
using System.Buffers.Text;

namespace Proxy.Core.Masking;

/// <summary>
/// `jwt`: a JSON Web Token in compact form (RFC 7519, RFC 7515 section 7.1): base64url segments joined by '.',
/// three (JWS) or five (JWE), the last one possibly empty (an unsecured JWT has no signature). The first
/// segment must start with `eyJ` (the encoding of `{"`) and decode to a JSON object holding `"alg"`; a header
/// over 2048 characters is not decoded and not matched. Neither end touches a base64url character or '.'.
/// </summary>
internal sealed class JwtPattern : ByteScanner
{
    public static readonly JwtPattern Instance = new();

    private const int MaxHeaderLength = 2048;

    private JwtPattern()
        : base("jwt")
    {
    }

    public override int FindNext(ReadOnlySpan<byte> text, int start, out int length)
    {
        var position = start;
        while (position < text.Length)
        {
            var relative = text[position..].IndexOf("eyJ"u8);
            if (relative < 0)
            {
                break;
            }

            var tokenStart = position + relative;
            position = tokenStart + 1;
            if (tokenStart > 0 && (IsBase64Url(text[tokenStart - 1]) || text[tokenStart - 1] == '.'))
            {
                continue;
            }

            var headerEnd = SkipBase64Url(text, tokenStart);
            var segments = 1;
            var end = headerEnd;
            var threeEnd = -1;
            while (segments < 5 && end < text.Length && text[end] == '.')
            {
                var segmentEnd = SkipBase64Url(text, end + 1);
                segments++;
                end = segmentEnd;
                if (segments == 3)
                {
                    threeEnd = end;
                }
            }

            // The payload must not be empty; only the last segment may be.
            if (segments < 3 || headerEnd + 1 >= text.Length || text[headerEnd + 1] == '.')
            {
                continue;
            }

            if (segments == 4)
            {
                end = threeEnd;
            }

            if (end < text.Length && (IsBase64Url(text[end]) || text[end] == '.'))
            {
                continue;
            }

            if (HeaderHasAlg(text[tokenStart..headerEnd]))
            {
                length = end - tokenStart;
                return tokenStart;
            }
        }

        length = 0;
        return -1;
    }

    private static bool HeaderHasAlg(ReadOnlySpan<byte> header)
    {
        if (header.Length > MaxHeaderLength)
        {
            return false;
        }

        Span<byte> json = stackalloc byte[Base64Url.GetMaxDecodedLength(MaxHeaderLength)];
        if (Base64Url.DecodeFromUtf8(header, json, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        var decoded = json[..written].TrimStart(" \t\r\n"u8);
        return !decoded.IsEmpty && decoded[0] == '{' && decoded.IndexOf("\"alg\""u8) >= 0;
    }

    private static int SkipBase64Url(ReadOnlySpan<byte> text, int position)
    {
        while (position < text.Length && IsBase64Url(text[position]))
        {
            position++;
        }

        return position;
    }

    private static bool IsBase64Url(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_';
}
