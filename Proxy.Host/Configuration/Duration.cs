using System.Globalization;

namespace Proxy.Host.Configuration;

/// <summary>Durations as operators write them: "500ms", "30s", "5m", "1h", "0", or "hh:mm:ss".</summary>
internal static class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var (number, unit) = s.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (s[..^2], 1.0)
            : s.EndsWith('s') || s.EndsWith('S') ? (s[..^1], 1000.0)
            : s.EndsWith('m') || s.EndsWith('M') ? (s[..^1], 60_000.0)
            : s.EndsWith('h') || s.EndsWith('H') ? (s[..^1], 3_600_000.0)
            : (s, double.NaN);

        if (double.IsNaN(unit))
        {
            if (s == "0")
            {
                value = TimeSpan.Zero;
                return true;
            }

            return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(amount * unit);
        return true;
    }

    public static string Format(TimeSpan value) =>
        value == TimeSpan.Zero ? "0"
        : value.TotalMilliseconds < 1000 ? $"{value.TotalMilliseconds:0.###}ms"
        : value.TotalSeconds < 60 ? $"{value.TotalSeconds:0.###}s"
        : value.TotalMinutes < 60 ? $"{value.TotalMinutes:0.###}m"
        : $"{value.TotalHours:0.###}h";
}
