using System.Globalization;
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
/// the log takes from the data path. Budget: 16 B allocated per event (what remains is the flush, shared by
/// the batch); the events themselves are inserted without allocating.
/// </summary>
public class SessionLogWriteBenchmarks
{
    private const int EventsPerOperation = 1000;

    // Each iteration writes to a fresh database, events with increasing timestamps as the proxy's are:
    // the same timestamps written again would stay below every commit's running maximum of `at`, a
    // pattern the proxy never produces (schema v1 would have put them in the middle of its events_at
    // index, where once it outgrew SQLite's page cache every row paid a page read the proxy does not pay).
    private const int OperationsPerIteration = 16;

    private StatementEvent[][] _batches = [];
    private string _directory = "";
    private SqliteSessionLog _log = null!;
    private int _next;

    /// <summary>Sessions whose statements take turns in the log.</summary>
    protected virtual int Sessions => 1;

    protected virtual SessionLogOptions Options => new();

    [GlobalSetup]
    public void Setup()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _directory = Path.Combine(root, "proxy-bench-sessionlog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);

        _batches = BuildStatements(OperationsPerIteration, EventsPerOperation, Sessions);
    }

    [IterationSetup]
    public void OpenLog()
    {
        var path = Path.Combine(_directory, "sessions.db");
        foreach (var file in Directory.GetFiles(_directory))
        {
            File.Delete(file);
        }

        _log = SqliteSessionLog.Open(path, Durability.Normal, NullLogger.Instance, Options);
        _next = 0;
    }

    [IterationCleanup]
    public void CloseLog() => _log.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(OperationsPerInvoke = EventsPerOperation)]
    [InvocationCount(OperationsPerIteration)]
    public Task AppendStatement()
    {
        foreach (var statement in _batches[_next++])
        {
            if (!_log.TryAppend(statement))
            {
                throw new InvalidOperationException("session log queue full");
            }
        }

        return _log.FlushAsync();
    }

    /// <summary>
    /// pgbench-style statement events, <paramref name="sessions"/> sessions taking turns as concurrent
    /// clients do, timestamps increasing across batches. <paramref name="prepared"/>: as pgbench -M prepared
    /// gives them, each session's text, table list and command tag one instance, a new parameter per event;
    /// otherwise as -M simple, a new text with its literal per event.
    /// </summary>
    internal static StatementEvent[][] BuildStatements(int batchCount, int eventsPerBatch, int sessions, bool prepared = false)
    {
        var allow = new StatementDecision("allow", null, [], []);
        var sessionIds = new string[sessions];
        var texts = new string[sessions];
        var tables = new string[sessions][];
        var tags = new string[sessions];
        for (var s = 0; s < sessionIds.Length; s++)
        {
            sessionIds[s] = Guid.CreateVersion7().ToString();
            texts[s] = string.Concat("SELECT abalance FROM pgbench_accounts WHERE aid = ", "$1");
            tables[s] = [string.Concat("pgbench_", "accounts")];
            tags[s] = string.Concat("SELECT ", "1");
        }

        var at = DateTimeOffset.UtcNow;
        var sequence = 0;
        var batches = new StatementEvent[batchCount][];
        for (var b = 0; b < batches.Length; b++)
        {
            var batch = batches[b] = new StatementEvent[eventsPerBatch];
            for (var i = 0; i < batch.Length; i++)
            {
                sequence++;
                var aid = 1 + ((sequence * 7919) % 100_000);
                var session = sequence % sessions;
                batch[i] = new StatementEvent(
                    sessionIds[session],
                    at.AddTicks(sequence * 137),
                    sequence,
                    "bench",
                    "pgbench",
                    prepared ? texts[session] : $"SELECT abalance FROM pgbench_accounts WHERE aid = {aid};",
                    prepared ? [aid.ToString(CultureInfo.InvariantCulture)] : null,
                    "select",
                    prepared ? tables[session] : [],
                    allow,
                    new StatementOutcome(TimeSpan.FromTicks(1234 + i), prepared ? tags[session] : "SELECT 1", 1, null, null));
            }
        }

        return batches;
    }
}
