using System.Net;
using System.Net.Sockets;

namespace Proxy.Tests.Support;

/// <summary>
/// An address where a TCP connect neither succeeds nor fails: a listener that never accepts, with its
/// accept queue full. Linux then drops further SYNs without answering (no RST), so a connecting client
/// waits until its own timeout. Deterministic, and loopback only.
/// </summary>
public sealed class SilentUpstream : IDisposable
{
    private const int MaxAttempts = 16;

    private readonly Socket _listener;
    private readonly List<Socket> _queued;

    private SilentUpstream(Socket listener, List<Socket> queued)
    {
        _listener = listener;
        _queued = queued;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public static async Task<SilentUpstream> StartAsync(CancellationToken cancellationToken)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;

        // Connect until a connect hangs: the connections before it fill the accept queue.
        var queued = new List<Socket>();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var hang = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            hang.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                await socket.ConnectAsync(endPoint, hang.Token);
                queued.Add(socket);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                return new SilentUpstream(listener, queued);
            }
        }

        new SilentUpstream(listener, queued).Dispose();
        throw new InvalidOperationException($"the accept queue of {endPoint} never filled after {MaxAttempts} connections; cannot make a connect hang");
    }

    public void Dispose()
    {
        foreach (var socket in _queued)
        {
            socket.Dispose();
        }

        _listener.Dispose();
    }
}
