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
        Func<Variant, Task<double>> measure,
        double? roundSeconds = null)
    {
        var samples = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var cpu = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var cpuPerItem = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var machinePerItem = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var rounds = context.Options.Rounds;
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var variant in variants)
            {
                var before = variant.Hop?.Stats();
                var machineBefore = ProcStats.MachineBusySeconds();
                var value = await measure(variant);
                var machineSpent = ProcStats.MachineBusySeconds() - machineBefore;
                samples[variant.Name].Add(value);

                // A rate measured over a round of known length: the round's items are rate × seconds.
                double? items = roundSeconds is { } length && value > 0 ? value * length : null;

                // Every process's CPU per item, direct's too: what the hop costs the machine, including what its
                // delays cost the client and the server (a slower round trip wakes them more often per transaction).
                if (items is { } machineItems)
                {
                    machinePerItem[variant.Name].Add(machineSpent * 1e6 / machineItems);
                }

                if (variant.Hop is not null)
                {
                    var spent = variant.Hop.Stats().CpuSeconds - before!.Value.CpuSeconds;
                    cpu[variant.Name].Add(spent);
                    if (items is { } hopItems)
                    {
                        cpuPerItem[variant.Name].Add(spent * 1e6 / hopItems);
                    }
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
                v.Hop is null ? null : v.Hop.Stats().PeakRssBytes / (double)MacroOptions.MiB,
                cpuPerItem[v.Name],
                machinePerItem[v.Name]))
            .ToList();
    }

    /// <summary>The variants that are not a build of the proxy at layer 4: references and the L7 proxy.</summary>
    public static readonly IReadOnlySet<string> NotL4Builds = new HashSet<string>(StringComparer.Ordinal) { "direct", "haproxy", "pgbouncer", "proxy-l7" };

    /// <summary>A <c>--candidate</c> build at layer 7 is named after the candidate with this suffix.</summary>
    public const string L7Suffix = "-l7";

    private static bool IsL4Build(string variant) => !NotL4Builds.Contains(variant) && !variant.EndsWith(L7Suffix, StringComparison.Ordinal);

    /// <summary>
    /// Each proxy build over direct and over haproxy, haproxy over direct, and each candidate over the
    /// proxy; where the section has them, pgbouncer over direct and the layer-7 proxy over pgbouncer,
    /// direct and the L4 proxy. <paramref name="target"/> applies to build / haproxy,
    /// <paramref name="l7Target"/> to proxy-l7 / pgbouncer. A ratio whose variant was not measured
    /// (<c>--only</c>) is left out.
    /// </summary>
    public static List<RatioResult> Ratios(
        IReadOnlyList<VariantResult> results,
        (string Text, double Minimum)? target = null,
        (string Text, double Minimum)? l7Target = null)
    {
        bool Has(string name) => results.Any(r => r.Variant == name);
        double Median(string name) => results.First(r => r.Variant == name).Median;
        var builds = results.Select(r => r.Variant).Where(IsL4Build).ToList();
        var ratios = new List<RatioResult>();
        foreach (var build in builds)
        {
            ratios.Add(new RatioResult($"{build} / direct", Median(build) / Median("direct"), null, null));
            if (Has("haproxy"))
            {
                var overHaproxy = Median(build) / Median("haproxy");
                ratios.Add(new RatioResult($"{build} / haproxy", overHaproxy, target?.Text, target is { } t ? overHaproxy >= t.Minimum : null));
            }
        }

        if (Has("haproxy"))
        {
            ratios.Add(new RatioResult("haproxy / direct", Median("haproxy") / Median("direct"), null, null));
        }

        if (Has("proxy"))
        {
            foreach (var candidate in builds.Where(b => b != "proxy"))
            {
                ratios.Add(new RatioResult($"{candidate} / proxy", Median(candidate) / Median("proxy"), null, null));
            }
        }

        if (Has("pgbouncer"))
        {
            ratios.Add(new RatioResult("pgbouncer / direct", Median("pgbouncer") / Median("direct"), null, null));
        }

        if (Has("proxy-l7"))
        {
            if (Has("pgbouncer"))
            {
                var overPgbouncer = Median("proxy-l7") / Median("pgbouncer");
                ratios.Add(new RatioResult("proxy-l7 / pgbouncer", overPgbouncer, l7Target?.Text, l7Target is { } t ? overPgbouncer >= t.Minimum : null));
            }

            ratios.Add(new RatioResult("proxy-l7 / direct", Median("proxy-l7") / Median("direct"), null, null));
            foreach (var candidate in results.Select(r => r.Variant).Where(n => n != "proxy-l7" && n.EndsWith(L7Suffix, StringComparison.Ordinal)))
            {
                ratios.Add(new RatioResult($"{candidate} / proxy-l7", Median(candidate) / Median("proxy-l7"), null, null));
                if (Has("pgbouncer"))
                {
                    ratios.Add(new RatioResult($"{candidate} / pgbouncer", Median(candidate) / Median("pgbouncer"), null, null));
                }
            }

            if (Has("proxy"))
            {
                ratios.Add(new RatioResult("proxy-l7 / proxy (cost of layer 7)", Median("proxy-l7") / Median("proxy"), null, null));
            }

            if (Has("haproxy"))
            {
                ratios.Add(new RatioResult("proxy-l7 / haproxy", Median("proxy-l7") / Median("haproxy"), null, null));
            }
        }

        return ratios;
    }
}
