using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// pgbench's select-only workload (many small request/response round trips, 8 clients) against
/// PostgreSQL directly, through the proxy at layer 4, through haproxy, through the proxy at layer 7 (a
/// <c>postgres</c> listener with a 20-rule policy and every statement recorded) and through pgbouncer in
/// session mode. Where bulk throughput measures bytes, this measures per-message latency the hop adds,
/// which is what a database client feels.
/// </summary>
internal static partial class PgbenchThroughput
{
    private const int Clients = 8;

    public static async Task<SectionResult> RunAsync(MacroContext context)
    {
        var options = context.Options;
        var postgres = await PostgresServer.StartAsync(context);
        await postgres.InitializePgbenchAsync(options.PgbenchScale);

        var hops = new List<MiddleHop>();
        if (options.Measures("proxy"))
        {
            hops.AddRange(await context.StartProxiesAsync("pgbench", postgres.EndPoint, maxConnections: 200));
        }

        if (options.Measures("haproxy"))
        {
            hops.Add(await context.StartHaproxyAsync("pgbench", postgres.EndPoint, maxConnections: 200));
        }

        var l7 = options.Measures("proxy-l7") ? await context.StartProxyL7Async("pgbench", postgres.EndPoint, maxConnections: 200) : null;
        if (l7 is not null)
        {
            hops.Add(l7);
        }

        if (options.Measures("pgbouncer"))
        {
            hops.Add(await context.StartPgbouncerAsync("pgbench", postgres.EndPoint, maxConnections: 1000, poolSize: 2 * Clients));
        }

        var variants = Variant.For(postgres.EndPoint, hops);
        var scratch = context.CreateDirectory("pgbench");

        // Every transaction pgbench reports through the L7 proxy, to set against the statements it recorded.
        long l7Transactions = 0;
        if (l7 is not null)
        {
            l7Transactions += await SmokeTestL7Async(context, scratch, l7);
        }

        var warmUpSeconds = Math.Min(options.Seconds, 2);
        foreach (var variant in variants)
        {
            var run = await RunPgbenchAsync(context, scratch, $"pgbench-warmup-{variant.Name}", variant.Target, warmUpSeconds);
            l7Transactions += variant.Name == "proxy-l7" ? run.Transactions : 0;
            MacroContext.Progress($"pgbench warm-up {variant.Name}: {run.Tps:0} tps");
        }

        var latencies = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var results = await InterleavedRounds.RunAsync(
            context,
            "pgbench",
            "tps",
            variants,
            async v =>
            {
                var run = await RunPgbenchAsync(context, scratch, $"pgbench-{v.Name}", v.Target, options.Seconds);
                latencies[v.Name].Add(run.LatencyMs);
                l7Transactions += v.Name == "proxy-l7" ? run.Transactions : 0;
                return run.Tps;
            });
        foreach (var hop in variants.Select(v => v.Hop).OfType<ChildProcess>())
        {
            await hop.StopAsync();
        }

        await postgres.Process.StopAsync();

        var notes = new List<string>();
        if (l7 is not null)
        {
            // Stopped, the proxy has flushed its log: every statement it forwarded is in it.
            var recorded = await CountEventsAsync(context, l7, "final");
            MacroContext.Progress($"proxy-l7 recorded {recorded.Statements} statements for {l7Transactions} pgbench transactions");
            notes.Add(
                $"proxy-l7 ({L7Policy.RuleCount}-rule policy, `Durability` normal): {recorded.Statements:N0} `statement` events recorded for "
                + $"{l7Transactions:N0} pgbench transactions through it (smoke test, warm-up and rounds; pgbench adds its own "
                + $"start-up queries, scale and table layout, to each run), {recorded.Refused:N0} refused, {recorded.Dropped:N0} `events_dropped` events.");
        }

        return new SectionResult(
            "pgbench",
            $"pgbench -S -c {Clients} -j 2, {options.Seconds} s per round, scale {options.PgbenchScale}, {options.Rounds} rounds",
            "tps",
            "direct",
            [.. results.Select(r => r with { LatencyMs = Statistics.Median(latencies[r.Variant]) })],
            InterleavedRounds.Ratios(results, l7Target: ("≥ 1.00", 1.0)),
            notes);
    }

