using System.Globalization;

namespace Proxy.Core.SessionLog;

/// <summary>
/// Timestamps are stored as fixed-width ISO-8601 UTC text so that text order is time order: range
/// queries and indexes work on the column as it is, and the file stays readable with the sqlite3 shell.
/// </summary>
internal static class SessionLogTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        new(DateTime.ParseExact(
            text,
            Pattern,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
}
