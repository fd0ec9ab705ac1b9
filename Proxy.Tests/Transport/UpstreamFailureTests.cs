using System.Net.Sockets;
using Proxy.Core.Sessions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Transport;

/// <summary>What a client sees, and what is recorded, when the upstream is not there or goes away.</summary>
[TestFixture]
public sealed class UpstreamFailureTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Refused_upstream_closes_the_client_and_is_recorded_as_unreachable(CancellationToken cancellationToken)
    {
        var closedPort = TestSockets.ClosedPort();
        await using var proxy = InProcessProxy.Start(closedPort);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        var (data, _) = await client.ReceiveToEndAsync(cancellationToken);

        Assert.That(data, Is.Empty);
        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(closed.Reason, Is.EqualTo(CloseReason.UpstreamUnreachable), proxy.Describe);
            Assert.That(closed.Detail, Does.Contain(closedPort.ToString()).And.Contain("refused").IgnoreCase);
            Assert.That(closed.BytesFromClient, Is.Zero);
            Assert.That(closed.BytesFromUpstream, Is.Zero);
            Assert.That(proxy.Errors, Is.Empty);
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Upstream_that_never_completes_the_handshake_is_unreachable_after_the_connect_timeout(CancellationToken cancellationToken)
    {
        using var silent = await SilentUpstream.StartAsync(cancellationToken);
        var options = InProcessProxy.Listener(silent.EndPoint) with { ConnectTimeout = TimeSpan.FromMilliseconds(300) };
        await using var proxy = InProcessProxy.Start(options);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        var (data, _) = await client.ReceiveToEndAsync(cancellationToken);

        Assert.That(data, Is.Empty);
        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.UpstreamUnreachable), proxy.Describe);
        Assert.That(closed.Detail, Does.Contain("no answer").And.Contain(silent.EndPoint.ToString()).And.Contain("0.3s"));
    }

    [TestCase(true, TestName = "Upstream_reset_mid_response_ends_the_client_and_is_recorded_as_upstream_closed")]
    [TestCase(false, TestName = "Upstream_FIN_mid_response_ends_the_client_after_every_byte_and_is_recorded_as_upstream_closed")]
    [CancelAfter(10_000)]
    public async Task Upstream_dies_mid_response(bool reset, CancellationToken cancellationToken)
    {
        var partial = TestSockets.RandomBytes(256 * 1024, seed: 4);
        await using var upstream = FakeUpstream.Start(async (socket, token) =>
        {
            await socket.ReceiveExactlyAsync(5, token);
            await socket.SendAllAsync(partial, token);
            if (reset)
            {
                socket.ResetAndClose();
            }
            else
            {
                socket.Shutdown(SocketShutdown.Both);
            }
        });
        await using var proxy = InProcessProxy.Start(upstream.EndPoint);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.SendAllAsync("query"u8.ToArray(), cancellationToken);
        var (received, end) = await client.ReceiveToEndAsync(cancellationToken);
        client.Close();

        if (reset)
        {
            // A reset discards what was still queued on the way; whatever did arrive must be an exact prefix.
            Assert.That(received, Has.Length.LessThanOrEqualTo(partial.Length));
            Assert.That(received.AsSpan().SequenceEqual(partial.AsSpan(0, received.Length)), Is.True, "received bytes are not a prefix of what was sent");
        }
        else
        {
            Assert.That(end, Is.EqualTo(StreamEnd.Eof));
            Assert.That(received.AsSpan().SequenceEqual(partial), Is.True, $"received {received.Length} of {partial.Length} bytes");
        }

        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(closed.Reason, Is.EqualTo(CloseReason.UpstreamClosed), proxy.Describe);
            Assert.That(closed.BytesFromClient, Is.EqualTo(5));
            Assert.That(closed.BytesFromUpstream, Is.LessThanOrEqualTo(partial.Length));
            if (reset)
            {
                Assert.That(closed.Detail, Does.Contain("reset"));
            }
            else
            {
                Assert.That(closed.BytesFromUpstream, Is.EqualTo(partial.Length));
                Assert.That(closed.Detail, Is.Null);
            }

            Assert.That(proxy.Errors, Is.Empty);
        }
    }
}
