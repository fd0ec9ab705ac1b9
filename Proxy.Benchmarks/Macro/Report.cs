using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Proxy.Benchmarks.Macro;

/// <summary>One variant of one section: every round's sample and their summary.</summary>
/// <param name="Ratio">Median over the section's reference variant's median (direct, where there is one).</param>
/// <param name="CpuSecondsPerRound">Median CPU time (user + system) the middle hop spent in one round.</param>
/// <param name="PeakRssMiB">VmHWM of the middle hop when the section ended.</param>
/// <param name="LatencyMs">Median over the rounds of the client's average latency (pgbench), where it reports one.</param>
/// <param name="P50Ms">Median over the rounds of each round's median transaction latency (pgbench --log).</param>
/// <param name="P99Ms">Median over the rounds of each round's 99th percentile transaction latency.</param>
/// <param name="CpuMicrosecondsPerItem">
/// Median over the rounds of the middle hop's CPU time per transaction or connection of that round: the figure that
/// decides throughput where every process shares the same cores, and the one that depends least on the neighbours.
/// </param>
/// <param name="MachineCpuMicrosecondsPerItem">
/// Median over the rounds of the whole machine's CPU time per transaction or connection (every process, interrupts
/// included): the hop's own, and what it makes the client and the server spend; for direct, the two alone.
/// </param>
internal sealed record VariantResult(
    string Variant,
    IReadOnlyList<double> Samples,
    double Median,
    double Min,
    double Max,
    double? Ratio,
    double? CpuSecondsPerRound,
    double? PeakRssMiB,
    double? LatencyMs = null,
    double? P50Ms = null,
    double? P99Ms = null,
    double? CpuMicrosecondsPerItem = null,
    double? MachineCpuMicrosecondsPerItem = null)
{
    public static VariantResult From(
        string variant,
        IReadOnlyList<double> samples,
        double? reference,
        IReadOnlyList<double>? cpuPerRound = null,
        double? peakRssMiB = null,
        IReadOnlyList<double>? cpuMicrosecondsPerItem = null,
        IReadOnlyList<double>? machineCpuMicrosecondsPerItem = null)
    {
        var median = Statistics.Median(samples);
        return new VariantResult(
            variant,
            samples,
            median,
            samples.Min(),
            samples.Max(),
            reference is > 0 ? median / reference.Value : null,
            cpuPerRound is { Count: > 0 } ? Statistics.Median(cpuPerRound) : null,
            peakRssMiB,
            CpuMicrosecondsPerItem: cpuMicrosecondsPerItem is { Count: > 0 } ? Statistics.Median(cpuMicrosecondsPerItem) : null,
            MachineCpuMicrosecondsPerItem: machineCpuMicrosecondsPerItem is { Count: > 0 } ? Statistics.Median(machineCpuMicrosecondsPerItem) : null);
    }
}

internal static class Statistics
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>A comparison the targets are stated in; <see cref="Met"/> is null where there is no target.</summary>
internal sealed record RatioResult(string Name, double Value, string? Target, bool? Met);

internal sealed record SectionResult(
    string Name,
    string Title,
    string Unit,
    string? RatioBase,
    IReadOnlyList<VariantResult> Variants,
    IReadOnlyList<RatioResult> Ratios,
    IReadOnlyList<string> Notes,
    string? CpuPerItem = null);

internal sealed record EnvironmentInfo(
    string Machine,
    int Cores,
    string Kernel,
    string Runtime,
    string? Commit,
    string? Haproxy,
    string? Postgres,
    string? Pgbouncer = null);

internal sealed record SettingsInfo(int Rounds, int Seconds, long Bytes, int IdleConnections, int PgbenchScale, bool Quick, string Sections, IReadOnlyDictionary<string, string> ProxyEnvironment, IReadOnlyList<ProxyBuild> Candidates, IReadOnlyList<string>? Variants = null, IReadOnlyList<int>? Clients = null, IReadOnlyList<string>? Modes = null);

