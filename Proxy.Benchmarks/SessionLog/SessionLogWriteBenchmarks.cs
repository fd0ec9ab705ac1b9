using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.SessionLog;

namespace Proxy.Benchmarks.SessionLog;

/// <summary>
/// What recording one pgbench-style <c>statement</c> event costs the session log: queue, serialize, insert
/// and commit (normal durability, so no fsync per commit), measured per event over a batch of
/// <see cref="EventsPerOperation"/> appended at once and waited for with <c>FlushAsync</c>. The events are
/// built once: their construction is the data path's cost, not the log's. Time and bytes include the
/// writer thread (BenchmarkDotNet counts every thread's allocations). The database lives on tmpfs where
/// there is one: a disk's checkpoint fsyncs would swamp the CPU cost this measures, and that CPU cost is what
/// the log takes from the data path.
/// </summary>
public class SessionLogWriteBenchmarks
{
    private const int EventsPerOperation = 1000;

    private static readonly StatementDecision Allow = new("allow", null, [], []);

    private StatementEvent[] _events = [];
    private string _directory = "";
    private SqliteSessionLog _log = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _directory = Path.Combine(root, "proxy-bench-sessionlog-" + Guid.NewGuid().ToString("N"));
        _log = SqliteSessionLog.Open(Path.Combine(_directory, "sessions.db"), Durability.Normal, NullLogger.Instance);

        var sessionId = Guid.CreateVersion7().ToString();
        var at = DateTimeOffset.UtcNow;
        _events = new StatementEvent[EventsPerOperation];
        for (var i = 0; i < _events.Length; i++)
        {
            var aid = 1 + ((i * 7919) % 100_000);
            _events[i] = new StatementEvent(
                sessionId,
                at.AddTicks(i * 137),
                i + 1,
                "bench",
                "pgbench",
                $"SELECT abalance FROM pgbench_accounts WHERE aid = {aid};",
                null,
                "select",
                [],
                Allow,
                new StatementOutcome(TimeSpan.FromTicks(1234 + i), "SELECT 1", 1, null, null));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = EventsPerOperation)]
    public Task AppendStatement()
    {
        foreach (var statement in _events)
        {
            if (!_log.TryAppend(statement))
            {
                throw new InvalidOperationException("session log queue full");
            }
        }

        return _log.FlushAsync();
    }
}
