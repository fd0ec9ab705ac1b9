using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.SessionLog;

namespace Proxy.Benchmarks.SessionLog;

/// <summary>
/// <c>writer-cpu</c>: the session log's CPU time per event, not its wall time. The benchmark thread
/// queues a round of events and blocks on the flush, so nearly all the CPU the process spends meanwhile is
/// the writer's (serialize, insert, commit). CPU time is what the log takes from the data path, and unlike
/// wall time it barely moves when other processes share the cores, so two builds can be compared on a
/// busy machine: run the command from each build's output directory.
/// </summary>
internal static class WriterCpuCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var events = 65536;
        var rounds = 7;
        var sessions = 8;
        var batch = 64;
        var prepared = false;
        var withoutIndexes = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--events" when i + 1 < args.Count:
                    events = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--rounds" when i + 1 < args.Count:
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--sessions" when i + 1 < args.Count:
                    sessions = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--batch" when i + 1 < args.Count:
                    batch = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--shape" when i + 1 < args.Count && args[i + 1] is "simple" or "prepared":
                    // simple: a new text per event (pgbench -M simple); prepared: each session's text,
                    // tables and command tag repeat by reference, a parameter per event (-M prepared).
                    prepared = args[++i] == "prepared";
                    break;
                case "--without-index" when i + 1 < args.Count:
                    // What an index costs the writer: dropped after the log opened (SQLite re-prepares
                    // the insert), never a setting of the product.
                    withoutIndexes.Add(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"writer-cpu: unknown or incomplete option '{args[i]}'\nusage: writer-cpu [--events N] [--rounds N] [--sessions N] [--batch N] [--shape simple|prepared] [--without-index NAME]...");
                    return 2;
            }
        }

        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var directory = Path.Combine(root, "proxy-bench-writer-cpu-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var options = new SessionLogOptions { NormalCommitDelay = TimeSpan.Zero, MaxBatchSize = batch, QueueCapacity = events };
        var perEvent = new List<double>(rounds);
        try
        {
            // Round 0 warms up (JIT, SQLite's first pages) and is not counted.
            for (var round = 0; round <= rounds; round++)
            {
                var statements = SessionLogWriteBenchmarks.BuildStatements(1, events, sessions, prepared)[0];
                var path = Path.Combine(directory, $"round{round}.db");
                var log = SqliteSessionLog.Open(path, Durability.Normal, NullLogger.Instance, options);
                DropIndexes(path, withoutIndexes);
                // Not Process.TotalProcessorTime, which counts clock ticks (10 ms on Linux: 4 % of a round).
                var cpuBefore = Environment.CpuUsage.TotalTime;
                foreach (var statement in statements)
                {
                    if (!log.TryAppend(statement))
                    {
                        throw new InvalidOperationException("session log queue full");
                    }
                }

                log.FlushAsync().GetAwaiter().GetResult();
                var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
                log.DisposeAsync().AsTask().GetAwaiter().GetResult();
                if (round > 0)
                {
                    perEvent.Add(cpu.TotalMicroseconds / events);
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        perEvent.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"writer CPU per event: median {perEvent[perEvent.Count / 2]:F2} µs, min {perEvent[0]:F2}, max {perEvent[^1]:F2} ({rounds} rounds of {events} events, {sessions} sessions, {batch} per commit, {(prepared ? "prepared" : "simple")} shape)"));
        return 0;
    }

    private static void DropIndexes(string path, List<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        foreach (var name in names)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\";";
            command.ExecuteNonQuery();
        }
    }
}
