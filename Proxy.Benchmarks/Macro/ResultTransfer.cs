using System.Globalization;
using System.Net;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// One large result: <c>SELECT * FROM pgbench_accounts</c> (100,000 rows per unit of scale, 1M at the
/// default scale 10) into a client that discards the rows (pgbench with a one-statement script), directly,
/// through the proxy at layer 7 unmasked (shipped policies) and masked (the shipped policies plus a rule
/// masking the text column <c>filler</c>), and through pgbouncer. This is the streaming direction: many
/// DataRow messages per round trip, where pgbench -S measures one small message each way.
/// </summary>
internal static class ResultTransfer
{
    public const string MaskedVariant = "proxy-l7-masked";

    private const string Statement = "SELECT * FROM pgbench_accounts;";

    private const string MaskRule = """
        # Written by the macro benchmark (Proxy.Benchmarks/Macro/ResultTransfer.cs): one text column masked.
        version 1

        rule bench_mask_filler "the masked result transfer: pgbench_accounts.filler redacted" {
          when sql.tables any in ["pgbench_accounts", "public.pgbench_accounts"]
          then mask column ["filler"] with redact
        }
        """;

    public static async Task<SectionResult> RunAsync(MacroContext context)
    {
        var options = context.Options;
        var postgres = await context.PostgresAsync();
        var rows = options.PgbenchScale * 100_000L;

        var maskedPolicies = context.CreateDirectory("transfer-masked-policies");
        foreach (var file in Directory.EnumerateFiles(context.ShippedPolicies, "*.rules"))
        {
            File.Copy(file, Path.Combine(maskedPolicies, Path.GetFileName(file)));
        }

        await File.WriteAllTextAsync(Path.Combine(maskedPolicies, "bench-mask.rules"), MaskRule, context.Cancel);

        var hops = new List<MiddleHop>
        {
            await context.StartProxyL7Async("transfer", postgres.EndPoint, maxConnections: 100),
            await context.StartProxyL7Async("transfer", postgres.EndPoint, maxConnections: 100, variant: MaskedVariant, policies: maskedPolicies,
                catalogUser: PostgresServer.Superuser),
        };
        if (options.Measures("pgbouncer"))
        {
            hops.Add(await context.StartPgbouncerAsync("transfer", postgres.EndPoint, maxConnections: 100, poolSize: 4));
        }

        var scratch = context.CreateDirectory("transfer");
        var script = Path.Combine(scratch, "select-all.sql");
        await File.WriteAllTextAsync(script, Statement + "\n", context.Cancel);

        // A value that comes back as it is stored means the rule did not apply, and the masked number would
        // be a lie; a refusal (the listener cannot resolve origins) fails the run the same way.
        var notes = new List<string>();
        var variants = Variant.For(postgres.EndPoint, hops).ToList();
        var masked = variants.First(v => v.Name == MaskedVariant);
        var stored = await ProbeAsync(context, scratch, postgres.EndPoint, "direct");
        var seen = await ProbeAsync(context, scratch, masked.Target, MaskedVariant);
        if (seen == stored)
        {
            throw new MacroException($"{MaskedVariant}: `{ProbeStatement}` returned the stored value unmasked; the mask rule did not apply:\n{masked.Hop!.Tail()}");
        }

        notes.Add($"{MaskedVariant}: the shipped policies plus `mask column [\"filler\"] with redact` on pgbench_accounts, origins resolved through a catalog connection as `{PostgresServer.Superuser}`; checked before the rounds that `filler` comes back masked.");

        // One transfer each first: it warms the proxy's code and PostgreSQL's buffer cache.
        foreach (var variant in variants)
        {
            var warmUp = await TransferAsync(context, scratch, script, variant, rows);
            MacroContext.Progress($"transfer warm-up {variant.Name}: {warmUp:0} rows/s");
        }

        var results = await InterleavedRounds.RunAsync(context, "transfer", "rows/s", variants, v => TransferAsync(context, scratch, script, v, rows));
        foreach (var hop in hops)
        {
            await hop.Process.StopAsync();
        }

        var ratios = InterleavedRounds.Ratios(results);
        if (results.Any(r => r.Variant == MaskedVariant))
        {
            ratios.Add(new RatioResult($"{MaskedVariant} / proxy-l7 (cost of masking)", Median(results, MaskedVariant) / Median(results, "proxy-l7"), null, null));
        }

        return new SectionResult(
            "transfer",
            $"Result transfer: `{Statement}` ({rows:N0} rows) into a discarding client, {options.Rounds} rounds",
            "rows/s",
            "direct",
            results,
            ratios,
            notes);
    }

    private static double Median(IReadOnlyList<VariantResult> results, string variant) => results.First(r => r.Variant == variant).Median;

    private const string ProbeStatement = "SELECT filler FROM pgbench_accounts WHERE aid = 1";

    /// <summary>One masked column's value through <paramref name="target"/>, as psql prints it.</summary>
    private static Task<string> ProbeAsync(MacroContext context, string scratch, IPEndPoint target, string name) =>
        ChildProcess.RunAsync(
            $"transfer-probe-{name}",
            Tools.Psql,
            ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", ProbeStatement, .. PostgresServer.ConnectionArguments(target)],
            scratch,
            TimeSpan.FromMinutes(1),
            context.Cancel);

    /// <summary>Rows per second of one transfer, from pgbench's latency for its single transaction.</summary>
    private static async Task<double> TransferAsync(MacroContext context, string scratch, string script, Variant variant, long rows)
    {
        IPEndPoint target = variant.Target;
        var output = await ChildProcess.RunAsync(
            $"transfer-{variant.Name}",
            Tools.Pgbench,
            ["-n", "-c", "1", "-j", "1", "-t", "1", "-f", script, .. PostgresServer.ConnectionArguments(target)],
            scratch,
            TimeSpan.FromMinutes(5),
            context.Cancel);
        var latency = PgbenchThroughput.LatencyLine().Match(output);
        return latency.Success
            ? rows / (double.Parse(latency.Groups[1].ValueSpan, CultureInfo.InvariantCulture) / 1000)
            : throw new MacroException($"transfer-{variant.Name}: pgbench's output lacks 'latency average = … ms':\n{output}");
    }
}
