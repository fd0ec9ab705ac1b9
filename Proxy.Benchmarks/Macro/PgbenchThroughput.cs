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

        var proxies = await context.StartProxiesAsync("pgbench", postgres.EndPoint, maxConnections: 200);
        var haproxy = await context.StartHaproxyAsync("pgbench", postgres.EndPoint, maxConnections: 200);
        var variants = Variant.For(postgres.EndPoint, [.. proxies, haproxy]);

        var scratch = context.CreateDirectory("pgbench");
        var warmUpSeconds = Math.Min(options.Seconds, 2);
        foreach (var variant in variants)
        {
            var tps = await RunPgbenchAsync(context, scratch, $"pgbench-warmup-{variant.Name}", variant.Target, warmUpSeconds);
            MacroContext.Progress($"pgbench warm-up {variant.Name}: {tps:0} tps");
        }

        var results = await InterleavedRounds.RunAsync(
            context,
            "pgbench",
            "tps",
            variants,
            v => RunPgbenchAsync(context, scratch, $"pgbench-{v.Name}", v.Target, options.Seconds));
        foreach (var hop in variants.Select(v => v.Hop).OfType<ChildProcess>())
        {
            await hop.StopAsync();
        }

        await postgres.Process.StopAsync();
        return new SectionResult(
            "pgbench",
            $"pgbench -S -c 8 -j 2, {options.Seconds} s per round, scale {options.PgbenchScale}, {options.Rounds} rounds",
            "tps",
            "direct",
            results,
            InterleavedRounds.Ratios(results),
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
