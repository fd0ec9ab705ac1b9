using System.IO.Pipelines;
using System.Net.Sockets;

namespace Proxy.Core.Transport;

/// <summary>
/// One TCP socket exposed as a duplex pipe, Kestrel style: a receive loop (socket → <see cref="Input"/>)
/// and a send loop (<see cref="Output"/> → socket), each paused by the pipe's thresholds so a slow peer
/// holds back a fast one instead of growing memory.
/// </summary>
internal sealed class SocketConnection : ISessionConnection
{
    private readonly Socket _socket;
    private readonly Pipe _receivePipe;
    private readonly Pipe _sendPipe;
    private readonly Action<SocketConnection, string?> _onPeerClosed;
    private readonly int _receiveSize;
    private long _bytesReceived;
    private long _bytesSent;
    private long _lastActivityTicks;
    private volatile bool _disposed;

    public SocketConnection(Socket socket, TransportOptions options, Action<SocketConnection, string?> onPeerClosed)
    {
        _socket = socket;
        _receivePipe = new Pipe(options.PipeOptions);
        _sendPipe = new Pipe(options.PipeOptions);
        _receiveSize = options.ReceiveBufferSize;
        _onPeerClosed = onPeerClosed;
        _lastActivityTicks = Environment.TickCount64;
    }

    /// <summary>What the peer sent.</summary>
    public PipeReader Input => _receivePipe.Reader;

    /// <summary>What goes to the peer. Completing it sends FIN once everything written is sent.</summary>
    public PipeWriter Output => _sendPipe.Writer;

    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    public long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary><see cref="Environment.TickCount64"/> of the last byte received or sent.</summary>
    public long LastActivityTicks => Volatile.Read(ref _lastActivityTicks);

    public Task Receiving { get; private set; } = Task.CompletedTask;

    public Task Sending { get; private set; } = Task.CompletedTask;

    public void Start()
    {
        Receiving = ReceiveLoopAsync();
        Sending = SendLoopAsync();
    }

    /// <summary>Closes the socket at once: pending and unsent data are dropped, both loops end.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _socket.Dispose();

        // A loop parked on the pipe (not on the socket) is not woken by the socket closing.
        _sendPipe.Reader.CancelPendingRead();
        _receivePipe.Writer.CancelPendingFlush();
    }

    private async Task ReceiveLoopAsync()
    {
        var writer = _receivePipe.Writer;
        Exception? error = null;
        try
        {
            var waitForData = true;
            while (true)
            {
                if (waitForData)
                {
                    // A zero-byte receive waits for data without holding a buffer, so an idle
                    // connection costs no buffer memory. Skipped after a full read: more is likely queued.
                    await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                }

                var memory = writer.GetMemory(_receiveSize);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    _onPeerClosed(this, null);
                    break;
                }

                writer.Advance(received);
                Volatile.Write(ref _bytesReceived, _bytesReceived + received);
                Volatile.Write(ref _lastActivityTicks, Environment.TickCount64);
                waitForData = received < memory.Length;

                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (SocketException ex) when (!_disposed)
        {
            _onPeerClosed(this, Describe(ex));
            error = new ConnectionResetException(Describe(ex), ex);
        }
        catch (Exception) when (_disposed)
        {
            // Closed by us; whoever closed it recorded why.
        }
        finally
        {
            await writer.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _sendPipe.Reader;
        Exception? error = null;
        var outputCompleted = false;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break;
                }

                var buffer = result.Buffer;
                try
                {
                    foreach (var segment in buffer)
                    {
                        // Socket.SendAsync on a stream socket completes only when all bytes are sent.
                        await _socket.SendAsync(segment, SocketFlags.None).ConfigureAwait(false);
                    }

                    if (!buffer.IsEmpty)
                    {
                        Volatile.Write(ref _bytesSent, _bytesSent + buffer.Length);
                        Volatile.Write(ref _lastActivityTicks, Environment.TickCount64);
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }

                if (result.IsCompleted)
                {
                    outputCompleted = true;
                    break;
                }
            }
        }
        catch (SocketException ex) when (!_disposed)
        {
            _onPeerClosed(this, Describe(ex));
            error = new ConnectionResetException(Describe(ex), ex);
        }
        catch (Exception) when (_disposed)
        {
        }
        finally
        {
            if (outputCompleted && !_disposed)
            {
                // Half-close: the writer is done, the peer sees FIN and may still answer.
                try
                {
                    _socket.Shutdown(SocketShutdown.Send);
                }
                catch (SocketException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            }

            await reader.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    private static string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.ConnectionReset => "connection reset by peer",
        SocketError.Shutdown or SocketError.ConnectionAborted => "connection aborted",
        _ => ex.Message,
    };
}

/// <summary>The peer reset the connection (RST) or it failed; distinct from an orderly FIN.</summary>
public sealed class ConnectionResetException : IOException
{
    public ConnectionResetException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ConnectionResetException()
    {
    }

    public ConnectionResetException(string message)
        : base(message)
    {
    }
}
