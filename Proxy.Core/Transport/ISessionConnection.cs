using System.IO.Pipelines;

namespace Proxy.Core.Transport;

/// <summary>
/// One side of a session as a <see cref="Sessions.ProxySession"/> sees it: the duplex pipe a protocol handler
/// reads and writes, and what the session reports and awaits about the connection under it. A TCP socket
/// (<see cref="SocketConnection"/>) in the product; in-memory pipes where a whole conversation is measured
/// without the kernel.
/// </summary>
internal interface ISessionConnection : IDuplexPipe, IDisposable
{
    long BytesReceived { get; }

    /// <summary><see cref="Environment.TickCount64"/> of the last byte received or sent.</summary>
    long LastActivityTicks { get; }

    /// <summary>Completes when nothing more will be received (the peer closed, reset, or the connection was disposed).</summary>
    Task Receiving { get; }

    /// <summary>Completes when everything written has gone out, or sending failed.</summary>
    Task Sending { get; }
}
