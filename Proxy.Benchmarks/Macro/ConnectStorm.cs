using System.Text.Json;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// A connect+auth storm: <c>pgbench -S -C</c> (a new connection and login for every transaction), 8
/// clients. Directly, the client logs in to PostgreSQL with SCRAM-SHA-256; through the proxy's
/// <c>held</c> listener, it logs in to the proxy with SCRAM-SHA-256 (an identity made with
/// <c>proxy identity add</c>) and the proxy logs in to PostgreSQL as the held role, also with SCRAM.
/// </summary>
internal static class ConnectStorm
{
    public const string HeldVariant = "proxy-l7-held";

    /// <summary>A <c>--candidate</c> build's held listener is named after the candidate with this suffix.</summary>
    public const string HeldSuffix = "-held";

    private const int Clients = 8;

    public static async Task<SectionResult> RunAsync(MacroContext context)
    {
        var options = context.Options;
        var postgres = await context.PostgresAsync();
        var held = await HeldLoginAsync(context);
        var proxy = await context.StartProxyL7Async("storm", postgres.EndPoint, maxConnections: 1000, variant: HeldVariant, held: held);

        // Candidates log in with the same identity entry and password file, in the same rounds: a change to
        // the login path is measured against the proxy under test, not against a run on another day.
        var hops = new List<MiddleHop> { proxy };
        foreach (var candidate in options.Candidates)
        {
            hops.Add(await context.StartProxyL7Async("storm", postgres.EndPoint, maxConnections: 1000, variant: candidate.Name + HeldSuffix, build: candidate, held: held));
        }

        var scratch = context.CreateDirectory("storm");
        var variants = Variant.For(postgres.EndPoint, hops);
        var load = new PgbenchThroughput.PgbenchLoad("simple", Clients, User: PostgresServer.ScramRole, ConnectEach: true);
        foreach (var variant in variants)
        {
            var warmUp = await PgbenchThroughput.RunPgbenchAsync(context, scratch, $"storm-warmup-{variant.Name}", variant.Target, Math.Min(options.Seconds, 2), load);
            MacroContext.Progress($"storm warm-up {variant.Name}: {warmUp.Tps:0} connections/s");
        }

        var results = await InterleavedRounds.RunAsync(
            context,
            "storm",
            "connections/s",
            variants,
            async v => (await PgbenchThroughput.RunPgbenchAsync(context, scratch, $"storm-{v.Name}", v.Target, options.Seconds, load)).Tps,
            roundSeconds: options.Seconds);
        foreach (var hop in hops)
        {
            await hop.Process.StopAsync();
        }

        double Median(string variant) => results.First(r => r.Variant == variant).Median;
        var ratio = Median(HeldVariant) / Median("direct");
        List<RatioResult> ratios = [new RatioResult($"{HeldVariant} / direct", ratio, "≥ 0.90", ratio >= 0.9)];
        foreach (var candidate in options.Candidates.Select(c => c.Name + HeldSuffix))
        {
            ratios.Add(new RatioResult($"{candidate} / direct", Median(candidate) / Median("direct"), null, null));
            ratios.Add(new RatioResult($"{candidate} / {HeldVariant}", Median(candidate) / Median(HeldVariant), null, null));
        }

        return new SectionResult(
            "storm",
            $"Connect+auth storm: pgbench -S -C -c {Clients}, SCRAM-SHA-256 logins, {options.Seconds} s per round, {options.Rounds} rounds",
            "connections/s",
            "direct",
            results,
            ratios,
            [
                $"{HeldVariant}: `Auth: held`; the client logs in to the proxy as identity `{PostgresServer.ScramRole}`, the proxy to PostgreSQL as role `{PostgresServer.ScramRole}`; both SCRAM-SHA-256 with 4096 iterations. One transaction (`SELECT abalance …`) per connection.",
            ],
            CpuPerItem: "connection");
    }

    /// <summary>
    /// The identity entry comes from <c>proxy identity add</c>, as an operator makes it: the password on
    /// standard input, the <c>"name": { "Scram": … }</c> snippet on standard output.
    /// </summary>
    private static async Task<HeldLogin> HeldLoginAsync(MacroContext context)
    {
        var directory = context.CreateDirectory("storm-identity");
        var passwordFile = Path.Combine(directory, "upstream-password");
        await File.WriteAllTextAsync(passwordFile, PostgresServer.ScramPassword, context.Cancel);
        var output = await ChildProcess.RunAsync(
            "identity-add",
            "/bin/sh",
            ["-c", "printf '%s\\n' \"$1\" | dotnet \"$2\" identity add \"$3\"", "sh", PostgresServer.ScramPassword, context.ProxyDll, PostgresServer.ScramRole],
            directory,
            TimeSpan.FromMinutes(2),
            context.Cancel);
        var snippet = output.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith($"\"{PostgresServer.ScramRole}\":", StringComparison.Ordinal))
            ?? throw new MacroException($"proxy identity add printed no entry for {PostgresServer.ScramRole}:\n{output}");
        using var identities = JsonDocument.Parse("{" + snippet + "}");
        return new HeldLogin(PostgresServer.ScramRole, passwordFile, identities.RootElement.Clone());
    }
}
