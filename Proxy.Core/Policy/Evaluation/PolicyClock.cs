namespace Proxy.Core.Policy.Evaluation;

/// <summary>
/// The local hour and weekday that `time.hour` and `time.weekday` compare against, for every statement. Converting
/// the time to local time each time (DateTimeOffset.Now) looks up the zone's rules per call; this keeps the answer
/// for the rest of the current UTC minute instead. Every zone's offset is a whole number of minutes, so the local
/// hour and day can only change on a UTC minute boundary (.NET keeps zone offsets in whole minutes): the answer is
/// exact, not merely close.
/// </summary>
public static class PolicyClock
{
    private static Snapshot? s_current;

    /// <summary>The local hour (0–23) and weekday now.</summary>
    public static (int Hour, DayOfWeek Weekday) Local()
    {
        var now = DateTime.UtcNow.Ticks;
        var current = Volatile.Read(ref s_current);
        if (current is null || now >= current.UntilTicks || now < current.FromTicks)
        {
            current = Take(now);
        }

        return (current.Hour, current.Weekday);
    }

    private static Snapshot Take(long utcTicks)
    {
        var from = utcTicks - (utcTicks % TimeSpan.TicksPerMinute);
        var local = new DateTimeOffset(from, TimeSpan.Zero).ToLocalTime();
        var snapshot = new Snapshot(from, from + TimeSpan.TicksPerMinute, local.Hour, local.DayOfWeek);
        Volatile.Write(ref s_current, snapshot);
        return snapshot;
    }

    private sealed record Snapshot(long FromTicks, long UntilTicks, int Hour, DayOfWeek Weekday);
}
