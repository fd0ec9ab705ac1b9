using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// pgbench's select-only workload (small request/response round trips) in every query mode (-M simple,
/// extended, prepared) at 1, 8 and 64 clients, against PostgreSQL directly, through the proxy at layer 7
/// (a <c>postgres</c> listener with the shipped policies, every statement recorded) and through pgbouncer
/// in session mode; in the simple mode at 8 and at 1 client also through the proxy at layer 4 and haproxy.
/// One table per case, its variants interleaved round by round. Where bulk throughput measures bytes, this
/// measures the latency and CPU the hop adds per message, which is what a database client feels.
/// </summary>
internal static partial class PgbenchThroughput
{
    /// <summary>The throughput targets are stated at this many clients.</summary>
    private const int ThroughputClients = 8;

    /// <summary>The added-latency target is stated at this many clients: every hop's added p50 is reported there.</summary>
    private const int LatencyClients = 1;

    public static async Task<IReadOnlyList<SectionResult>> RunAsync(MacroContext context)
    {
        var options = context.Options;
        var postgres = await context.PostgresAsync();
        var maxClients = options.Clients.Max();

        // The layer-4 hops (proxy tcp, haproxy) run in the cases the targets name, in one mode: what any hop
        // costs there, next to what layer 7 adds.
        var l4Mode = options.Modes.Contains("simple") ? "simple" : options.Modes[0];
        var l4Clients = options.Clients.Where(c => c is ThroughputClients or LatencyClients).DefaultIfEmpty(options.Clients[0]).ToHashSet();

        var l4Hops = new List<MiddleHop>();
        if (options.Measures("proxy"))
        {
            l4Hops.AddRange(await context.StartProxiesAsync("pgbench", postgres.EndPoint, maxConnections: 1000));
        }

        if (options.Measures("haproxy"))
        {
            l4Hops.Add(await context.StartHaproxyAsync("pgbench", postgres.EndPoint, maxConnections: 1000));
        }

        var l7Hops = new List<MiddleHop>();
        var catalogUser = options.PgbenchPolicies is null ? null : PostgresServer.Superuser;
        var l7 = options.Measures("proxy-l7") ? await context.StartProxyL7Async("pgbench", postgres.EndPoint, maxConnections: 1000, policies: options.PgbenchPolicies, catalogUser: catalogUser) : null;
        if (l7 is not null)
        {
            l7Hops.Add(l7);
            foreach (var candidate in options.Candidates)
            {
                l7Hops.Add(await context.StartProxyL7Async("pgbench", postgres.EndPoint, maxConnections: 1000, variant: $"{candidate.Name}{InterleavedRounds.L7Suffix}", build: candidate, policies: options.PgbenchPolicies, catalogUser: catalogUser));
            }
        }

        if (options.Measures("pgbouncer"))
        {
            l7Hops.Add(await context.StartPgbouncerAsync("pgbench", postgres.EndPoint, maxConnections: 1000, poolSize: maxClients));
        }

        var scratch = context.CreateDirectory("pgbench");

        // Every transaction pgbench reports through the L7 proxy, to set against the statements it recorded.
        long l7Transactions = 0;
        if (l7 is not null)
        {
            l7Transactions += await SmokeTestL7Async(context, scratch, l7);
        }

        var sections = new List<SectionResult>();
        foreach (var mode in options.Modes)
        {
            foreach (var clients in options.Clients)
            {
                var isL4Case = mode == l4Mode && l4Clients.Contains(clients);
                var variants = Variant.For(postgres.EndPoint, isL4Case ? [.. l4Hops, .. l7Hops] : l7Hops);
                var label = $"-M {mode} -c {clients}";
                var load = new PgbenchLoad(mode, clients);

                // Each case opens new sessions (and new server connections behind the hops): a short
                // warm-up puts that, and the first use of each query mode's code, outside the rounds.
                foreach (var variant in variants)
                {
                    var run = await RunPgbenchAsync(context, scratch, $"pgbench-warmup-{variant.Name}", variant.Target, Math.Min(options.Seconds, 2), load);
                    l7Transactions += variant.Name == "proxy-l7" ? run.Transactions : 0;
                    MacroContext.Progress($"pgbench {label} warm-up {variant.Name}: {run.Tps:0} tps");
                }

                var p50 = variants.ToDictionary(v => v.Name, _ => new List<double>());
                var p99 = variants.ToDictionary(v => v.Name, _ => new List<double>());
                var results = await InterleavedRounds.RunAsync(
                    context,
                    $"pgbench {label}",
                    "tps",
                    variants,
                    async v =>
                    {
                        var run = await RunPgbenchAsync(context, scratch, $"pgbench-{v.Name}", v.Target, options.Seconds, load with { LogLatencies = true });
                        p50[v.Name].Add(run.P50Ms!.Value);
                        p99[v.Name].Add(run.P99Ms!.Value);
                        l7Transactions += v.Name == "proxy-l7" ? run.Transactions : 0;
                        return run.Tps;
                    },
                    roundSeconds: options.Seconds);
                results = [.. results.Select(r => r with { P50Ms = Statistics.Median(p50[r.Variant]), P99Ms = Statistics.Median(p99[r.Variant]) })];

                var ratios = InterleavedRounds.Ratios(results, l7Target: clients == ThroughputClients ? ("≥ 1.00 (goal ≥ 1.10)", 1.0) : null);
                ratios.AddRange(AddedLatencies(results, clients));

                sections.Add(new SectionResult(
                    $"pgbench-{mode}-c{clients}",
                    $"pgbench -S {label} -j {load.Threads}, {options.Seconds} s per round, scale {options.PgbenchScale}, {options.Rounds} rounds",
                    "tps",
                    "direct",
                    results,
                    ratios,
                    [],
                    CpuPerItem: "tx"));
            }
        }

        foreach (var hop in l4Hops.Concat(l7Hops))
        {
            await hop.Process.StopAsync();
        }

        if (l7 is not null && sections.Count > 0)
        {
            // Stopped, the proxy has flushed its log: every statement it forwarded is in it.
            var recorded = await CountEventsAsync(context, l7, "final");
            MacroContext.Progress($"proxy-l7 recorded {recorded.Statements} statements for {l7Transactions} pgbench transactions");
            var last = sections[^1];
            sections[^1] = last with
            {
                Notes =
                [
                    .. last.Notes,
                    $"proxy-l7 ({(options.PgbenchPolicies is null ? "shipped policies/" : $"the policies of {options.PgbenchPolicies}")}, `Durability` normal), all pgbench cases together: {recorded.Statements:N0} `statement` events recorded for "
                    + $"{l7Transactions:N0} pgbench transactions through it (smoke test, warm-ups and rounds; pgbench adds its own "
                    + $"start-up queries to each run), {recorded.Refused:N0} refused, {recorded.Dropped:N0} `events_dropped` events.",
                ],
            };
        }

        return sections;
    }

