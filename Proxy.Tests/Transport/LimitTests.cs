using System.Diagnostics;
using System.Net.Sockets;
using Proxy.Core.Sessions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Transport;

/// <summary>The listener's idle timeout and connection limit.</summary>
[TestFixture]
public sealed class LimitTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Silent_session_is_closed_after_the_idle_timeout(CancellationToken cancellationToken)
    {
        await using var upstream = FakeUpstream.Echo();
        var options = InProcessProxy.Listener(upstream.EndPoint) with { IdleTimeout = TimeSpan.FromMilliseconds(500) };
        await using var proxy = InProcessProxy.Start(options);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.RoundTripAsync(cancellationToken);
        var (data, _) = await client.ReceiveToEndAsync(cancellationToken);

        Assert.That(data, Is.Empty);
        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(closed.Reason, Is.EqualTo(CloseReason.IdleTimeout), proxy.Describe);
            Assert.That(closed.Detail, Does.Contain("0.5s"));

            // Never before the timeout; the margin is the tick clock's granularity, not a speed allowance.
            Assert.That(closed.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450)));
            Assert.That(proxy.Errors, Is.Empty);
        }

        await upstream.WaitUntilAllClosedAsync(TimeSpan.FromSeconds(5), cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Session_with_periodic_traffic_outlives_the_idle_timeout(CancellationToken cancellationToken)
    {
        // Traffic every 100 ms against a 2 s timeout. Client, proxy and upstream share this one process:
        // with a 1 s timeout, a machine saturated by three busy loops stalled it long enough to be cut
        // about once in 75 runs. A 2 s margin leaves only a transport fault to close the session.
        var idleTimeout = TimeSpan.FromSeconds(2);
        await using var upstream = FakeUpstream.Echo();
        var options = InProcessProxy.Listener(upstream.EndPoint) with { IdleTimeout = idleTimeout };
        await using var proxy = InProcessProxy.Start(options);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        var active = Stopwatch.StartNew();
        var longestGap = TimeSpan.Zero;
        var lastTrip = TimeSpan.Zero;
        while (active.Elapsed < idleTimeout * 2)
        {
            try
            {
                await client.RoundTripAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is SocketException or EndOfStreamException)
            {
                var cut = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
                Assert.Fail($"the active session was closed after {active.Elapsed.TotalMilliseconds:0} ms ({ex.Message}, recorded as {cut.Reason}: {cut.Detail}); "
                    + $"longest gap between round trips {longestGap.TotalMilliseconds:0} ms, the last one ended at {lastTrip.TotalMilliseconds:0} ms{Environment.NewLine}{proxy.Describe()}");
            }

            longestGap = TimeSpan.FromTicks(Math.Max(longestGap.Ticks, (active.Elapsed - lastTrip).Ticks));
            lastTrip = active.Elapsed;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        Assert.That(proxy.Log.Closed, Is.Empty, proxy.Describe);
        client.Shutdown(SocketShutdown.Send);
        var (_, end) = await client.ReceiveToEndAsync(cancellationToken);

        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
        Assert.That(end, Is.EqualTo(StreamEnd.Eof), proxy.Describe);
        Assert.That(closed.Duration, Is.GreaterThan(idleTimeout));
    }

    [Test]
    [CancelAfter(15_000)]
    public async Task Connection_beyond_the_limit_is_refused_and_recorded_and_a_freed_slot_is_reused(CancellationToken cancellationToken)
    {
        await using var upstream = FakeUpstream.Echo();
        var options = InProcessProxy.Listener(upstream.EndPoint) with { MaxConnections = 2 };
        await using var proxy = InProcessProxy.Start(options);

        using var first = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var firstEndPoint = first.LocalEndPoint!;
        await first.RoundTripAsync(cancellationToken);
        using var second = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        await second.RoundTripAsync(cancellationToken);

        using var third = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var thirdEndPoint = third.LocalEndPoint!;
        var (data, _) = await third.ReceiveToEndAsync(cancellationToken);

        Assert.That(data, Is.Empty);
        var refused = await proxy.WaitForCloseAsync(thirdEndPoint, cancellationToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Reason, Is.EqualTo(CloseReason.Limit), proxy.Describe);
            Assert.That(refused.Detail, Does.Contain("limit of 2"));
            Assert.That(upstream.Accepted, Is.EqualTo(2), "a refused connection must not reach the upstream");
        }

        // The sessions within the limit are untouched by the refusal.
        await first.RoundTripAsync(cancellationToken);
        await second.RoundTripAsync(cancellationToken);

        first.Shutdown(SocketShutdown.Send);
        await first.ReceiveToEndAsync(cancellationToken);
        await proxy.WaitForCloseAsync(firstEndPoint, cancellationToken);

        // The slot is released just after the close event is written; wait for it rather than race it.
        while (proxy.Server.OpenConnections >= 2)
        {
            await Task.Delay(10, cancellationToken);
        }

        using var fourth = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var fourthEndPoint = fourth.LocalEndPoint!;
        await fourth.RoundTripAsync(cancellationToken);

        Assert.That(proxy.Log.FindOpened(fourthEndPoint), Is.Not.Null);
        Assert.That(proxy.Log.Closed.Count(c => c.Reason == CloseReason.Limit), Is.EqualTo(1), proxy.Describe);
        Assert.That(upstream.Accepted, Is.EqualTo(3));
        Assert.That(proxy.Errors, Is.Empty);
    }
}
