using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Proxy.Core.SessionLog;

namespace Proxy.Tests.SessionLog;

/// <summary>An event whose data is just a label, so tests can check what was committed and in which order.</summary>
public sealed record TestEvent(string? SessionId, DateTimeOffset At, string Label) : SessionEvent(SessionId, At)
{
    public override string Kind => "test";

    public override void WriteData(Utf8JsonWriter writer) => writer.WriteString("label", Label);

    public static TestEvent Labelled(string label, string? sessionId = null) =>
        new(sessionId, DateTimeOffset.UtcNow, label);
}

/// <summary>Each test gets its own database path, in a directory removed afterwards.</summary>
public abstract class SessionLogFileTests
{
    internal TempDirectory Scratch { get; private set; } = null!;

    protected string DatabasePath { get; private set; } = null!;

    [SetUp]
    public void CreateDatabaseDirectory()
    {
        Scratch = new TempDirectory();
        DatabasePath = Scratch.Combine("sessions.db");
    }

    [TearDown]
    public void DeleteDatabaseDirectory() => Scratch.Dispose();
}

internal static class SessionLogTestSupport
{
    /// <summary>Short timeouts so that fault tests fail and recover in well under a second or two.</summary>
    public static readonly SessionLogOptions Fast = new()
    {
        BusyTimeout = TimeSpan.FromMilliseconds(200),
        RetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        DisposeRetryLimit = TimeSpan.FromSeconds(2),
    };

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Labels of the committed test events, in id order, read through a separate connection.</summary>
    public static List<string> CommittedLabels(string path)
    {
        using var reader = SessionLogReader.Open(path);
        return [.. reader.ReadEvents()
            .Where(e => e.Kind == "test")
            .Select(e => JsonDocument.Parse(e.DataJson).RootElement.GetProperty("label").GetString()!)];
    }

    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    public static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

/// <summary>A fresh directory under the system temp directory, deleted with everything in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "proxy-sessionlog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Another process's view of the database: holds the write lock until disposed.</summary>
internal sealed class HeldLock : IDisposable
{
    private readonly SqliteConnection _connection;

    private HeldLock(SqliteConnection connection)
    {
        _connection = connection;
    }

    public static HeldLock Exclusive(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();

        // In WAL mode EXCLUSIVE still lets readers in but keeps every other writer out.
        command.CommandText = "BEGIN EXCLUSIVE;";
        command.ExecuteNonQuery();
        return new HeldLock(connection);
    }

    public void Dispose()
    {
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "ROLLBACK;";
            command.ExecuteNonQuery();
        }

        _connection.Dispose();
    }
}

/// <summary>Collects log entries so tests can check that a fault is logged once and its recovery too.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries => [.. _entries];

    public int Count(int eventId) => _entries.Count(e => e.Id.Id == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
