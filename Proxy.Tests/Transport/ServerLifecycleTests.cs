using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.Policy;
using Proxy.Core.Sessions;
using Proxy.Core.Transport;
using Proxy.Protocols;
using Proxy.Tests.Support;

namespace Proxy.Tests.Transport;

/// <summary>Start, stop and dispose of the server as a host calls them: concurrently, twice, on a taken port.</summary>
[TestFixture]
public sealed class ServerLifecycleTests
{
    [Test]
    [CancelAfter(15_000)]
    public async Task Second_stop_completes_only_when_the_server_has_stopped(CancellationToken cancellationToken)
    {
        await using var upstream = FakeUpstream.Echo();
        await using var proxy = InProcessProxy.Start(upstream.EndPoint, drainTimeout: TimeSpan.FromMilliseconds(500));
        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.RoundTripAsync(cancellationToken);

        // A host's signal handler and its main path may both stop the server; neither may return early.
        var first = proxy.Server.StopAsync(cancellationToken);
        await proxy.Server.StopAsync(cancellationToken);

        Assert.That(first.IsCompleted, Is.True, "the second StopAsync returned while the first was still draining");
        Assert.That(proxy.Log.Closed.SingleOrDefault(c => c.SessionId == proxy.Log.FindOpened(clientEndPoint)?.Session.Id)?.Reason, Is.EqualTo(CloseReason.Shutdown), proxy.Describe);
        await first;
    }

    [Test]
    [CancelAfter(15_000)]
    public async Task Dispose_while_stopping_waits_for_the_stop_and_does_not_fault_it(CancellationToken cancellationToken)
    {
        await using var upstream = FakeUpstream.Echo();
        var proxy = InProcessProxy.Start(upstream.EndPoint, drainTimeout: TimeSpan.FromMilliseconds(500));
        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        await client.RoundTripAsync(cancellationToken);

        var stopping = proxy.Server.StopAsync(cancellationToken);
        await proxy.DisposeAsync();

        Assert.That(stopping.IsCompleted, Is.True, "DisposeAsync returned while StopAsync was still draining");
        Assert.That(async () => await stopping, Throws.Nothing);
    }

    [Test]
    [CancelAfter(15_000)]
    public async Task Start_fails_when_a_port_is_taken_and_leaves_nothing_listening(CancellationToken cancellationToken)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var free = TestSockets.ClosedPort();
        var upstream = TestSockets.ClosedPort();
        var first = InProcessProxy.Listener(upstream) with { Name = "first", Listen = free };
        var second = InProcessProxy.Listener(upstream) with { Name = "second", Listen = (IPEndPoint)taken.LocalEndpoint };
        var services = new ProtocolServices { Policy = PolicyStore.AllowEverything(), LoggerFactory = NullLoggerFactory.Instance };
        await using var server = new ProxyServer(
            [(first, ProtocolCatalog.Create(first, services)), (second, ProtocolCatalog.Create(second, services))],
            new RecordingSessionLog(),
            NullLoggerFactory.Instance,
            TimeSpan.FromSeconds(1));

        var failure = Assert.Throws<SocketException>(server.Start);
        Assert.That(failure!.SocketErrorCode, Is.EqualTo(SocketError.AddressAlreadyInUse));

        var refused = Assert.ThrowsAsync<SocketException>(async () => (await TestSockets.ConnectAsync(free, cancellationToken)).Dispose());
        Assert.That(refused!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused), "the listener that did bind was left open");
    }
}
