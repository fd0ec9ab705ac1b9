using Proxy.Core.SessionLog;

namespace Proxy.Benchmarks.SessionLog;

/// <summary>
/// The writer thread's cost per event as the L7 proxy under <c>pgbench -S -c 8</c> gives it work: eight
/// sessions' statements interleaved (so each commit updates eight runs in <c>session_spans</c>, where one
/// session updates one) and committed 64 at a time (about what 5 ms of group commit gathers at 10–13k
/// statements per second). No commit delay: the benchmark thread only queues and waits for the flush, so
/// the time per event is the writer's busy time, which is the CPU the log takes from the data path.
/// </summary>
public class SessionLogWriterBenchmarks : SessionLogWriteBenchmarks
{
    protected override int Sessions => 8;

    protected override SessionLogOptions Options => new() { NormalCommitDelay = TimeSpan.Zero, MaxBatchSize = 64 };
}
