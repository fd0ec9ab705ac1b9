using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Proxy.Core.SessionLog;

namespace Proxy.Benchmarks.SessionLog;

/// <summary>
/// One pgbench -M prepared statement event's data object as JSON, the writer thread's share of an event that is
/// not SQLite, and its duration_ms field alone, through the double formatter and through
/// <see cref="JsonMilliseconds"/>.
/// </summary>
public class StatementJsonBenchmarks
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonEncodedText DurationName = JsonEncodedText.Encode("duration_ms");

    private static readonly TimeSpan Duration = TimeSpan.FromTicks(123_470);

    private readonly ArrayBufferWriter<byte> _plainBuffer = new(1024);
    private Utf8JsonWriter _plain = null!;
    private StatementEvent _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = new Utf8JsonWriter(_plainBuffer, Options);
        _event = SessionLogWriteBenchmarks.BuildStatements(1, 1, 1, prepared: true)[0][0];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Plain()
    {
        _plainBuffer.ResetWrittenCount();
        _plain.Reset(_plainBuffer);
        _plain.WriteStartObject();
        _event.WriteData(_plain);
        _plain.WriteEndObject();
        _plain.Flush();
        return _plainBuffer.WrittenCount;
    }

    /// <summary>duration_ms as every event wrote it before: the rounded double through the general formatter.</summary>
    [Benchmark]
    public int DurationThroughDouble()
    {
        _plainBuffer.ResetWrittenCount();
        _plain.Reset(_plainBuffer);
        _plain.WriteStartObject();
        _plain.WriteNumber(DurationName, Math.Round(Duration.TotalMilliseconds, 3));
        _plain.WriteEndObject();
        _plain.Flush();
        return _plainBuffer.WrittenCount;
    }

    [Benchmark]
    public int DurationFormatted()
    {
        _plainBuffer.ResetWrittenCount();
        _plain.Reset(_plainBuffer);
        _plain.WriteStartObject();
        JsonMilliseconds.Write(_plain, DurationName, Duration);
        _plain.WriteEndObject();
        _plain.Flush();
        return _plainBuffer.WrittenCount;
    }
}
