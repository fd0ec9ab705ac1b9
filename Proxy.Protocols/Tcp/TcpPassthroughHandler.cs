using System.Buffers;
using System.IO.Pipelines;
using Proxy.Core.Sessions;

namespace Proxy.Protocols.Tcp;

/// <summary>
/// Layer 4: bytes pass unchanged in both directions. A FIN from one side is passed on as a FIN to the
/// other (half-close), so request/response protocols that close their sending side still get answers.
/// </summary>
internal sealed class TcpPassthroughHandler : IProtocolHandler
{
    public string Name => "tcp";

    public Task HandleAsync(ProxySession session) => Task.WhenAll(
        ForwardAsync(session.Client.Input, session.Upstream.Output, session, CloseReason.ClientClosed),
        ForwardAsync(session.Upstream.Input, session.Client.Output, session, CloseReason.UpstreamClosed));

    private static async Task ForwardAsync(PipeReader source, PipeWriter destination, ProxySession session, CloseReason sourceFailure)
    {
        try
        {
            while (true)
            {
                var result = await source.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    destination.Write(segment.Span);
                }

                source.AdvanceTo(buffer.End);
                var flush = await destination.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    // The destination socket failed: its loop already recorded why. Tear down both ways.
                    session.Abort(sourceFailure == CloseReason.ClientClosed ? CloseReason.UpstreamClosed : CloseReason.ClientClosed);
                    return;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            // An orderly end on one side: pass the FIN on and let the other direction finish.
            await source.CompleteAsync().ConfigureAwait(false);
            await destination.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // A reset on the source: a half-close would hide it, so the whole session ends now.
            session.Abort(sourceFailure, ex.Message);
        }
    }
}