    /// <summary>
    /// Before anything is measured through it: a short pgbench run through the L7 proxy must come back as
    /// <c>statement</c> events in the session log, all allowed. A proxy that forwards without recording or
    /// refuses the workload would otherwise produce a number that means nothing.
    /// </summary>
    private static async Task<long> SmokeTestL7Async(MacroContext context, string scratch, MiddleHop l7)
    {
        var run = await RunPgbenchAsync(context, scratch, "pgbench-smoke-proxy-l7", l7.Listen, seconds: 1);

        // Normal durability commits in the background, in batches; give the batch in flight time to land.
        var counts = new EventCounts(0, 0, 0);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            counts = await CountEventsAsync(context, l7, "smoke");
            if (counts.Statements >= run.Transactions)
            {
                break;
            }

            await Task.Delay(250, context.Cancel);
        }

        if (counts.Statements == 0)
        {
            throw new MacroException($"proxy-l7 smoke test: {run.Transactions} transactions through the postgres listener, but `proxy sessions export` shows no \"kind\":\"statement\" event:\n{l7.Process.Tail()}");
        }

        if (counts.Refused > 0)
        {
            throw new MacroException($"proxy-l7 smoke test: the policy refused {counts.Refused} of pgbench's statements; it must allow the select-only workload:\n{l7.Process.Tail()}");
        }

        MacroContext.Progress($"proxy-l7 smoke test: {run.Transactions} transactions, {counts.Statements} statement events recorded, none refused");
        return run.Transactions;
    }

    private sealed record EventCounts(long Statements, long Refused, long Dropped);

    /// <summary>Exports the proxy's session log with <c>proxy sessions export</c> and counts its events.</summary>
    private static async Task<EventCounts> CountEventsAsync(MacroContext context, MiddleHop proxy, string label)
    {
        var data = proxy.DataDirectory ?? throw new MacroException($"{proxy.Variant} has no session log directory");
        var directory = Path.GetDirectoryName(data)!;
        var export = Path.Combine(directory, $"export-{label}.jsonl");
        await ChildProcess.RunAsync(
            $"{proxy.Variant}-export-{label}",
            "dotnet",
            [context.ProxyDll, "sessions", "export", "--format", "jsonl", "--data", data, "--output", export],
            directory,
            TimeSpan.FromMinutes(10),
            context.Cancel);
        try
        {
            long statements = 0, refused = 0, dropped = 0;
            foreach (var line in File.ReadLines(export))
            {
                if (line.Contains("\"kind\":\"statement\"", StringComparison.Ordinal))
                {
                    statements++;
                    refused += line.Contains("\"decision\":\"allow\"", StringComparison.Ordinal) ? 0 : 1;
                }
                else if (line.Contains("\"kind\":\"events_dropped\"", StringComparison.Ordinal))
                {
                    dropped++;
                }
            }

            return new EventCounts(statements, refused, dropped);
        }
        finally
        {
            File.Delete(export);
        }
    }

    private sealed record PgbenchRun(double Tps, double LatencyMs, long Transactions);

    private static async Task<PgbenchRun> RunPgbenchAsync(MacroContext context, string scratch, string name, IPEndPoint target, int seconds)
    {
        var output = await ChildProcess.RunAsync(
            name,
            Tools.Pgbench,
            ["-n", "-S", "-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), .. PostgresServer.ConnectionArguments(target)],
            scratch,
            TimeSpan.FromSeconds(seconds + 60),
            context.Cancel);
        var tps = TpsLine().Match(output);
        var latency = LatencyLine().Match(output);
        var transactions = TransactionsLine().Match(output);
        return tps.Success && latency.Success && transactions.Success
            ? new PgbenchRun(
                double.Parse(tps.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
                double.Parse(latency.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
                long.Parse(transactions.Groups[1].ValueSpan, CultureInfo.InvariantCulture))
            : throw new MacroException($"{name}: pgbench's output lacks 'tps = … (without initial connection time)', 'latency average = … ms' or 'number of transactions actually processed: …':\n{output}");
    }

    [GeneratedRegex(@"^tps = ([0-9.]+) \(without initial connection time\)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"^latency average = ([0-9.]+) ms", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"^number of transactions actually processed: ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex TransactionsLine();
}
