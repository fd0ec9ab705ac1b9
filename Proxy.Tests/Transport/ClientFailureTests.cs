using System.Net.Sockets;
using Proxy.Core.Sessions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Transport;

[TestFixture]
public sealed class ClientFailureTests
{
    private const byte Stream = (byte)'S';
    private const byte Echo = (byte)'E';

    [Test]
    [CancelAfter(15_000)]
    public async Task Client_reset_mid_transfer_is_recorded_as_client_closed_and_the_proxy_keeps_serving(CancellationToken cancellationToken)
    {
        // The first byte picks the behaviour: stream without end, or echo until EOF.
        await using var upstream = FakeUpstream.Start(async (socket, token) =>
        {
            var command = (await socket.ReceiveExactlyAsync(1, token))[0];
            var buffer = TestSockets.RandomBytes(64 * 1024, seed: 5);
            if (command == Stream)
            {
                while (true)
                {
                    await socket.SendAllAsync(buffer, token);
                }
            }

            while (await socket.ReceiveAsync(buffer, token) is var read and > 0)
            {
                await socket.SendAllAsync(buffer.AsMemory(0, read), token);
            }

            socket.Shutdown(SocketShutdown.Send);
        });
        await using var proxy = InProcessProxy.Start(upstream.EndPoint);

        var vanishing = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var vanishingEndPoint = vanishing.LocalEndPoint!;
        await vanishing.SendAllAsync(new[] { Stream }, cancellationToken);
        await vanishing.ReceiveExactlyAsync(1024 * 1024, cancellationToken);
        vanishing.ResetAndClose();

        var closed = await proxy.WaitForCloseAsync(vanishingEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
        Assert.That(closed.BytesFromClient, Is.EqualTo(1));
        Assert.That(closed.BytesFromUpstream, Is.GreaterThanOrEqualTo(1024 * 1024));

        // The streaming upstream connection is closed too, not left pumping into a dead session.
        await upstream.WaitUntilAllClosedAsync(TimeSpan.FromSeconds(5), cancellationToken);

        using var next = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var nextEndPoint = next.LocalEndPoint!;
        var payload = TestSockets.RandomBytes(100_000, seed: 6);
        await next.SendAllAsync(new[] { Echo }, cancellationToken);
        await next.SendAllAsync(payload, cancellationToken);
        var echoed = await next.ReceiveExactlyAsync(payload.Length, cancellationToken);
        next.Shutdown(SocketShutdown.Send);
        var (_, end) = await next.ReceiveToEndAsync(cancellationToken);

        Assert.That(echoed.AsSpan().SequenceEqual(payload), Is.True, "echo differs");
        Assert.That(end, Is.EqualTo(StreamEnd.Eof));
        var nextClosed = await proxy.WaitForCloseAsync(nextEndPoint, cancellationToken);
        Assert.That(nextClosed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
        Assert.That(upstream.ScriptFailures, Is.Empty);
        Assert.That(proxy.Errors, Is.Empty);
    }
}
