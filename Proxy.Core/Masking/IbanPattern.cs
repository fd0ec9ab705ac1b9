using System.Collections.Frozen;

namespace Proxy.Core.Masking;

/// <summary>
/// `iban`: an International Bank Account Number (ISO 13616): a country code of the IBAN registry, two check
/// digits and the BBAN, exactly as long as the registry says for that country, in upper case, written together
/// or with single spaces between characters after the check digits (the print form groups by four). The whole
/// number must pass the ISO 7064 mod-97 check (remainder 1). Neither end touches a letter or digit.
/// </summary>
internal sealed class IbanPattern : ByteScanner
{
    public static readonly IbanPattern Instance = new();

    /// <summary>IBAN lengths by country, from the SWIFT IBAN registry.</summary>
    private static readonly FrozenDictionary<int, int> Lengths = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BI"] = 27, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24,
        ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18,
        ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27,
        ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27,
        ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27,
        ["MT"] = 31, ["MU"] = 30, ["NI"] = 28, ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24, ["PL"] = 28,
        ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33, ["SA"] = 24, ["SC"] = 31,
        ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25, ["SV"] = 28,
        ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    }.ToFrozenDictionary(pair => (pair.Key[0] << 8) | pair.Key[1], pair => pair.Value);

    private IbanPattern()
        : base("iban")
    {
    }

    public override int FindNext(ReadOnlySpan<byte> text, int start, out int length)
    {
        var position = start;
        while (position + 4 <= text.Length)
        {
            var relative = text[position..].IndexOfAnyInRange((byte)'A', (byte)'Z');
            if (relative < 0)
            {
                break;
            }

            var candidate = position + relative;
            position = candidate + 1;
            if (candidate + 4 > text.Length || (candidate > 0 && IsWordByte(text[candidate - 1]))
                || !IsUpper(text[candidate + 1]) || !IsDigit(text[candidate + 2]) || !IsDigit(text[candidate + 3])
                || !Lengths.TryGetValue((text[candidate] << 8) | text[candidate + 1], out var ibanLength))
            {
                continue;
            }

            var end = candidate + 4;
            var characters = 4;
            while (characters < ibanLength && end < text.Length)
            {
                if (text[end] == ' ' && end + 1 < text.Length && IsUpperAlphanumeric(text[end + 1]))
                {
                    end++;
                }

                if (!IsUpperAlphanumeric(text[end]))
                {
                    break;
                }

                characters++;
                end++;
            }

            if (characters == ibanLength && (end == text.Length || !IsWordByte(text[end])) && PassesMod97(text[candidate..end]))
            {
                length = end - candidate;
                return candidate;
            }
        }

        length = 0;
        return -1;
    }

    /// <summary>ISO 7064 MOD 97-10: move the first four characters to the end, letters become 10–35, the number mod 97 is 1.</summary>
    internal static bool PassesMod97(ReadOnlySpan<byte> iban)
    {
        var remainder = 0;
        var seen = 0;
        foreach (var b in iban)
        {
            if (b == ' ')
            {
                continue;
            }

            if (seen++ >= 4)
            {
                remainder = Step(remainder, b);
            }
        }

        for (var i = 0; i < 4; i++)
        {
            remainder = Step(remainder, iban[i]);
        }

        return remainder == 1;
    }

    private static int Step(int remainder, byte b) =>
        IsDigit(b) ? ((remainder * 10) + (b - '0')) % 97 : ((remainder * 100) + (b - 'A' + 10)) % 97;

    private static bool IsUpper(byte b) => b - (uint)'A' <= 'Z' - 'A';

    private static bool IsUpperAlphanumeric(byte b) => IsUpper(b) || IsDigit(b);
}