internal sealed record MacroReport(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    EnvironmentInfo Environment,
    SettingsInfo Settings,
    IReadOnlyList<SectionResult> Sections)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Macro benchmark, {StartedAt:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.Cores} cores, Linux {Environment.Kernel}, .NET {Environment.Runtime}, commit {Environment.Commit ?? "?"}; haproxy {Environment.Haproxy ?? "-"}; pgbouncer {Environment.Pgbouncer ?? "-"}; PostgreSQL {Environment.Postgres ?? "-"}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Rounds {Settings.Rounds}{(Settings.Quick ? " (quick)" : string.Empty)}, variants interleaved within each round.");
        foreach (var candidate in Settings.Candidates)
        {
            var environment = candidate.Environment is { Count: > 0 } variables ? " with " + string.Join(", ", variables.Select(e => $"`{e.Key}={e.Value}`")) : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"Candidate `{candidate.Name}`: {candidate.Dll}{environment}.");
        }

        if (Settings.Variants is { } only)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Variants: {string.Join(", ", only)} (`--only`).");
        }

        if (Settings.ProxyEnvironment.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Proxy environment: {string.Join(", ", Settings.ProxyEnvironment.Select(e => $"`{e.Key}={e.Value}`"))}.");
        }

        foreach (var section in Sections)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {section.Title}");
            text.AppendLine();
            var ratioHeader = section.RatioBase is null ? "ratio" : $"× {section.RatioBase}";
            var latency = section.Variants.Any(v => v.LatencyMs is not null);
            var percentiles = section.Variants.Any(v => v.P50Ms is not null);
            var extraHeaders = (latency ? " latency ms |" : string.Empty) + (percentiles ? " p50 ms | p99 ms |" : string.Empty);
            var perItem = section.CpuPerItem is not null && section.Variants.Any(v => v.CpuMicrosecondsPerItem is not null);
            var perItemHeader = perItem ? $" hop CPU µs/{section.CpuPerItem} | machine CPU µs/{section.CpuPerItem} |" : string.Empty;
            var extraColumns = (latency ? 1 : 0) + (percentiles ? 2 : 0) + (perItem ? 2 : 0);
            text.AppendLine(CultureInfo.InvariantCulture, $"| variant | median {section.Unit} | min | max | {ratioHeader} |{extraHeaders} hop CPU s/round |{perItemHeader} hop peak RSS MiB |");
            text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", 6 + extraColumns)));
            foreach (var v in section.Variants)
            {
                var latencyCell = latency ? $" {Optional(v.LatencyMs, "0.000")} |" : string.Empty;
                var percentileCells = percentiles ? $" {Optional(v.P50Ms, "0.000")} | {Optional(v.P99Ms, "0.000")} |" : string.Empty;
                var perItemCell = perItem ? $" {Optional(v.CpuMicrosecondsPerItem, "0.0")} | {Optional(v.MachineCpuMicrosecondsPerItem, "0.0")} |" : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"| {v.Variant} | {Number(v.Median)} | {Number(v.Min)} | {Number(v.Max)} | {Ratio(v.Ratio)} |{latencyCell}{percentileCells} {Optional(v.CpuSecondsPerRound, "0.00")} |{perItemCell} {Optional(v.PeakRssMiB, "0.0")} |");
            }

            if (section.Ratios.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("| comparison | value | target |");
                text.AppendLine("|---|---:|---|");
                foreach (var r in section.Ratios)
                {
                    var verdict = r.Met switch { true => " — met", false => " — **missed**", null => string.Empty };
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {Number(r.Value)} | {r.Target ?? string.Empty}{verdict} |");
                }
            }

            foreach (var note in section.Notes)
            {
                text.AppendLine();
                text.AppendLine(note);
            }
        }

        return text.ToString();
    }

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Optional(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}

internal static class ReportJson
{
    public static JsonSerializerOptions Indented { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
