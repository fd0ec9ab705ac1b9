using System.Net;
using System.Net.Sockets;
using Proxy.Core.Sessions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Transport;

/// <summary>Graceful shutdown: stop accepting, let open sessions finish within the drain timeout, then cut.</summary>
[TestFixture]
public sealed class ShutdownTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Session_that_finishes_within_the_drain_timeout_ends_normally(CancellationToken cancellationToken)
    {
        await using var upstream = FakeUpstream.Echo();

        // Far longer than the test needs: the session must end on its own, not be cut at the deadline.
        await using var proxy = InProcessProxy.Start(upstream.EndPoint, drainTimeout: TimeSpan.FromSeconds(30));

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.RoundTripAsync(cancellationToken);

        var stopping = proxy.Server.StopAsync(cancellationToken);
        await AssertRefusedAsync(proxy.EndPoint, cancellationToken);
        Assert.That(stopping.IsCompleted, Is.False, "StopAsync returned while a session was still open");

        // Still forwarding while draining.
        await client.RoundTripAsync(cancellationToken);
        client.Shutdown(SocketShutdown.Send);
        var (_, end) = await client.ReceiveToEndAsync(cancellationToken);
        await stopping;

        Assert.That(end, Is.EqualTo(StreamEnd.Eof));
        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
        Assert.That(proxy.Log.Flushes, Is.GreaterThan(0), "StopAsync flushes the session log");
        Assert.That(proxy.Errors, Is.Empty);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Session_still_open_after_the_drain_timeout_is_closed_with_shutdown(CancellationToken cancellationToken)
    {
        await using var upstream = FakeUpstream.Echo();
        await using var proxy = InProcessProxy.Start(upstream.EndPoint, drainTimeout: TimeSpan.FromMilliseconds(300));

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.RoundTripAsync(cancellationToken);

        await proxy.Server.StopAsync(cancellationToken);
        var (data, _) = await client.ReceiveToEndAsync(cancellationToken);

        Assert.That(data, Is.Empty);
        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.Shutdown), proxy.Describe);
        await AssertRefusedAsync(proxy.EndPoint, cancellationToken);
        await upstream.WaitUntilAllClosedAsync(TimeSpan.FromSeconds(5), cancellationToken);
        Assert.That(proxy.Errors, Is.Empty);
    }

    [Test]
    [CancelAfter(15_000)]
    public async Task Session_still_connecting_upstream_when_stop_starts_is_closed_with_shutdown(CancellationToken cancellationToken)
    {
        using var silent = await SilentUpstream.StartAsync(cancellationToken);

        // A connect timeout longer than the test: only the shutdown can end this connect.
        var options = InProcessProxy.Listener(silent.EndPoint) with { ConnectTimeout = TimeSpan.FromMinutes(5) };
        await using var proxy = InProcessProxy.Start(options, drainTimeout: TimeSpan.FromSeconds(30));

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        while (proxy.Log.FindOpened(clientEndPoint) is null)
        {
            await Task.Delay(10, cancellationToken);
        }

        await proxy.Server.StopAsync(cancellationToken);
        await client.ReceiveToEndAsync(cancellationToken);

        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.Shutdown), proxy.Describe);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Stop_without_sessions_completes_and_closes_the_port(CancellationToken cancellationToken)
    {
        await using var upstream = FakeUpstream.Echo();
        await using var proxy = InProcessProxy.Start(upstream.EndPoint, drainTimeout: TimeSpan.FromSeconds(30));

        await proxy.Server.StopAsync(cancellationToken);
        await proxy.Server.StopAsync(cancellationToken);

        await AssertRefusedAsync(proxy.EndPoint, cancellationToken);
        Assert.That(proxy.Log.Events, Is.Empty);
    }

    /// <summary>
    /// Waits until connecting is refused. A connect that races the close may still complete (and then be
    /// reset with the old accept queue); it is dropped and the check repeated.
    /// </summary>
    private static async Task AssertRefusedAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var socket = await TestSockets.ConnectAsync(endPoint, cancellationToken);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Queued just as the listening socket closed, and reset with it: not served, but not yet a refusal.
            }

            await Task.Delay(20, cancellationToken);
        }

        Assert.Fail($"{endPoint} still accepts connections after StopAsync started");
    }
}
