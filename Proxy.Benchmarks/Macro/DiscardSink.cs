using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Proxy.Benchmarks.Macro;

internal enum SinkMode
{
    /// <summary>One thread per connection, blocking reads into a large buffer: the cheapest receiver there is.</summary>
    Bulk,

    /// <summary>Thousands of connections held open with one pending asynchronous read each, no thread each.</summary>
    Hold,
}

/// <summary>What the sink saw of one connection, ended by the peer's FIN or a reset.</summary>
/// <param name="Id">The first 8 bytes of the stream, which a bulk source sets to its transfer's number.</param>
internal readonly record struct SinkTransfer(long Id, long Bytes, long EndTimestamp, bool Reset);

/// <summary>
/// A TCP server that reads and discards. It runs inside the harness rather than as its own process
/// because the same sink and source serve every variant, so whatever they cost is the same in each and
/// drops out of the ratios; what differs between variants is only the hop in the middle.
/// </summary>
internal sealed class DiscardSink : IDisposable
{
    private const int BufferSize = 1024 * 1024;

    private readonly Socket _listener;
    private readonly SinkMode _mode;
    private readonly Channel<SinkTransfer> _transfers = Channel.CreateUnbounded<SinkTransfer>();
    private readonly ConcurrentDictionary<Socket, bool> _open = new();

    // Everything read is thrown away, so every held connection may read into the same buffer.
    private readonly byte[] _sharedDiscard = new byte[64 * 1024];
    private int _greeted;
    private volatile bool _disposed;

    private DiscardSink(Socket listener, SinkMode mode)
    {
        _listener = listener;
        _mode = mode;
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Connections that have sent at least one byte (held connections only).</summary>
    public int Greeted => Volatile.Read(ref _greeted);

    public int Open => _open.Count;

    public static DiscardSink Start(SinkMode mode)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4096);
        var sink = new DiscardSink(listener, mode);
        new Thread(sink.AcceptLoop) { IsBackground = true, Name = "sink accept" }.Start();
        return sink;
    }

    /// <summary>
    /// The end of the transfer whose stream began with <paramref name="id"/>. Other connections — a
    /// proxy's readiness probe passed on upstream, its reset arriving late — are skipped, so they can
    /// never be taken for the transfer being timed.
    /// </summary>
    public async Task<SinkTransfer> TransferAsync(long id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var transfer = await _transfers.Reader.ReadAsync(cancellationToken);
            if (transfer.Id == id)
            {
                return transfer;
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
        foreach (var socket in _open.Keys)
        {
            socket.Dispose();
        }
    }

    private void AcceptLoop()
    {
        while (!_disposed)
        {
            Socket socket;
            try
            {
                socket = _listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (_disposed)
                {
                    return;
                }

                continue;
            }

            _open.TryAdd(socket, true);
            if (_mode == SinkMode.Bulk)
            {
                new Thread(() => Drain(socket)) { IsBackground = true, Name = "sink drain" }.Start();
            }
            else
            {
                _ = HoldAsync(socket);
            }
        }
    }

    private void Drain(Socket socket)
    {
        var buffer = new byte[BufferSize];
        Span<byte> id = stackalloc byte[sizeof(long)];
        long total = 0;
        long end = 0;
        var reset = false;
        try
        {
            int received;
            while ((received = socket.Receive(buffer)) > 0)
            {
                if (total < id.Length)
                {
                    var header = (int)Math.Min(id.Length - total, received);
                    buffer.AsSpan(0, header).CopyTo(id[(int)total..]);
                }

                total += received;
            }

            end = Stopwatch.GetTimestamp();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            reset = true;
            end = Stopwatch.GetTimestamp();
        }
        finally
        {
            Close(socket);
        }

        if (total >= id.Length)
        {
            _transfers.Writer.TryWrite(new SinkTransfer(BinaryPrimitives.ReadInt64LittleEndian(id), total, end, reset));
        }
    }

    private async Task HoldAsync(Socket socket)
    {
        var greeted = false;
        try
        {
            int received;
            while ((received = await socket.ReceiveAsync(_sharedDiscard, SocketFlags.None)) > 0)
            {
                if (!greeted)
                {
                    greeted = true;
                    Interlocked.Increment(ref _greeted);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            Close(socket);
        }
    }

    private void Close(Socket socket)
    {
        _open.TryRemove(socket, out _);
        socket.Dispose();
    }
}
