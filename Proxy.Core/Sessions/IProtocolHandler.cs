namespace Proxy.Core.Sessions;

/// <summary>
/// A protocol owns the conversation of one session: it reads what the client sends from
/// <see cref="ProxySession.Client"/>, decides, and writes to <see cref="ProxySession.Upstream"/>
/// (and back). The transport knows no protocol; it hands over connected pipes and records the outcome.
/// </summary>
public interface IProtocolHandler
{
    /// <summary>The name listeners use in configuration ("tcp", "postgres", …).</summary>
    string Name { get; }

    /// <summary>
    /// Runs the session until both directions are finished or the session is aborted. Returns normally
    /// for every ordinary end; a handler that meets bad input calls <see cref="ProxySession.Abort"/> with
    /// <see cref="CloseReason.ProtocolError"/> rather than throwing.
    /// </summary>
    Task HandleAsync(ProxySession session);
}
