using System.IO.Pipelines;
using System.Net;
using Proxy.Core.SessionLog;
using Proxy.Core.Transport;

namespace Proxy.Core.Sessions;

/// <summary>
/// One client connection and its upstream connection, as a protocol handler sees them: the two duplex
/// pipes plus who and where. The transport owns the sockets; the handler owns the conversation.
/// </summary>
public sealed class ProxySession
{
    private readonly ISessionConnection _client;
    private readonly ISessionConnection _upstream;
    private readonly CancellationTokenSource _aborted = new();
    private int _closeReason;
    private string? _closeDetail;

    internal ProxySession(
        SessionInfo info,
        ListenerOptions listener,
        ISessionConnection client,
        ISessionConnection upstream,
        IPEndPoint clientEndPoint,
        EndPoint upstreamEndPoint,
        ISessionLog log)
    {
        Info = info;
        Listener = listener;
        _client = client;
        _upstream = upstream;
        ClientEndPoint = clientEndPoint;
        UpstreamEndPoint = upstreamEndPoint;
        Log = log;
    }

    public string Id => Info.Id;

    public SessionInfo Info { get; }

    public ListenerOptions Listener { get; }

    public IPEndPoint ClientEndPoint { get; }

    public EndPoint UpstreamEndPoint { get; }

    /// <summary>Bytes from the client; write here what goes back to it.</summary>
    public IDuplexPipe Client => _client;

    /// <summary>Bytes from the upstream; write here what goes to it.</summary>
    public IDuplexPipe Upstream => _upstream;

    /// <summary>Who the client is, once a protocol has learned it (null at layer 4).</summary>
    public string? Identity { get; set; }

    public ISessionLog Log { get; }

    /// <summary>
    /// Completes when the client's side of the connection has ended (it closed or reset it), whether or not the
    /// handler has read everything yet: how a handler that is waiting, not reading, learns the client left.
    /// </summary>
    public Task ClientEnded => _client.Receiving;

    /// <summary>Cancelled when the session is aborted (idle timeout, shutdown, a fault).</summary>
    public CancellationToken Aborted => _aborted.Token;

    public CloseReason CloseReason => (CloseReason)Volatile.Read(ref _closeReason);

    public string? CloseDetail => Volatile.Read(ref _closeDetail);

    internal long LastActivityTicks => Math.Max(_client.LastActivityTicks, _upstream.LastActivityTicks);

    internal long BytesFromClient => _client.BytesReceived;

    internal long BytesFromUpstream => _upstream.BytesReceived;

    /// <summary>Records why the session ends, unless an earlier cause was already recorded.</summary>
    public bool TrySetCloseReason(CloseReason reason, string? detail = null)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, (int)CloseReason.None) != (int)CloseReason.None)
        {
            return false;
        }

        Volatile.Write(ref _closeDetail, detail);
        return true;
    }

    /// <summary>Ends the session now: both sockets are closed and whatever is unsent is dropped.</summary>
    public void Abort(CloseReason reason, string? detail = null)
    {
        TrySetCloseReason(reason, detail);
        _client.Dispose();
        _upstream.Dispose();
        try
        {
            _aborted.Cancel();
        }
        catch (AggregateException)
        {
            // A handler's cancellation callback failed; the session is ending regardless.
        }
    }

    /// <summary>
    /// After the handler returns: lets what it wrote reach both peers, then closes both sockets.
    /// </summary>
    internal async Task CloseAsync()
    {
        await _client.Output.CompleteAsync().ConfigureAwait(false);
        await _upstream.Output.CompleteAsync().ConfigureAwait(false);
        await _client.Input.CompleteAsync().ConfigureAwait(false);
        await _upstream.Input.CompleteAsync().ConfigureAwait(false);
        await Task.WhenAll(_client.Sending, _upstream.Sending).ConfigureAwait(false);
        _client.Dispose();
        _upstream.Dispose();
        await Task.WhenAll(_client.Receiving, _upstream.Receiving).ConfigureAwait(false);
    }
}
