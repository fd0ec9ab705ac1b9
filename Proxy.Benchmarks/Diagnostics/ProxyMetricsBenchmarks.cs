using BenchmarkDotNet.Attributes;
using Proxy.Core.Diagnostics;
using Proxy.Core.Policy.Evaluation;

namespace Proxy.Benchmarks.Diagnostics;

/// <summary>
/// What the data path pays per statement to feed `/metrics`: a verdict counter, a histogram bucket and the
/// latency sum, against a single interlocked increment (the least any shared counter costs). Single-threaded,
/// so it shows the instructions, not contention. Budget: 0 B allocated.
/// </summary>
public class ProxyMetricsBenchmarks
{
    private readonly ProxyMetrics _metrics = new();
    private long _counter;

    [Params(0.3, 40.0)]
    public double Milliseconds { get; set; }

    private TimeSpan _duration;

    [GlobalSetup]
    public void Setup() => _duration = TimeSpan.FromMilliseconds(Milliseconds);

    [Benchmark(Baseline = true)]
    public long OneIncrement() => Interlocked.Increment(ref _counter);

    [Benchmark]
    public void StatementRecorded() => _metrics.StatementRecorded(Verdict.Allow, _duration);
}
