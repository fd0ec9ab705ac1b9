using System.Globalization;

namespace Proxy.Benchmarks.Macro;

/// <summary>CPU time and memory of another process, as the kernel accounts them.</summary>
internal readonly record struct ProcStats(double CpuSeconds, long RssBytes, long PeakRssBytes)
{
    /// <summary>
    /// /proc/PID/stat counts in USER_HZ ticks, which the kernel fixes at 100 for user space on every
    /// architecture .NET runs on (proc(5)), whatever CONFIG_HZ is.
    /// </summary>
    private const double TicksPerSecond = 100;

    public static ProcStats Read(int pid)
    {
        // The command name in field 2 may hold spaces and parentheses; every field after the last ')' is numeric.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);

        long rss = 0;
        long peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return new ProcStats((utime + stime) / TicksPerSecond, rss, peak);
    }

    /// <summary>
    /// CPU time every process and interrupt of the machine spent, all cores together (/proc/stat's
    /// <c>cpu</c> line: user, nice, system, irq, softirq; neither idle, iowait nor time stolen by the hypervisor).
    /// </summary>
    public static double MachineBusySeconds()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7)) / TicksPerSecond;
    }

    public static ProcStats? TryRead(int pid)
    {
        try
        {
            return Read(pid);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The soft limit on open files of this process; children inherit it.</summary>
    public static long OpenFilesLimit()
    {
        foreach (var line in File.ReadLines("/proc/self/limits"))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var soft = line["Max open files".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
            }
        }

        return 1024;
    }

    // "VmRSS:	   12345 kB"
    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
}
