using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// pgbench's select-only workload (many small request/response round trips, 8 clients) against
/// PostgreSQL directly, through the proxy and through haproxy. Where bulk throughput measures bytes,
/// this measures per-message latency the hop adds, which is what a database client feels.
/// </summary>
internal static partial class PgbenchThroughput
{
    public static async Task<SectionResult> RunAsync(MacroContext context)
    {
        var options = context.Options;
        var postgres = await PostgresServer.StartAsync(context);
        await postgres.InitializePgbenchAsync(options.PgbenchScale);

        var proxy = await context.StartProxyAsync("pgbench", postgres.EndPoint, maxConnections: 200);
        var haproxy = await context.StartHaproxyAsync("pgbench", postgres.EndPoint, maxConnections: 200);
        var variants = new (string Name, IPEndPoint Target, ChildProcess? Hop)[]
        {
            ("direct", postgres.EndPoint, null),
            ("proxy", proxy.Listen, proxy.Process),
            ("haproxy", haproxy.Listen, haproxy.Process),
        };

        var scratch = context.CreateDirectory("pgbench");
        var warmUpSeconds = Math.Min(options.Seconds, 2);
        foreach (var (name, target, _) in variants)
        {
            var tps = await RunPgbenchAsync(context, scratch, $"pgbench-warmup-{name}", target, warmUpSeconds);
            MacroContext.Progress($"pgbench warm-up {name}: {tps:0} tps");
        }

        var samples = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var cpu = variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var (name, target, hop) in variants)
            {
                var before = hop?.Stats();
                var tps = await RunPgbenchAsync(context, scratch, $"pgbench-{name}", target, options.Seconds);
                samples[name].Add(tps);
                if (hop is not null)
                {
                    cpu[name].Add(hop.Stats().CpuSeconds - before!.Value.CpuSeconds);
                }

                MacroContext.Progress($"pgbench round {round}/{options.Rounds} {name}: {tps:0} tps");
            }
        }

        var peak = variants.Where(v => v.Hop is not null).ToDictionary(v => v.Name, v => (double?)(v.Hop!.Stats().PeakRssBytes / (double)MacroOptions.MiB));
        await proxy.Process.StopAsync();
        await haproxy.Process.StopAsync();
        await postgres.Process.StopAsync();

        var direct = Statistics.Median(samples["direct"]);
        var results = variants
            .Select(v => VariantResult.From(v.Name, samples[v.Name], direct, cpu[v.Name], peak.GetValueOrDefault(v.Name)))
            .ToList();
        return new SectionResult(
            "pgbench",
            $"pgbench -S -c 8 -j 2, {options.Seconds} s per round, scale {options.PgbenchScale}, {options.Rounds} rounds",
            "tps",
            "direct",
            results,
            [
                new RatioResult("proxy / direct", results[1].Median / direct, null, null),
                new RatioResult("proxy / haproxy", results[1].Median / results[2].Median, null, null),
                new RatioResult("haproxy / direct", results[2].Median / direct, null, null),
            ],
            []);
    }

    private static async Task<double> RunPgbenchAsync(MacroContext context, string scratch, string name, IPEndPoint target, int seconds)
    {
        var output = await ChildProcess.RunAsync(
            name,
            Tools.Pgbench,
            ["-n", "-S", "-c", "8", "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), .. PostgresServer.ConnectionArguments(target)],
            scratch,
            TimeSpan.FromSeconds(seconds + 60),
            context.Cancel);
        var match = TpsLine().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture)
            : throw new MacroException($"{name}: no 'tps = … (without initial connection time)' line in pgbench's output:\n{output}");
    }

    [GeneratedRegex(@"^tps = ([0-9.]+) \(without initial connection time\)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();
}
