using System.Buffers;
using System.Globalization;
using System.Text;

namespace Proxy.Protocols.Postgres.Auth;

/// <summary>
/// The password preparation PostgreSQL applies before SCRAM (src/common/saslprep.c): SASLprep (RFC 4013, a
/// profile of RFC 3454 stringprep), and when SASLprep fails, the raw UTF-8 bytes instead of an error.
/// </summary>
/// <remarks>
/// What matches PostgreSQL exactly: the ASCII fast path (an ASCII password is used byte for byte, control
/// characters included), mapping C.1.2 spaces to U+0020 and removing B.1 characters, falling back to the raw
/// bytes when the mapped password is empty or contains a prohibited character (C.1.2–C.9), and checking the
/// prohibited characters on the mapped input before normalization, as PostgreSQL does.
/// Approximations: NFKC comes from <see cref="string.Normalize(NormalizationForm)"/>, which leaves text
/// unchanged under InvariantGlobalization (this solution's setting), so a non-ASCII password that NFKC would
/// change (ligatures, full-width forms) hashes differently from a verifier PostgreSQL computed — verifiers and
/// proofs computed here always agree with each other. "Unassigned in Unicode 3.2" (A.1) is approximated by
/// "unassigned in the runtime's Unicode version", and the bidi rule's L category by "a letter that is not
/// R/AL".
/// </remarks>
internal static class SaslPrep
{
    /// <summary>The UTF-8 bytes SCRAM hashes for <paramref name="password"/>; the caller zeroes them after use.</summary>
    public static byte[] PreparePassword(ReadOnlySpan<char> password)
    {
        if (!password.ContainsAnyExceptInRange((char)0, (char)0x7F))
        {
            return ToUtf8(password);
        }

        var mapped = ArrayPool<char>.Shared.Rent(password.Length);
        var length = 0;
        try
        {
            var remaining = password;
            while (!remaining.IsEmpty)
            {
                if (Rune.DecodeFromUtf16(remaining, out var rune, out var consumed) != OperationStatus.Done)
                {
                    // Not valid UTF-16, so not valid UTF-8 either: PostgreSQL uses such a password as is.
                    return ToUtf8(password);
                }

                remaining = remaining[consumed..];
                if (InRanges(rune.Value, NonAsciiSpaces))
                {
                    mapped[length++] = ' ';
                }
                else if (!InRanges(rune.Value, MappedToNothing))
                {
                    length += rune.EncodeToUtf16(mapped.AsSpan(length));
                }
            }

            var prepared = mapped.AsSpan(0, length);
            if (prepared.IsEmpty || !PassesProhibitionAndBidi(prepared))
            {
                return ToUtf8(password);
            }

            // A string cannot be zeroed; this copy exists only for non-ASCII passwords.
            return ToUtf8(new string(prepared).Normalize(NormalizationForm.FormKC));
        }
        finally
        {
            mapped.AsSpan(0, length).Clear();
            ArrayPool<char>.Shared.Return(mapped);
        }
    }

    private static byte[] ToUtf8(ReadOnlySpan<char> text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static bool PassesProhibitionAndBidi(ReadOnlySpan<char> text)
    {
        bool anyRandAL = false, anyL = false;
        Rune first = default, last = default;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (InRanges(rune.Value, Prohibited) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherNotAssigned)
            {
                return false;
            }

            var randAL = InRanges(rune.Value, RandAL);
            anyRandAL |= randAL;
            anyL |= !randAL && Rune.IsLetter(rune);
            if (index++ == 0)
            {
                first = rune;
            }

            last = rune;
        }

        // RFC 3454 section 6: a string with R/AL characters has no L characters and starts and ends with R/AL.
        return !anyRandAL || (!anyL && InRanges(first.Value, RandAL) && InRanges(last.Value, RandAL));
    }