    /// <summary>
    /// The p50 latency a hop adds over direct: at <see cref="LatencyClients"/> for every hop, the L7 proxy's against
    /// the target; elsewhere the L7 proxy's alone, for information.
    /// </summary>
    private static IEnumerable<RatioResult> AddedLatencies(IReadOnlyList<VariantResult> results, int clients)
    {
        var direct = results.First(r => r.Variant == "direct").P50Ms!.Value;
        foreach (var hop in results.Where(r => r.Variant != "direct" && (clients == LatencyClients || r.Variant == "proxy-l7")))
        {
            var added = (hop.P50Ms!.Value - direct) * 1000;
            var target = clients == LatencyClients && hop.Variant == "proxy-l7";
            yield return new RatioResult($"{hop.Variant} p50 − direct p50, µs", added, target ? "≤ 25" : null, target ? added <= 25 : null);
        }
    }

    /// <summary>
    /// Before anything is measured through it: a short pgbench run through the L7 proxy must come back as
    /// <c>statement</c> events in the session log, all allowed. A proxy that forwards without recording or
    /// refuses the workload would otherwise produce a number that means nothing.
    /// </summary>
    private static async Task<long> SmokeTestL7Async(MacroContext context, string scratch, MiddleHop l7)
    {
        var run = await RunPgbenchAsync(context, scratch, "pgbench-smoke-proxy-l7", l7.Listen, seconds: 1, new PgbenchLoad("simple", 8));

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

    /// <summary>What one pgbench invocation runs: the built-in select-only script in a query mode.</summary>
    /// <param name="ConnectEach">-C: a new connection (and login) for every transaction.</param>
    /// <param name="LogLatencies">--log: every transaction's latency, for p50 and p99.</param>
    internal sealed record PgbenchLoad(string Mode, int Clients, string User = "postgres", bool ConnectEach = false, bool LogLatencies = false)
    {
        public int Threads => Math.Min(2, Clients);
    }

    internal sealed record PgbenchRun(double Tps, double LatencyMs, long Transactions, double? P50Ms, double? P99Ms);

    internal static async Task<PgbenchRun> RunPgbenchAsync(MacroContext context, string scratch, string name, IPEndPoint target, int seconds, PgbenchLoad load)
    {
        var logPrefix = Path.Combine(scratch, $"{name}-latency");
        string[] arguments =
        [
            "-n", "-S", "-M", load.Mode,
            "-c", load.Clients.ToString(CultureInfo.InvariantCulture),
            "-j", load.Threads.ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture),
            .. load.ConnectEach ? ["-C"] : Array.Empty<string>(),
            .. load.LogLatencies ? ["--log", $"--log-prefix={logPrefix}"] : Array.Empty<string>(),
            .. PostgresServer.ConnectionArguments(target, load.User),
        ];
        var environment = load.User == PostgresServer.ScramRole
            ? new Dictionary<string, string> { ["PGPASSWORD"] = PostgresServer.ScramPassword }
            : null;
        var output = await ChildProcess.RunAsync(name, Tools.Pgbench, arguments, scratch, TimeSpan.FromSeconds(seconds + 60), context.Cancel, environment);
        var tps = TpsLine().Match(output);
        var latency = LatencyLine().Match(output);
        var transactions = TransactionsLine().Match(output);
        if (!tps.Success || !latency.Success || !transactions.Success)
        {
            throw new MacroException($"{name}: pgbench's output lacks 'tps = …', 'latency average = … ms' or 'number of transactions actually processed: …':\n{output}");
        }

        var (p50, p99) = load.LogLatencies ? ReadLatencyPercentiles(scratch, Path.GetFileName(logPrefix)) : (null, null);
        return new PgbenchRun(
            double.Parse(tps.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
            double.Parse(latency.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
            long.Parse(transactions.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
            p50,
            p99);
    }

    /// <summary>
    /// pgbench --log writes one file per thread (<c>PREFIX.PID</c>, <c>PREFIX.PID.N</c>), one line per
    /// transaction: client, transaction number, latency in µs, script, epoch seconds, µs (PostgreSQL docs,
    /// pgbench, "Per-Transaction Logging"). Reads them all and removes them.
    /// </summary>
    private static (double? P50Ms, double? P99Ms) ReadLatencyPercentiles(string directory, string prefix)
    {
        var latencies = new List<long>();
        foreach (var file in Directory.EnumerateFiles(directory, prefix + ".*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(' ', 4);
                if (fields.Length >= 3 && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
                {
                    latencies.Add(micros);
                }
            }

            File.Delete(file);
        }

        if (latencies.Count == 0)
        {
            throw new MacroException($"pgbench --log wrote no latencies under {Path.Combine(directory, prefix)}.*");
        }

        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))] / 1000.0;
        return (Percentile(0.50), Percentile(0.99));
    }

    [GeneratedRegex(@"^tps = ([0-9.]+) \((?:without initial connection time|including reconnection times)\)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"^latency average = ([0-9.]+) ms", RegexOptions.Multiline)]
    internal static partial Regex LatencyLine();

    [GeneratedRegex(@"^number of transactions actually processed: ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex TransactionsLine();
}
