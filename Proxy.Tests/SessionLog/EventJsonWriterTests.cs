using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;

namespace Proxy.Tests.SessionLog;

/// <summary>
/// The writer thread's cached JSON (<see cref="EventJsonWriter"/>, <see cref="Utf8StringCache"/>) and the duration
/// formatter must produce byte for byte what a plain <see cref="Utf8JsonWriter"/> writes: docs/audit-format.md is a
/// contract, and readers, export and replay compare the stored text.
/// </summary>
[TestFixture]
public sealed class EventJsonWriterTests
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Test]
    public void Cache_HitsOnlyTheSameInstance()
    {
        var cache = new Utf8StringCache();
        var text = string.Concat("SELECT ", "1");
        Assert.That(cache.TryGet(text, out _), Is.False);
        cache.Set(text, "\"SELECT 1\""u8);

        Assert.That(cache.TryGet(text, out var bytes), Is.True);
        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo("\"SELECT 1\""));

        // Equal characters in another instance: a miss, never a lookup by content.
        Assert.That(cache.TryGet(string.Concat("SELECT ", "1"), out _), Is.False);
        Assert.That((cache.Hits, cache.Misses), Is.EqualTo((1, 2)));
    }

    [Test]
    public void Cache_ANewStringInTheSameSlotEvictsTheOld()
    {
        var cache = new Utf8StringCache();
        var first = "first " + Guid.NewGuid();
        var slot = RuntimeHelpers.GetHashCode(first) & (Utf8StringCache.Slots - 1);
        string second;
        do
        {
            second = "second " + Guid.NewGuid();
        }
        while ((RuntimeHelpers.GetHashCode(second) & (Utf8StringCache.Slots - 1)) != slot);

        cache.Set(first, "1"u8);
        cache.Set(second, "22"u8);
        Assert.That(cache.TryGet(first, out _), Is.False);
        Assert.That(cache.TryGet(second, out var bytes) && bytes.SequenceEqual("22"u8), Is.True);
    }

    [Test]
    public void Cache_StaysBoundedUnderManyDistinctStrings()
    {
        var cache = new Utf8StringCache();
        var strings = Enumerable.Range(0, 10_000).Select(i => "SELECT " + i).ToArray();
        foreach (var value in strings)
        {
            Assert.That(cache.TryGetUtf8(value, out var utf8) && utf8.SequenceEqual(Encoding.UTF8.GetBytes(value)), Is.True);
        }

        Assert.That(strings.Count(value => cache.TryGet(value, out _)), Is.LessThanOrEqualTo(Utf8StringCache.Slots));
    }

    [Test]
    public void Cache_KeepsNoValueLongerThanItsLimit()
    {
        var cache = new Utf8StringCache();
        var longText = new string('é', (Utf8StringCache.MaxBytes / 2) + 1);
        Assert.That(cache.TryGetUtf8(longText, out _), Is.False);
        cache.Set(longText, new byte[Utf8StringCache.MaxBytes + 1]);
        Assert.That(cache.TryGet(longText, out _), Is.False);

        var fits = new string('é', Utf8StringCache.MaxBytes / 2);
        Assert.That(cache.TryGetUtf8(fits, out var utf8) && utf8.SequenceEqual(Encoding.UTF8.GetBytes(fits)), Is.True);
        Assert.That(cache.TryGet(fits, out _), Is.True);
    }

    [Test]
    public void Cache_EncodesNonAsciiAndSurrogatePairs()
    {
        var cache = new Utf8StringCache();
        foreach (var value in new[] { "", "ålice", "✓ 🙂 ok", "\u0000\u001f\"\\", string.Concat(Enumerable.Repeat("🙂", 300)) })
        {
            Assert.That(cache.TryGetUtf8(value, out var first) && first.SequenceEqual(Encoding.UTF8.GetBytes(value)), Is.True, value);
            Assert.That(cache.TryGetUtf8(value, out var again) && again.SequenceEqual(Encoding.UTF8.GetBytes(value)), Is.True, value);
        }
    }

    /// <summary>Every field of every kind that goes through the cache, written twice (a miss, then a hit) and after eviction.</summary>
    [Test]
    public void StatementEvents_AreTheSameBytesCachedOrNot()
    {
        var text = "UPDATE t SET x = $1 WHERE \"id\" = $2 -- é ✓ 🙂 </script> \u0001\t\n";
        var tables = new[] { "public.t", "t\"2", "ünï" };
        var decision = new StatementDecision("block", "no-writes", ["pii", "audit"], ["rule-a", "rule-b"]) { Approval = "ap-1" };
        var masked = new[] { new MaskedValues("column public.t.card", "redact", 3) };
        var events = new SessionEvent[]
        {
            new StatementEvent("s-1", DateTimeOffset.UtcNow, 1, "ålice", "orders", text, ["a\u0001b", null, "\\x00ff"], "update", tables, decision,
                new StatementOutcome(TimeSpan.FromMilliseconds(0.5), "UPDATE 3", 3, "42501", "refused: <no-writes>") { Masked = masked }),
            new StatementEvent("s-1", DateTimeOffset.UtcNow, 2, null, null, text, null, "select", [], new StatementDecision("allow", null, [], []), null),
            new StatementEvent("s-1", DateTimeOffset.UtcNow, 3, "bob", "orders", text, [], "select", tables, decision,
                new StatementOutcome(TimeSpan.FromTicks(123_456_789), "SELECT 1", 1, null, null)),
            new StatementResultEvent("s-1", DateTimeOffset.UtcNow, 4, new StatementOutcome(TimeSpan.FromTicks(9), "UPDATE 3", 3, null, null)),
            new StatementResultEvent("s-1", DateTimeOffset.UtcNow, 5, null),
            new SessionClosed("s-1", DateTimeOffset.UtcNow, CloseReason.ClientClosed, "bye", "ålice", 1, 2, TimeSpan.FromMilliseconds(90_000.1234)),
        };

        using var json = new EventJsonWriter(Options);
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var sessionEvent in events)
            {
                Assert.That(Cached(json, sessionEvent), Is.EqualTo(Plain(sessionEvent)), $"pass {pass}, {sessionEvent}");
            }

            if (pass == 1)
            {
                // Every slot taken by other strings: the next pass misses again.
                for (var i = 0; i < Utf8StringCache.Slots * 16; i++)
                {
                    json.Strings.Set("other " + i, "\"x\""u8);
                }
            }
        }

        Assert.That(json.Strings.Hits, Is.GreaterThan(0));
    }

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

    private static string Plain(SessionEvent sessionEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, Options);
        writer.WriteStartObject();
        sessionEvent.WriteData(writer);
        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Cached(EventJsonWriter json, SessionEvent sessionEvent)
    {
        json.Reset();
        json.Writer.WriteStartObject();
        sessionEvent.WriteData(json);
        json.Writer.WriteEndObject();
        json.Writer.Flush();
        return Encoding.UTF8.GetString(json.Written);
    }
}
