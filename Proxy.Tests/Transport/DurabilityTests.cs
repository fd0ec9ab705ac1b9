using System.Net.Sockets;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Transport;

/// <summary>Strict durability: nothing is forwarded for a session whose opening could not be committed.</summary>
[TestFixture]
public sealed class DurabilityTests
{
    private const string Fault = "disk I/O error (injected by the test)";

    [Test]
    [CancelAfter(10_000)]
    public async Task Strict_durability_with_a_faulted_log_refuses_the_connection_before_a_byte_is_forwarded(CancellationToken cancellationToken)
    {
        var log = new RecordingSessionLog(Durability.Strict);
        log.Fail(Fault);
        await using var upstream = FakeUpstream.Echo();
        await using var proxy = InProcessProxy.Start(upstream.EndPoint, log);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        try
        {
            await client.SendAllAsync(TestSockets.RandomBytes(1000, seed: 7), cancellationToken);
        }
        catch (SocketException)
        {
            // The refusal may already have closed the connection.
        }

        var (data, _) = await client.ReceiveToEndAsync(cancellationToken);
        Assert.That(data, Is.Empty);

        // Nothing was committed, but both events are kept for when the log recovers: the record says who
        // was refused, from where.
        var closed = (await log.WaitForClosedCountAsync(1, TimeSpan.FromSeconds(10), cancellationToken)).Single();
        var opened = log.FindOpened(client.LocalEndPoint!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(closed.Reason, Is.EqualTo(CloseReason.SessionLogUnavailable), proxy.Describe);
            Assert.That(opened?.Session.Id, Is.EqualTo(closed.Id));
            Assert.That(closed.Detail, Is.EqualTo(Fault));
            Assert.That(closed.BytesFromClient, Is.Zero);
            Assert.That(closed.BytesFromUpstream, Is.Zero);
            Assert.That(log.Events.Where(e => e.Committed), Is.Empty);
            Assert.That(log.Health.IsHealthy, Is.False);
            Assert.That(log.Health.Fault, Is.EqualTo(Fault));
            Assert.That(upstream.Accepted, Is.Zero, "the upstream was connected for a refused session");
            Assert.That(upstream.BytesReceived, Is.Zero);
        }

        // Once the log is writable again, sessions are accepted again.
        log.Recover();
        using var next = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var nextEndPoint = next.LocalEndPoint!;
        await next.RoundTripAsync(cancellationToken);
        next.Shutdown(SocketShutdown.Send);
        await next.ReceiveToEndAsync(cancellationToken);

        var nextClosed = await proxy.WaitForCloseAsync(nextEndPoint, cancellationToken);
        Assert.That(nextClosed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
        Assert.That(upstream.Accepted, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Strict_durability_commits_the_open_event_before_forwarding(CancellationToken cancellationToken)
    {
        var log = new RecordingSessionLog(Durability.Strict);
        await using var upstream = FakeUpstream.Echo();
        await using var proxy = InProcessProxy.Start(upstream.EndPoint, log);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.RoundTripAsync(cancellationToken);

        var opened = log.Events.Single(e => e.Event is SessionOpened);
        Assert.That(opened.Committed, Is.True);
        Assert.That(((SessionOpened)opened.Event).Session.ClientEndpoint, Is.EqualTo(clientEndPoint.ToString()));

        client.Shutdown(SocketShutdown.Send);
        await client.ReceiveToEndAsync(cancellationToken);
        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
    }
}
