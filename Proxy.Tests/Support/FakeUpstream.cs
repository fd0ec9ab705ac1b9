using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Proxy.Tests.Support;

/// <summary>
/// A scripted server on 127.0.0.1 standing in for a database: each accepted connection runs the script,
/// which can do what a real server rarely does on demand (reset mid-response, answer only after EOF).
/// Disposing stops accepting, cancels running scripts and closes their sockets.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<Socket, CancellationToken, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly ConcurrentQueue<Exception> _scriptFailures = new();
    private readonly Task _acceptLoop;
    private int _accepted;
    private int _open;
    private long _bytesReceived;

    private FakeUpstream(Func<Socket, CancellationToken, Task> script, int backlog)
    {
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog);
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections whose script has not finished yet.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>What scripts counted through <see cref="CountReceived"/>.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Exceptions thrown by scripts, other than those caused by stopping.</summary>
    public IReadOnlyList<Exception> ScriptFailures => [.. _scriptFailures];

    public static FakeUpstream Start(Func<Socket, CancellationToken, Task> script, int backlog = 512) => new(script, backlog);

    /// <summary>Sends back every byte as it arrives; on EOF finishes its side too.</summary>
    public static FakeUpstream Echo(int backlog = 512)
    {
        FakeUpstream? upstream = null;
        upstream = Start(
            async (socket, cancellationToken) =>
            {
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer, cancellationToken);
                    if (read == 0)
                    {
                        socket.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    upstream!.CountReceived(read);
                    await socket.SendAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            },
            backlog);
        return upstream;
    }

    public void CountReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    /// <summary>Waits until every accepted connection's script has finished (the proxy closed its side).</summary>
    public async Task WaitUntilAllClosedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var pending = Task.WhenAll(_connections.Keys);
        try
        {
            await pending.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Open} upstream connections still open after {timeout.TotalSeconds:0.###}s");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        try
        {
            await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // A script that ignores cancellation must not hang the test run; its socket is closed below anyway.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _open);
            var connection = RunScriptAsync(socket);
            _connections.TryAdd(connection, true);
        }
    }

    private async Task RunScriptAsync(Socket socket)
    {
        // Off the accept loop, so a script that blocks does not hold back the next accept.
        await Task.Yield();
        try
        {
            await _script(socket, _stop.Token);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
            // The proxy closing or resetting the connection is an outcome a script may meet, not its failure.
        }
        catch (Exception ex)
        {
            _scriptFailures.Enqueue(ex);
        }
        finally
        {
            socket.Dispose();
            Interlocked.Decrement(ref _open);
        }
    }
}
