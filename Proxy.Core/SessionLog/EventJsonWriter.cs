using System.Buffers;
using System.Text.Json;

namespace Proxy.Core.SessionLog;

/// <summary>
/// The writer thread's JSON for an event's data: a <see cref="Utf8JsonWriter"/> over a reused buffer, whose string
/// values come from a <see cref="Utf8StringCache"/> of their escaped, quoted form when the same string instance
/// was written before. The bytes are exactly what <see cref="Utf8JsonWriter.WriteStringValue(string)"/> writes,
/// since a miss is that call's own output, kept.
/// </summary>
internal sealed class EventJsonWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public EventJsonWriter(JsonWriterOptions options) => Writer = new Utf8JsonWriter(_buffer, options);

    public Utf8JsonWriter Writer { get; }

    /// <summary>Escaped, quoted JSON strings by reference.</summary>
    public Utf8StringCache Strings { get; } = new();

    /// <summary>Everything written since <see cref="Reset"/>, once flushed.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Reset()
    {
        _buffer.ResetWrittenCount();
        Writer.Reset(_buffer);
    }

    public void WriteString(JsonEncodedText name, string value)
    {
        Writer.WritePropertyName(name);
        WriteStringValue(value);
    }

    public void WriteStringValue(string value)
    {
        if (Strings.TryGet(value, out var json))
        {
            Writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }

        // The writer's own output, kept: flushed before and after so that it lies in the buffer by itself,
        // after the list separator the writer puts before an array's next element.
        Writer.Flush();
        var start = _buffer.WrittenCount;
        Writer.WriteStringValue(value);
        Writer.Flush();
        var written = _buffer.WrittenSpan[start..];
        Strings.Set(value, written[0] == (byte)',' ? written[1..] : written);
    }

    public void Dispose() => Writer.Dispose();
}
