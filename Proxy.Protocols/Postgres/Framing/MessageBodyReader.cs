using System.Buffers;
using System.Text;

namespace Proxy.Protocols.Postgres.Framing;

/// <summary>
/// Reads the fields of one message body in order. Running past the end, or a string without its
/// terminating zero, is a malformed message (<see cref="PostgresProtocolException"/>).
/// </summary>
public ref struct MessageBodyReader(ReadOnlySequence<byte> body)
{
    private SequenceReader<byte> _reader = new(body);

    public readonly long Remaining => _reader.Remaining;

    public readonly bool End => _reader.End;

    public short ReadInt16()
    {
        if (!_reader.TryReadBigEndian(out short value))
        {
            PostgresProtocolException.Throw("message ends inside an Int16");
        }

        return value;
    }

    public int ReadInt32()
    {
        if (!_reader.TryReadBigEndian(out int value))
        {
            PostgresProtocolException.Throw("message ends inside an Int32");
        }

        return value;
    }

    public byte ReadByte()
    {
        if (!_reader.TryRead(out var value))
        {
            PostgresProtocolException.Throw("message ends inside a Byte1");
        }

        return value;
    }

    /// <summary>A null-terminated string, without its terminator, as the bytes it was sent in.</summary>
    public ReadOnlySequence<byte> ReadCStringBytes()
    {
        if (!_reader.TryReadTo(out ReadOnlySequence<byte> value, 0))
        {
            PostgresProtocolException.Throw("string without its terminating zero");
        }

        return value;
    }

    public string ReadCString()
    {
        var bytes = ReadCStringBytes();
        return Encoding.UTF8.GetString(bytes);
    }

    public ReadOnlySequence<byte> ReadBytes(int count)
    {
        if (count < 0 || _reader.Remaining < count)
        {
            PostgresProtocolException.Throw($"message ends inside a field of {count} bytes");
        }

        var value = _reader.UnreadSequence.Slice(0, count);
        _reader.Advance(count);
        return value;
    }

    /// <summary>Everything not yet read.</summary>
    public ReadOnlySequence<byte> ReadRest()
    {
        var rest = _reader.UnreadSequence;
        _reader.AdvanceToEnd();
        return rest;
    }
}