    private static bool InRanges(int codePoint, ReadOnlySpan<int> ranges)
    {
        for (var i = 0; i < ranges.Length; i += 2)
        {
            if (codePoint < ranges[i])
            {
                return false;
            }

            if (codePoint <= ranges[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    // RFC 3454 tables as inclusive [first, last] pairs in ascending order.

    /// <summary>C.1.2 non-ASCII space characters, mapped to U+0020 (RFC 4013 section 2.1).</summary>
    private static ReadOnlySpan<int> NonAsciiSpaces =>
    [
        0x00A0, 0x00A0, 0x1680, 0x1680, 0x2000, 0x200B, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000,
    ];

    /// <summary>B.1 commonly mapped to nothing (RFC 4013 section 2.1).</summary>
    private static ReadOnlySpan<int> MappedToNothing =>
    [
        0x00AD, 0x00AD, 0x034F, 0x034F, 0x1806, 0x1806, 0x180B, 0x180D, 0x200B, 0x200D, 0x2060, 0x2060,
        0xFE00, 0xFE0F, 0xFEFF, 0xFEFF,
    ];

    /// <summary>C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9 merged (RFC 4013 section 2.3).</summary>
    private static ReadOnlySpan<int> Prohibited =>
    [
        0x0000, 0x001F, 0x007F, 0x00A0, 0x0340, 0x0341, 0x06DD, 0x06DD, 0x070F, 0x070F, 0x1680, 0x1680,
        0x180E, 0x180E, 0x2000, 0x200F, 0x2028, 0x202F, 0x205F, 0x2063, 0x206A, 0x206F, 0x2FF0, 0x2FFB,
        0x3000, 0x3000, 0xD800, 0xF8FF, 0xFDD0, 0xFDEF, 0xFEFF, 0xFEFF, 0xFFF9, 0xFFFF, 0x1D173, 0x1D17A,
        0x1FFFE, 0x1FFFF, 0x2FFFE, 0x2FFFF, 0x3FFFE, 0x3FFFF, 0x4FFFE, 0x4FFFF, 0x5FFFE, 0x5FFFF,
        0x6FFFE, 0x6FFFF, 0x7FFFE, 0x7FFFF, 0x8FFFE, 0x8FFFF, 0x9FFFE, 0x9FFFF, 0xAFFFE, 0xAFFFF,
        0xBFFFE, 0xBFFFF, 0xCFFFE, 0xCFFFF, 0xDFFFE, 0xDFFFF, 0xE0001, 0xE0001, 0xE0020, 0xE007F,
        0xEFFFE, 0xEFFFF, 0xF0000, 0x10FFFF,
    ];

    /// <summary>D.1 characters with bidirectional property R or AL.</summary>
    private static ReadOnlySpan<int> RandAL =>
    [
        0x05BE, 0x05BE, 0x05C0, 0x05C0, 0x05C3, 0x05C3, 0x05D0, 0x05EA, 0x05F0, 0x05F4, 0x061B, 0x061B,
        0x061F, 0x061F, 0x0621, 0x063A, 0x0640, 0x064A, 0x066D, 0x066F, 0x0671, 0x06D5, 0x06DD, 0x06DD,
        0x06E5, 0x06E6, 0x06FA, 0x06FE, 0x0700, 0x070D, 0x0710, 0x0710, 0x0712, 0x072C, 0x0780, 0x07A5,
        0x07B1, 0x07B1, 0x200F, 0x200F, 0xFB1D, 0xFB1D, 0xFB1F, 0xFB28, 0xFB2A, 0xFB36, 0xFB38, 0xFB3C,
        0xFB3E, 0xFB3E, 0xFB40, 0xFB41, 0xFB43, 0xFB44, 0xFB46, 0xFBB1, 0xFBD3, 0xFD3D, 0xFD50, 0xFD8F,
        0xFD92, 0xFDC7, 0xFDF0, 0xFDFC, 0xFE70, 0xFE74, 0xFE76, 0xFEFC,
    ];
}
