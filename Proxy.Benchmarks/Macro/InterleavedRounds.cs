using System.Net;

namespace Proxy.Benchmarks.Macro;

/// <summary>One way to reach the server: straight (<see cref="Hop"/> null) or through a middle process.</summary>
internal sealed record Variant(string Name, IPEndPoint Target, ChildProcess? Hop)
{
    public static IReadOnlyList<Variant> For(IPEndPoint server, IEnumerable<MiddleHop> hops) =>
        [new Variant("direct", server, null), .. hops.Select(h => new Variant(h.Variant, h.Listen, h.Process))];
}

/// <summary>
/// Runs every variant once per round, in the same order each round (A B C A B C …), so whatever drifts
/// on the machine during the run is spread over all variants instead of landing on one of them.
/// </summary>
internal static class InterleavedRounds
{
    public static async Task<IReadOnlyList<VariantResult>> RunAsync(
        MacroContext context,
        string section,
        string unit,
        IReadOnlyList<Variant> variants,
        Func<Variant, Task<double>> measure)
    {
        var samples = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var cpu = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var rounds = context.Options.Rounds;
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var variant in variants)
            {
                var before = variant.Hop?.Stats();
                var value = await measure(variant);
                samples[variant.Name].Add(value);
                if (variant.Hop is not null)
                {
                    cpu[variant.Name].Add(variant.Hop.Stats().CpuSeconds - before!.Value.CpuSeconds);
                }

                MacroContext.Progress($"{section} round {round}/{rounds} {variant.Name}: {value:0} {unit}");
            }
        }

        var direct = Statistics.Median(samples["direct"]);
        return variants
            .Select(v => VariantResult.From(
                v.Name,
                samples[v.Name],
                direct,
                cpu[v.Name],
                v.Hop is null ? null : v.Hop.Stats().PeakRssBytes / (double)MacroOptions.MiB))
            .ToList();
    }

    /// <summary>
    /// Each proxy build over direct and over haproxy, haproxy over direct, and each candidate over the
    /// proxy. <paramref name="target"/> applies to build / haproxy.
    /// </summary>
    public static List<RatioResult> Ratios(IReadOnlyList<VariantResult> results, (string Text, double Minimum)? target = null)
    {
        double Median(string name) => results.First(r => r.Variant == name).Median;
        var builds = results.Select(r => r.Variant).Where(n => n is not ("direct" or "haproxy")).ToList();
        var ratios = new List<RatioResult>();
        foreach (var build in builds)
        {
            var overHaproxy = Median(build) / Median("haproxy");
            ratios.Add(new RatioResult($"{build} / direct", Median(build) / Median("direct"), null, null));
            ratios.Add(new RatioResult($"{build} / haproxy", overHaproxy, target?.Text, target is { } t ? overHaproxy >= t.Minimum : null));
        }

        ratios.Add(new RatioResult("haproxy / direct", Median("haproxy") / Median("direct"), null, null));
        foreach (var candidate in builds.Where(b => b != "proxy"))
        {
            ratios.Add(new RatioResult($"{candidate} / proxy", Median(candidate) / Median("proxy"), null, null));
        }

        return ratios;
    }
}
