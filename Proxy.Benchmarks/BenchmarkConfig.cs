using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Proxy.Benchmarks;

/// <summary>
/// The one configuration every micro benchmark runs under. Workstation, non-concurrent GC: a background
/// GC thread would make the bytes-allocated column vary from run to run, and the allocation budgets are
/// only meaningful when the numbers are deterministic.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);

        // The generated benchmark project is built before anything runs; on a machine shared with other builds
        // that took over BenchmarkDotNet's default 120 s, and every budget then failed as "did not run".
        WithBuildTimeout(TimeSpan.FromMinutes(10));

        // A mutator, not a job of its own: applied to whatever job runs (the default, or --job short
        // from the command line), instead of adding a second job beside it.
        AddJob(Job.Default
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithGcForce(true)
            .AsMutator());
    }
}
