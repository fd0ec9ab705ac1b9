using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Proxy.Tests.Support;

/// <summary>One backend message as received: its type and its body.</summary>
public sealed record WireMessage(char Type, byte[] Body)
{
    /// <summary>The fields of an ErrorResponse or NoticeResponse by code ('C' SQLSTATE, 'M' message, 'S' severity).</summary>
    public IReadOnlyDictionary<char, string> Fields()
    {
        var fields = new Dictionary<char, string>();
        var at = 0;
        while (at < Body.Length && Body[at] != 0)
        {
            var end = Array.IndexOf(Body, (byte)0, at + 1);
            fields[(char)Body[at]] = Encoding.UTF8.GetString(Body, at + 1, end - at - 1);
            at = end + 1;
        }

        return fields;
    }
}

/// <summary>
/// A PostgreSQL client written byte by byte, for what real clients never send: malformed frames, oversize
/// messages, FunctionCall. Trust authentication only (the test server's loopback rule).
/// </summary>
public sealed class PostgresWireClient : IAsyncDisposable
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private PostgresWireClient(Socket socket)
    {
        Socket = socket;
    }

    public Socket Socket { get; }

    public static async Task<PostgresWireClient> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken) =>
        new(await TestSockets.ConnectAsync(endPoint, cancellationToken));

    /// <summary>A StartupMessage for protocol 3.0 with the given parameters.</summary>
    public static byte[] Startup(params (string Name, string Value)[] parameters)
    {
        var body = new MemoryStream();
        foreach (var (name, value) in parameters)
        {
            body.Write(Encoding.UTF8.GetBytes(name));
            body.WriteByte(0);
            body.Write(Encoding.UTF8.GetBytes(value));
            body.WriteByte(0);
        }

        body.WriteByte(0);
        var message = new byte[8 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, message.Length);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4), 3 << 16);
        body.ToArray().CopyTo(message, 8);
        return message;
    }

    /// <summary>A typed message: type byte, Int32 length, body.</summary>
    public static byte[] Message(char type, ReadOnlySpan<byte> body)
    {
        var message = new byte[5 + body.Length];
        message[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + body.Length);
        body.CopyTo(message.AsSpan(5));
        return message;
    }

    public static byte[] Query(string sql) => Message('Q', [.. Encoding.UTF8.GetBytes(sql), 0]);

    /// <summary>Logs in as the superuser and reads up to the first ReadyForQuery; returns what came before it.</summary>
    public async Task<IReadOnlyList<WireMessage>> StartAsync(CancellationToken cancellationToken)
    {
        await SendAsync(Startup(("user", "postgres"), ("database", "postgres")), cancellationToken);
        return await ReadUntilReadyAsync(cancellationToken);
    }

    public Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => Socket.SendAllAsync(bytes, cancellationToken);

    /// <summary>Messages up to and including the next ReadyForQuery.</summary>
    public async Task<IReadOnlyList<WireMessage>> ReadUntilReadyAsync(CancellationToken cancellationToken)
    {
        var messages = new List<WireMessage>();
        while (true)
        {
            var message = await ReadAsync(cancellationToken) ?? throw new EndOfStreamException($"connection ended after {string.Concat(messages.Select(m => m.Type))}");
            messages.Add(message);
            if (message.Type == 'Z')
            {
                return messages;
            }
        }
    }

    /// <summary>The next message, or null when the connection ends cleanly between messages.</summary>
    public async Task<WireMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(5, cancellationToken))
        {
            return null;
        }

        var type = (char)_buffer[_start];
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1));
        if (!await FillAsync(1 + length, cancellationToken))
        {
            throw new EndOfStreamException("connection ended inside a message");
        }

        var body = _buffer.AsSpan(_start + 5, length - 4).ToArray();
        _start += 1 + length;
        return new WireMessage(type, body);
    }

    /// <summary>Whether the peer ended the connection (FIN or reset) with nothing more to read.</summary>
    public async Task<bool> IsClosedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return _start == _end && await Socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start < count && _start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end - _start < count)
        {
            var read = await Socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }
}
