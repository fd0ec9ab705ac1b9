using System.Text;

namespace Proxy.Core.Masking;

/// <summary>Character walks over UTF-8 that accept any bytes: an invalid sequence is one character.</summary>
internal static class Utf8Text
{
    public static int CountCharacters(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        while (!utf8.IsEmpty)
        {
            Rune.DecodeFromUtf8(utf8, out _, out var consumed);
            utf8 = utf8[consumed..];
            count++;
        }

        return count;
    }

    /// <summary>The byte offset at which character <paramref name="index"/> starts (the length when index is the count).</summary>
    public static int OffsetOfCharacter(ReadOnlySpan<byte> utf8, int index)
    {
        var offset = 0;
        for (var i = 0; i < index && offset < utf8.Length; i++)
        {
            Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed);
            offset += consumed;
        }

        return offset;
    }
}
