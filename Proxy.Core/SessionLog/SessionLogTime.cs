using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Proxy.Core.SessionLog;

/// <summary>
/// Timestamps are stored as fixed-width ISO-8601 UTC text so that text order is time order: range
/// queries and indexes work on the column as it is, and the file stays readable with the sqlite3 shell.
/// </summary>
internal static class SessionLogTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Length of every formatted timestamp, in characters and in UTF-8 bytes (it is ASCII).</summary>
    public const int Length = 27;

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>
    /// <see cref="Format"/> as UTF-8 into <paramref name="destination"/> (at least <see cref="Length"/>
    /// bytes); returns the bytes written. By hand rather than through the custom pattern: the writer formats
    /// one per event, and the pattern interpreter costs several times more than the digits.
    /// </summary>
    public static int FormatUtf8(DateTimeOffset value, Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            ThrowDestinationTooShort();
        }

        var utc = value.UtcDateTime;
        utc.Deconstruct(out int year, out int month, out int day);
        var ticks = utc.Ticks;
        var timeOfDay = ticks % TimeSpan.TicksPerDay;
        var second = timeOfDay / TimeSpan.TicksPerSecond;

        // Seven tick digits per second, of which the pattern's ffffff keeps the first six (truncated).
        var micros = (int)(timeOfDay % TimeSpan.TicksPerSecond / 10);

        WriteDigits(destination[..4], year);
        destination[4] = (byte)'-';
        WriteDigits(destination.Slice(5, 2), month);
        destination[7] = (byte)'-';
        WriteDigits(destination.Slice(8, 2), day);
        destination[10] = (byte)'T';
        WriteDigits(destination.Slice(11, 2), (int)(second / 3600));
        destination[13] = (byte)':';
        WriteDigits(destination.Slice(14, 2), (int)(second / 60 % 60));
        destination[16] = (byte)':';
        WriteDigits(destination.Slice(17, 2), (int)(second % 60));
        destination[19] = (byte)'.';
        WriteDigits(destination.Slice(20, 6), micros);
        destination[26] = (byte)'Z';
        return Length;
    }

    public static DateTimeOffset Parse(string text) =>
        new(DateTime.ParseExact(
            text,
            Pattern,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));

    /// <summary>Writes <paramref name="value"/> as exactly <c>digits.Length</c> decimal digits, zero-padded.</summary>
    private static void WriteDigits(Span<byte> digits, int value)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDestinationTooShort() =>
        throw new ArgumentException($"A timestamp needs {Length} bytes.", "destination");
}
