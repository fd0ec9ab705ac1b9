using System.Net;
using System.Net.Sockets;

namespace Proxy.Tests.Support;

/// <summary>How a connection ended, as the reading side saw it.</summary>
public enum StreamEnd
{
    /// <summary>FIN: every byte the peer sent was read.</summary>
    Eof,

    /// <summary>RST (or an abort): bytes in flight may have been lost.</summary>
    Reset,
}

/// <summary>Raw socket client steps, so tests count exactly which bytes went where.</summary>
public static class TestSockets
{
    public static async Task<Socket> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Deterministic pseudo-random bytes, so a failure can be reproduced from the seed.</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Stream sockets complete a send only once every byte is handed to the kernel.</summary>
    public static async Task SendAllAsync(this Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        await socket.SendAsync(data, SocketFlags.None, cancellationToken);

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails if the connection ends first.</summary>
    public static async Task<byte[]> ReceiveExactlyAsync(this Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"connection ended after {filled} of {count} bytes");
            }

            filled += read;
        }

        return buffer;
    }

    /// <summary>Reads until the peer ends the connection, by FIN or by reset.</summary>
    public static async Task<(byte[] Data, StreamEnd End)> ReceiveToEndAsync(this Socket socket, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                return (received.ToArray(), StreamEnd.Reset);
            }

            if (read == 0)
            {
                return (received.ToArray(), StreamEnd.Eof);
            }

            received.Write(buffer, 0, read);
        }
    }

    /// <summary>
    /// Sends everything then FIN while reading to the end at the same time: an echo starts answering before
    /// the whole payload is out, and would stall against a client that only reads afterwards.
    /// </summary>
    public static async Task<(byte[] Data, StreamEnd End)> SendAllAndReceiveToEndAsync(this Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var sending = Task.Run(
            async () =>
            {
                await socket.SendAllAsync(data, cancellationToken);
                socket.Shutdown(SocketShutdown.Send);
            },
            cancellationToken);
        var received = await socket.ReceiveToEndAsync(cancellationToken);
        await sending;
        return received;
    }

    /// <summary>Sends a few bytes to an echo upstream and checks they come back: the session is up and forwarding.</summary>
    public static async Task RoundTripAsync(this Socket socket, CancellationToken cancellationToken)
    {
        var probe = RandomBytes(16, Environment.TickCount);
        await socket.SendAllAsync(probe, cancellationToken);
        var echoed = await socket.ReceiveExactlyAsync(probe.Length, cancellationToken);
        if (!echoed.AsSpan().SequenceEqual(probe))
        {
            throw new InvalidOperationException("the echo differs from what was sent");
        }
    }

    /// <summary>Closes with RST instead of FIN, as a crashed client or a killed process would.</summary>
    public static void ResetAndClose(this Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>A loopback port with nothing listening: connecting to it is refused at once.</summary>
    public static IPEndPoint ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }
}
