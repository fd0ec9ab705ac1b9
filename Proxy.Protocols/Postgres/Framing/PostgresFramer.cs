using System.Buffers;
using System.Buffers.Binary;

namespace Proxy.Protocols.Postgres.Framing;

/// <summary>A typed message, valid until the read loop advances past it.</summary>
public readonly struct PostgresMessage(byte type, ReadOnlySequence<byte> raw)
{
    public byte Type { get; } = type;

    /// <summary>The message as received, header included: what is forwarded when nothing is rewritten.</summary>
    public ReadOnlySequence<byte> Raw { get; } = raw;

    public ReadOnlySequence<byte> Body => Raw.Slice(PostgresFramer.HeaderLength);
}

/// <summary>An untyped first message: StartupMessage, SSLRequest, GSSENCRequest or CancelRequest.</summary>
public readonly struct StartupPacket(int code, ReadOnlySequence<byte> raw)
{
    /// <summary>The protocol version of a StartupMessage, else one of <see cref="StartupCodes"/>.</summary>
    public int Code { get; } = code;

    public ReadOnlySequence<byte> Raw { get; } = raw;

    /// <summary>What follows the length and the code.</summary>
    public ReadOnlySequence<byte> Body => Raw.Slice(PostgresFramer.StartupHeaderLength);

    public bool IsStartupMessage => Code >> 16 == 3;
}

/// <summary>
/// Splits a PostgreSQL byte stream into messages (PostgreSQL protocol 55.2, 55.7). Pure and synchronous:
/// on success the buffer is sliced past the message, which is a slice of it, never a copy; on "need more"
/// (false) the buffer is untouched. A declared length is checked against the limit as soon as the header
/// is in, before the body is awaited, so an oversize message costs no memory.
/// </summary>
public static class PostgresFramer
{
    /// <summary>Type byte and Int32 length.</summary>
    public const int HeaderLength = 5;

    /// <summary>Int32 length and Int32 code.</summary>
    public const int StartupHeaderLength = 8;

    /// <summary>PostgreSQL's own MAX_STARTUP_PACKET_LENGTH (src/include/libpq/pqcomm.h).</summary>
    public const int MaxStartupLength = 10_000;

    /// <summary>The largest message PostgreSQL itself accepts or sends (PQ_LARGE_MESSAGE_LIMIT, 1 GiB - 1).</summary>
    public const int MaxProtocolMessageLength = (1 << 30) - 1;

    /// <summary>
    /// The longest cancel key protocol 3.2 allows is 256 bytes; with length, code and process id the
    /// CancelRequest is at most 268 bytes, and exactly 16 in protocol 3.0.
    /// </summary>
    public const int MaxCancelRequestLength = 12 + 256;

    /// <summary>
    /// Reads a typed message's header: its type and its total length on the wire (header included).
    /// False when fewer than five bytes are buffered. Throws when the length field is impossible or the
    /// message is longer than <paramref name="maxLength"/>.
    /// </summary>
    public static bool TryReadHeader(in ReadOnlySequence<byte> buffer, int maxLength, out byte type, out int totalLength)
    {
        // From the first segment when the header fits there (nearly always); across segments, a copy.
        Span<byte> copy = stackalloc byte[HeaderLength];
        scoped var header = buffer.FirstSpan;
        if (header.Length < HeaderLength)
        {
            if (buffer.Length < HeaderLength)
            {
                type = 0;
                totalLength = 0;
                return false;
            }

            buffer.Slice(0, HeaderLength).CopyTo(copy);
            header = copy;
        }

        type = header[0];
        var declared = BinaryPrimitives.ReadInt32BigEndian(header[1..]);
        if (declared < 4)
        {
            PostgresProtocolException.Throw($"message '{Printable(type)}' declares length {declared}; the least is 4");
        }

        if (declared > maxLength - 1)
        {
            PostgresProtocolException.Throw($"message '{Printable(type)}' is {(long)declared + 1} bytes; the limit is {maxLength}");
        }

        totalLength = declared + 1;
        return true;
    }

    /// <summary>Reads one whole typed message of at most <paramref name="maxLength"/> bytes.</summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, int maxLength, out PostgresMessage message)
    {
        if (!TryReadHeader(buffer, maxLength, out var type, out var totalLength) || buffer.Length < totalLength)
        {
            message = default;
            return false;
        }

        // One walk to the end position serves both slices.
        var end = buffer.GetPosition(totalLength);
        message = new PostgresMessage(type, buffer.Slice(buffer.Start, end));
        buffer = buffer.Slice(end);
        return true;
    }

    /// <summary>
    /// Reads the untyped message a client opens with. Throws for a length outside what the code allows,
    /// and for a code that is none of StartupMessage 3.x, SSLRequest, GSSENCRequest, CancelRequest.
    /// </summary>
    public static bool TryReadStartup(ref ReadOnlySequence<byte> buffer, out StartupPacket packet)
    {
        packet = default;
        if (buffer.Length < StartupHeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[StartupHeaderLength];
        buffer.Slice(0, StartupHeaderLength).CopyTo(header);
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        var code = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        var (least, most) = code switch
        {
            StartupCodes.SslRequest or StartupCodes.GssEncRequest => (8, 8),
            StartupCodes.CancelRequest => (16, MaxCancelRequestLength),
            _ when code >> 16 == 3 => (StartupHeaderLength + 1, MaxStartupLength),
            _ when code >> 16 is > 0 and < 3 => throw new PostgresProtocolException(
                $"unsupported frontend protocol {code >> 16}.{code & 0xFFFF}: only protocol 3 is served"),
            _ => throw new PostgresProtocolException($"unknown startup request code {code}"),
        };
        if (length < least || length > most)
        {
            PostgresProtocolException.Throw($"startup packet of {length} bytes; {least} to {most} expected for code {code}");
        }

        if (buffer.Length < length)
        {
            return false;
        }

        packet = new StartupPacket(code, buffer.Slice(0, length));
        buffer = buffer.Slice(length);
        return true;
    }

    private static char Printable(byte type) => type is >= 0x20 and < 0x7F ? (char)type : '?';
}
