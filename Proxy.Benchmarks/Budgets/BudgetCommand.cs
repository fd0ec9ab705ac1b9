using System.Globalization;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using Proxy.Benchmarks.Macro;

namespace Proxy.Benchmarks.Budgets;

/// <summary>
/// <c>dotnet run -c Release --project Proxy.Benchmarks -- budgets</c>: runs every benchmark that has an
/// allocation budget in a short job, then prints one table row per benchmark case and fails (exit 1) when
/// a case allocates more than its budget, a case did not run, or a budgeted benchmark no longer exists.
/// </summary>
internal static class BudgetCommand
{
    /// <summary>
    /// Short, but not <c>--job dry</c>: the memory diagnoser divides what one extra iteration allocates by its
    /// operations, and a dry job's iteration is a single cold invocation, so a lazy cache filled on the first
    /// call (or a first-call JIT helper) shows up as bytes per operation. Here the pilot stage sizes each
    /// iteration to 100 ms (thousands of invocations for a nanosecond benchmark) after a warm-up iteration,
    /// so one-time costs amortize to 0 and a steady per-operation allocation still shows as itself.
    /// </summary>
    public static Job BudgetJob { get; } = Job.Default
        .WithId("Budget")
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithIterationTime(TimeInterval.FromMilliseconds(100));

    public static int Run(IReadOnlyList<string> args)
    {
        string? budgetsPath = null;
        string? countsPath = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--budgets" when i + 1 < args.Count:
                    budgetsPath = Path.GetFullPath(args[++i]);
                    break;
                case "--counts" when i + 1 < args.Count:
                    countsPath = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"budgets: unknown or incomplete option '{args[i]}'\nusage: budgets [--budgets bench/allocation-budgets.json] [--counts FILE]");
                    return 2;
            }
        }

        AllocationBudgets budgets;
        try
        {
            budgetsPath ??= Path.Combine(MacroCommand.FindRepositoryRoot(), "bench", "allocation-budgets.json");
            budgets = AllocationBudgets.Load(budgetsPath);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException or MacroException)
        {
            Console.Error.WriteLine($"budgets: {ex.Message}");
            CheckCounts.Write(countsPath, 0, 1);
            return 1;
        }

        var config = new BenchmarkConfig()
            .AddJob(BudgetJob)
            .AddFilter(new SimpleFilter(c => budgets.Covers(c.Descriptor.Type.Name, c.Descriptor.WorkloadMethod.Name)));
        var summaries = BenchmarkRunner.Run(typeof(BenchmarkConfig).Assembly, config);

        var rows = new List<BudgetRow>();
        foreach (var summary in summaries)
        {
            foreach (var benchmark in summary.BenchmarksCases)
            {
                var key = $"{benchmark.Descriptor.Type.Name}.{benchmark.Descriptor.WorkloadMethod.Name}";
                var report = summary[benchmark];
                long? allocated = report is { Success: true } ? report.GcStats.GetBytesAllocatedPerOperation(benchmark) : null;
                rows.Add(new BudgetRow(key, benchmark.Parameters.DisplayInfo, allocated, budgets.Limits[key]));
            }
        }

        foreach (var (key, limit) in budgets.Limits.Where(b => rows.All(r => r.Benchmark != b.Key)))
        {
            rows.Add(new BudgetRow(key, string.Empty, null, limit, Missing: true));
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Benchmark + a.Parameters, b.Benchmark + b.Parameters));
        Console.Out.WriteLine();
        Console.Out.WriteLine($"### Allocation budgets ({Path.GetRelativePath(Environment.CurrentDirectory, budgetsPath)})");
        Console.Out.WriteLine();
        Console.Out.WriteLine("| benchmark | parameters | allocated B/op | budget B/op | result |");
        Console.Out.WriteLine("|---|---|---:|---:|---|");
        foreach (var row in rows)
        {
            var allocated = row.Allocated?.ToString(CultureInfo.InvariantCulture) ?? "–";
            Console.Out.WriteLine($"| {row.Benchmark} | {row.Parameters} | {allocated} | {row.Limit.ToString(CultureInfo.InvariantCulture)} | {row.Verdict} |");
        }

        var failed = rows.Count(r => !r.Passed);
        Console.Out.WriteLine();
        Console.Out.WriteLine($"allocation budgets: {rows.Count - failed} passed, {failed} failed");
        CheckCounts.Write(countsPath, rows.Count - failed, failed);
        return failed == 0 ? 0 : 1;
    }

    private sealed record BudgetRow(string Benchmark, string Parameters, long? Allocated, long Limit, bool Missing = false)
    {
        public bool Passed => Allocated is { } bytes && bytes <= Limit;

        public string Verdict =>
            Missing ? "**FAILED: no such benchmark** (renamed or removed? update bench/allocation-budgets.json)"
            : Allocated is null ? "**FAILED: did not run** (see the log above)"
            : Passed ? "ok"
            : $"**FAILED: {Allocated - Limit} B over budget**";
    }
}
