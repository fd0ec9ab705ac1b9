using Proxy.Core.Policy.Evaluation;

namespace Proxy.Core.Diagnostics;

/// <summary>
/// The counters the data path moves, read by the admin API's `/metrics`. Every update is one or two
/// <see cref="Interlocked"/> operations on a preallocated field: no lock, no allocation, nothing a session
/// waits on. One instance per process (<see cref="Shared"/>), as a Prometheus scrape describes a process.
/// </summary>
public sealed class ProxyMetrics
{
    /// <summary>
    /// Upper bounds of the statement-latency buckets, in seconds: from a cached point lookup (sub-millisecond)
    /// to a report query or a statement held for approval (seconds). Prometheus's `le` labels.
    /// </summary>
    public static readonly double[] LatencyBucketBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly long[] LatencyBucketTicks = LatencyBucketBounds.Select(s => (long)(s * TimeSpan.TicksPerSecond)).ToArray();

    private const int VerdictCount = 3;

    private readonly long[] _statements = new long[VerdictCount];

    // One slot per bucket plus +Inf; counted per bucket and summed at scrape time, so a statement moves one slot.
    private readonly long[] _latencyBuckets = new long[LatencyBucketBounds.Length + 1];
    private long _latencyTicks;
    private long _sessionsOpened;
    private long _sessionsClosed;

    public static ProxyMetrics Shared { get; } = new();

    /// <summary>A client connection was accepted by a listener (refused ones included: they are sessions on the record too).</summary>
    public void SessionOpened() => Interlocked.Increment(ref _sessionsOpened);

    public void SessionClosed() => Interlocked.Increment(ref _sessionsClosed);

    /// <summary>A statement's record was written: what the policy decided and, when it got an answer, how long it took.</summary>
    public void StatementRecorded(Verdict verdict, TimeSpan? duration)
    {
        Interlocked.Increment(ref _statements[(int)verdict < VerdictCount ? (int)verdict : 0]);
        if (duration is not { } elapsed)
        {
            return;
        }

        var ticks = elapsed.Ticks;
        var bucket = 0;
        while (bucket < LatencyBucketTicks.Length && ticks > LatencyBucketTicks[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _latencyBuckets[bucket]);
        Interlocked.Add(ref _latencyTicks, ticks);
    }

    /// <summary>A consistent-enough copy for one scrape: each value is read atomically, the set is not (Prometheus tolerates that).</summary>
    public MetricsSnapshot Snapshot()
    {
        var buckets = new long[_latencyBuckets.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = Interlocked.Read(ref _latencyBuckets[i]);
        }

        var opened = Interlocked.Read(ref _sessionsOpened);
        var closed = Interlocked.Read(ref _sessionsClosed);
        return new MetricsSnapshot(
            opened,
            Math.Max(0, opened - closed),
            Interlocked.Read(ref _statements[(int)Verdict.Allow]),
            Interlocked.Read(ref _statements[(int)Verdict.Approve]),
            Interlocked.Read(ref _statements[(int)Verdict.Block]),
            buckets,
            TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks)).TotalSeconds);
    }
}

/// <summary>
/// The counters at one instant. <see cref="LatencyBuckets"/> holds one count per bound of
/// <see cref="ProxyMetrics.LatencyBucketBounds"/> and a last one above them all (not cumulative).
/// </summary>
public sealed record MetricsSnapshot(
    long SessionsTotal,
    long SessionsOpen,
    long StatementsAllowed,
    long StatementsApprove,
    long StatementsBlocked,
    IReadOnlyList<long> LatencyBuckets,
    double LatencySumSeconds)
{
    public long LatencyCount => LatencyBuckets.Sum();
}
