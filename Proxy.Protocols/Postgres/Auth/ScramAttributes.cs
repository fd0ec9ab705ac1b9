using System.Text;

namespace Proxy.Protocols.Postgres.Auth;

/// <summary>Reads the comma-separated <c>a=value</c> attributes of a SCRAM message (RFC 5802 section 7).</summary>
internal static class ScramAttributes
{
    /// <summary>Reads attribute <paramref name="name"/> at the start of <paramref name="rest"/> and the comma after it, if any.</summary>
    public static bool TryRead(ref ReadOnlySpan<byte> rest, byte name, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (rest.Length < 2 || rest[0] != name || rest[1] != (byte)'=')
        {
            return false;
        }

        var end = rest.IndexOf((byte)',');
        if (end < 0)
        {
            value = rest[2..];
            rest = default;
        }
        else
        {
            value = rest[2..end];
            rest = rest[(end + 1)..];

            // A trailing comma promises an attribute that is not there.
            if (rest.IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Skips optional extension attributes (RFC 5802 section 7: attr-val, a letter, '=', a value).</summary>
    public static bool TrySkipExtensions(ref ReadOnlySpan<byte> rest)
    {
        while (!rest.IsEmpty)
        {
            if (!IsAsciiLetter(rest[0]) || !TryRead(ref rest, rest[0], out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An ASCII value as text; null when it holds anything else.</summary>
    public static string? AsciiText(ReadOnlySpan<byte> value) =>
        Ascii.IsValid(value) ? Encoding.ASCII.GetString(value) : null;

    public static bool TryDecodeBase64(ReadOnlySpan<byte> value, Span<byte> destination, out int written)
    {
        written = 0;
        return AsciiText(value) is { Length: > 0 } text
            && !text.AsSpan().ContainsAny(" \t\r\n")
            && Convert.TryFromBase64String(text, destination, out written);
    }

    private static bool IsAsciiLetter(byte value) => value is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';
}
