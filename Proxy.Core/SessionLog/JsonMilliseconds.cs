using System.Globalization;
using System.Text.Json;

namespace Proxy.Core.SessionLog;

/// <summary>
/// A duration as the session log stores it: milliseconds rounded to three decimals, written as
/// <see cref="Utf8JsonWriter.WriteNumber(JsonEncodedText, double)"/> writes <c>Math.Round(ms, 3)</c> (shortest
/// round-trip form: 12.347, 0.2, 3), without the general double formatter, which cost the writer thread more
/// than any other field of a statement event.
/// </summary>
/// <remarks>
/// A rounded value is the double nearest to k/1000 for an integer k. Up to 10^12 thousandths those doubles are
/// far apart compared with their precision, so the shortest text that reads back as the value is k/1000 in
/// decimals with trailing zeros dropped, and below 10^15 the writer uses no exponent; anything else (negative,
/// huge, not such a double) goes through the writer as before.
/// </remarks>
internal static class JsonMilliseconds
{
    private const long MaxThousandths = 1_000_000_000_000;

    /// <summary>Longest text <see cref="TryFormat"/> writes: nine integer digits (below 10^9 ms), the point and three decimals.</summary>
    public const int MaxLength = 13;

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, TimeSpan duration)
    {
        var value = Math.Round(duration.TotalMilliseconds, 3);
        Span<byte> text = stackalloc byte[MaxLength];
        if (TryFormat(value, text, out var length))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(text[..length], skipInputValidation: true);
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    /// <summary>
    /// <paramref name="value"/> (already rounded to three decimals) as the writer would write it; false when it
    /// is not such a value in range, for the caller to format the general way.
    /// </summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!(value >= 0) || double.IsNegative(value) || value >= MaxThousandths / 1000.0 || destination.Length < MaxLength)
        {
            return false;
        }

        var thousandths = (long)Math.Round(value * 1000);
        if (thousandths / 1000.0 != value)
        {
            return false;
        }

        var whole = thousandths / 1000;
        var fraction = (int)(thousandths % 1000);
        if (!whole.TryFormat(destination, out written, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        if (fraction != 0)
        {
            destination[written++] = (byte)'.';
            destination[written++] = (byte)('0' + (fraction / 100));
            if (fraction % 100 != 0)
            {
                destination[written++] = (byte)('0' + (fraction / 10 % 10));
                if (fraction % 10 != 0)
                {
                    destination[written++] = (byte)('0' + (fraction % 10));
                }
            }
        }

        return true;
    }
}
