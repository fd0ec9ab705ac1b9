using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Proxy.Core.SessionLog;

namespace Proxy.Tests.SessionLog;

/// <summary>
/// duration_ms written without the general double formatter must be byte for byte what
/// <see cref="Utf8JsonWriter.WriteNumber(JsonEncodedText, double)"/> wrote for <c>Math.Round(ms, 3)</c>:
/// docs/audit-format.md is a contract, and readers, export and replay compare the stored text.
/// </summary>
[TestFixture]
public sealed class JsonMillisecondsTests
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Test]
    public void Milliseconds_AreWrittenAsTheWriterWritesTheRoundedDouble()
    {
        var random = new Random(20261122);
        var ticks = new List<long> { 0, 1, 4, 5, 6, 9, 10, 14, 15, 16, 25, 35, 45, 5_000, 9_995, 9_999, 10_000, 10_005, 123_456_789 };
        for (var scale = 10L; scale <= 10_000_000_000_000_000; scale *= 10)
        {
            ticks.AddRange([scale - 1, scale, scale + 5, (scale * 3) + 5]);
            for (var i = 0; i < 20_000; i++)
            {
                ticks.Add(random.NextInt64(0, scale));
            }
        }

        ticks.AddRange([-1, -5, -123_456, long.MaxValue, long.MinValue, TimeSpan.MaxValue.Ticks]);
        var name = JsonEncodedText.Encode("duration_ms");
        var plain = new ArrayBufferWriter<byte>();
        var fast = new ArrayBufferWriter<byte>();
        using var plainWriter = new Utf8JsonWriter(plain, Options);
        using var fastWriter = new Utf8JsonWriter(fast, Options);
        var formatted = 0;
        Span<byte> scratch = stackalloc byte[JsonMilliseconds.MaxLength];
        foreach (var value in ticks)
        {
            var duration = TimeSpan.FromTicks(value);
            plain.ResetWrittenCount();
            plainWriter.Reset(plain);
            plainWriter.WriteStartObject();
            plainWriter.WriteNumber(name, Math.Round(duration.TotalMilliseconds, 3));
            plainWriter.WriteEndObject();
            plainWriter.Flush();

            fast.ResetWrittenCount();
            fastWriter.Reset(fast);
            fastWriter.WriteStartObject();
            JsonMilliseconds.Write(fastWriter, name, duration);
            fastWriter.WriteEndObject();
            fastWriter.Flush();

            Assert.That(Encoding.UTF8.GetString(fast.WrittenSpan), Is.EqualTo(Encoding.UTF8.GetString(plain.WrittenSpan)), $"{value} ticks");
            if (JsonMilliseconds.TryFormat(Math.Round(duration.TotalMilliseconds, 3), scratch, out _))
            {
                formatted++;
            }
        }

        // The fast path, not the fallback, wrote nearly all of them: everything below 10^9 ms.
        Assert.That(formatted, Is.GreaterThan(ticks.Count / 2));
        Assert.That(JsonMilliseconds.TryFormat(-0.0, scratch, out _), Is.False);
        Assert.That(JsonMilliseconds.TryFormat(double.NaN, scratch, out _), Is.False);
        Assert.That(JsonMilliseconds.TryFormat(0.1234, scratch, out _), Is.False);
    }
}
