using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Proxy.Core.Sessions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>
/// A minimal PostgreSQL client on a raw socket, so every byte on the wire is counted by the test, and the
/// session record must count the same.
/// </summary>
[TestFixture]
public sealed class WireByteCountTests
{
    /// <summary>
    /// Which side ends a session must not be left to a race: the client either closes without Terminate
    /// (the server closes only after seeing EOF, so the client was first) or sends Terminate and waits for
    /// the server to close (PostgreSQL protocol 55.2.10, so the server was first). libpq's way, Terminate
    /// and close at once, races the server's close at layer 4; see PsqlThroughProxyTests.
    /// </summary>
    [TestCase(false, CloseReason.ClientClosed, TestName = "Close_event_counts_exactly_the_bytes_of_a_raw_client_that_closes_first")]
    [TestCase(true, CloseReason.UpstreamClosed, TestName = "Close_event_counts_exactly_the_bytes_of_a_raw_client_that_lets_the_server_close_first")]
    [CancelAfter(30_000)]
    public async Task Close_event_counts_exactly_the_bytes_a_raw_client_exchanged(bool terminate, CloseReason expected, CancellationToken cancellationToken)
    {
        var server = PostgresFixture.Server;
        await using var proxy = InProcessProxy.Start(server.EndPoint);
        using var socket = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = socket.LocalEndPoint!;
        long sent = 0;
        long received = 0;

        var startup = PostgresWireClient.Startup(("user", PostgresServer.Superuser), ("database", "postgres"));
        await socket.SendAllAsync(startup, cancellationToken);
        sent += startup.Length;
        received += await ReadUntilReadyForQueryAsync(socket, cancellationToken);

        var query = PostgresWireClient.Query("select i, md5(i::text) from generate_series(1, 500) as i");
        await socket.SendAllAsync(query, cancellationToken);
        sent += query.Length;
        var queryReply = await ReadUntilReadyForQueryAsync(socket, cancellationToken);
        received += queryReply;

        if (terminate)
        {
            byte[] terminateMessage = [(byte)'X', 0, 0, 0, 4];
            await socket.SendAllAsync(terminateMessage, cancellationToken);
            sent += terminateMessage.Length;
        }
        else
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        var (rest, end) = await socket.ReceiveToEndAsync(cancellationToken);
        received += rest.Length;
        socket.Close();

        Assert.That(queryReply, Is.GreaterThan(500 * 32), "500 rows of md5 hex came back");
        Assert.That(rest, Is.Empty);
        Assert.That(end, Is.EqualTo(StreamEnd.Eof));
        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(closed.Reason, Is.EqualTo(expected), proxy.Describe);
            Assert.That(closed.Detail, Is.Null);
            Assert.That(closed.BytesFromClient, Is.EqualTo(sent));
            Assert.That(closed.BytesFromUpstream, Is.EqualTo(received));
            Assert.That(closed.Duration, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(proxy.Log.FindOpened(clientEndPoint)!.Session.UpstreamEndpoint, Is.EqualTo(server.EndPoint.ToString()));
            Assert.That(proxy.Errors, Is.Empty);
        }
    }

    /// <summary>Reads whole backend messages until ReadyForQuery ('Z'); returns how many bytes that was.</summary>
    private static async Task<long> ReadUntilReadyForQueryAsync(Socket socket, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var header = await socket.ReceiveExactlyAsync(5, cancellationToken);
            var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
            var body = await socket.ReceiveExactlyAsync(length - 4, cancellationToken);
            total += 1 + length;
            if (header[0] == (byte)'E')
            {
                Assert.Fail($"the server answered with an error: {Encoding.UTF8.GetString(body)}");
            }

            if (header[0] == (byte)'Z')
            {
                return total;
            }
        }
    }
}
