using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Proxy.Core.Sessions;
using Proxy.Core.Transport;
using Proxy.Tests.Support;

namespace Proxy.Tests.Transport;

/// <summary>Bytes cross the tcp listener unchanged, in both directions, and the record counts them exactly.</summary>
[TestFixture]
public sealed class PassthroughTests
{
    [Test]
    [CancelAfter(15_000)]
    public async Task Close_event_counts_exactly_the_bytes_each_side_sent(CancellationToken cancellationToken)
    {
        // Odd sizes, so an off-by-one or a lost partial segment shows in the counts.
        const int RequestLength = 70_001;
        const int ResponseLength = 1_234_567;
        var request = TestSockets.RandomBytes(RequestLength, seed: 1);
        var response = TestSockets.RandomBytes(ResponseLength, seed: 2);
        await using var upstream = FakeUpstream.Start(async (socket, token) =>
        {
            await socket.ReceiveExactlyAsync(RequestLength, token);
            await socket.SendAllAsync(response, token);
            await socket.ReceiveToEndAsync(token);
        });
        await using var proxy = InProcessProxy.Start(upstream.EndPoint);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.SendAllAsync(request, cancellationToken);
        var received = await client.ReceiveExactlyAsync(ResponseLength, cancellationToken);
        client.Shutdown(SocketShutdown.Send);
        var (rest, end) = await client.ReceiveToEndAsync(cancellationToken);

        Assert.That(received.AsSpan().SequenceEqual(response), Is.True, "response bytes differ");
        Assert.That(rest, Is.Empty);
        Assert.That(end, Is.EqualTo(StreamEnd.Eof));

        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        var opened = proxy.Log.FindOpened(clientEndPoint)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(closed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
            Assert.That(closed.BytesFromClient, Is.EqualTo(RequestLength));
            Assert.That(closed.BytesFromUpstream, Is.EqualTo(ResponseLength));
            Assert.That(closed.Duration, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(opened.Session.ClientEndpoint, Is.EqualTo(clientEndPoint.ToString()));
            Assert.That(opened.Session.UpstreamEndpoint, Is.EqualTo(upstream.EndPoint.ToString()));
            Assert.That(upstream.ScriptFailures, Is.Empty);
            Assert.That(proxy.Errors, Is.Empty);
        }
    }

    [Test]
    [CancelAfter(15_000)]
    public async Task Half_close_lets_the_upstream_answer_after_the_client_finished_sending(CancellationToken cancellationToken)
    {
        var request = TestSockets.RandomBytes(300_000, seed: 3);

        // Answers only once it has seen EOF, like a server reading a request body "until the end".
        await using var upstream = FakeUpstream.Start(async (socket, token) =>
        {
            var (all, end) = await socket.ReceiveToEndAsync(token);
            if (end != StreamEnd.Eof)
            {
                throw new InvalidOperationException("the request ended with a reset, not a FIN");
            }

            await socket.SendAllAsync(SHA256.HashData(all), token);
            await socket.SendAllAsync(all, token);
            socket.Shutdown(SocketShutdown.Send);
        });
        await using var proxy = InProcessProxy.Start(upstream.EndPoint);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.SendAllAsync(request, cancellationToken);
        client.Shutdown(SocketShutdown.Send);
        var (reply, replyEnd) = await client.ReceiveToEndAsync(cancellationToken);

        Assert.That(replyEnd, Is.EqualTo(StreamEnd.Eof));
        Assert.That(reply, Has.Length.EqualTo(32 + request.Length));
        Assert.That(reply.AsSpan(0, 32).SequenceEqual(SHA256.HashData(request)), Is.True, "the upstream saw different bytes");
        Assert.That(reply.AsSpan(32).SequenceEqual(request), Is.True, "the reply differs");

        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
        Assert.That(closed.BytesFromUpstream, Is.EqualTo(reply.Length));
        Assert.That(upstream.ScriptFailures, Is.Empty);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Full_duplex_transfer_far_beyond_the_pipe_thresholds_arrives_intact(CancellationToken cancellationToken)
    {
        // 32 MiB through pipes that pause at 1 MiB: every pause/resume path runs, in both directions at once.
        const int Length = 32 * 1024 * 1024;
        var data = TestSockets.RandomBytes(Length, seed: 8);
        await using var upstream = FakeUpstream.Echo();
        await using var proxy = InProcessProxy.Start(upstream.EndPoint);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        var (echoed, end) = await client.SendAllAndReceiveToEndAsync(data, cancellationToken);

        Assert.That(end, Is.EqualTo(StreamEnd.Eof));
        Assert.That(echoed, Has.Length.EqualTo(Length));
        Assert.That(echoed.AsSpan().SequenceEqual(data), Is.True, "echo differs");
        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
        Assert.That(closed.BytesFromClient, Is.EqualTo(Length));
        Assert.That(closed.BytesFromUpstream, Is.EqualTo(Length));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Two_hundred_concurrent_sessions_each_get_their_own_bytes_back(CancellationToken cancellationToken)
    {
        const int Sessions = 200;
        const int Length = 64 * 1024;
        await using var upstream = FakeUpstream.Echo();
        await using var proxy = InProcessProxy.Start(upstream.EndPoint);

        async Task<EndPoint> RunOneAsync(int seed)
        {
            using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
            var data = TestSockets.RandomBytes(Length, seed);

            var (echoed, end) = await client.SendAllAndReceiveToEndAsync(data, cancellationToken);

            Assert.That(end, Is.EqualTo(StreamEnd.Eof), $"session {seed}");
            Assert.That(echoed.AsSpan().SequenceEqual(data), Is.True, $"session {seed}: echo differs ({echoed.Length} of {Length} bytes)");
            return client.LocalEndPoint!;
        }

        var clients = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(RunOneAsync));

        var closed = await proxy.Log.WaitForClosedCountAsync(Sessions, TimeSpan.FromSeconds(20), cancellationToken);
        Assert.That(closed, Has.Count.EqualTo(Sessions));
        Assert.That(proxy.Log.Opened.Select(o => o.Session.ClientEndpoint), Is.EquivalentTo(clients.Select(c => c.ToString())));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(closed.Select(c => c.Reason), Is.All.EqualTo(CloseReason.ClientClosed), proxy.Describe);
            Assert.That(closed.Select(c => c.BytesFromClient), Is.All.EqualTo(Length));
            Assert.That(closed.Select(c => c.BytesFromUpstream), Is.All.EqualTo(Length));
            Assert.That(upstream.Accepted, Is.EqualTo(Sessions));
            Assert.That(upstream.BytesReceived, Is.EqualTo((long)Sessions * Length));
            Assert.That(upstream.ScriptFailures, Is.Empty);
            Assert.That(proxy.Errors, Is.Empty);
        }

        // Every slot is given back: nothing counts against the connection limit once the sessions are gone.
        while (proxy.Server.OpenConnections > 0)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Client_that_does_not_read_holds_back_the_upstream(CancellationToken cancellationToken)
    {
        // Without backpressure the proxy would buffer everything offered for a client that reads nothing.
        // With it the upstream stalls once the kernel's socket buffers (two connections, each with a send
        // and a receive buffer) and the proxy's two pipes are full.
        var bound = (2 * (MaxSocketBuffer("tcp_rmem") + MaxSocketBuffer("tcp_wmem"))) + (2 * TransportOptions.PauseWriterThreshold) + (8 << 20);
        var offered = Math.Max(128L << 20, 3 * bound);
        long sent = 0;
        await using var upstream = FakeUpstream.Start(async (socket, token) =>
        {
            var chunk = TestSockets.RandomBytes(64 * 1024, seed: 9);
            while (Interlocked.Read(ref sent) < offered)
            {
                await socket.SendAllAsync(chunk, token);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        await using var proxy = InProcessProxy.Start(upstream.EndPoint);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;

        // Wait until the upstream stops making progress (or would have sent everything).
        var last = -1L;
        while (Interlocked.Read(ref sent) is var now && now != last && now < offered)
        {
            last = now;
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        }

        TestContext.Out.WriteLine($"the upstream stalled after {Interlocked.Read(ref sent):N0} bytes");
        Assert.That(Interlocked.Read(ref sent), Is.LessThan(bound), "the proxy kept reading from the upstream for a client that read nothing");

        // And the session still works once the client does read.
        var resumed = await client.ReceiveExactlyAsync(4 * 1024 * 1024, cancellationToken);
        Assert.That(resumed.AsSpan(0, 64 * 1024).SequenceEqual(TestSockets.RandomBytes(64 * 1024, seed: 9)), Is.True);
        client.ResetAndClose();
        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Client_that_connects_and_leaves_at_once_is_recorded_with_no_bytes(CancellationToken cancellationToken)
    {
        await using var upstream = FakeUpstream.Echo();
        await using var proxy = InProcessProxy.Start(upstream.EndPoint);

        EndPoint clientEndPoint;
        using (var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken))
        {
            clientEndPoint = client.LocalEndPoint!;
        }

        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.ClientClosed), proxy.Describe);
        Assert.That(closed.BytesFromClient, Is.Zero);
        Assert.That(closed.BytesFromUpstream, Is.Zero);
        await upstream.WaitUntilAllClosedAsync(TimeSpan.FromSeconds(5), cancellationToken);
        Assert.That(proxy.Errors, Is.Empty);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Upstream_given_by_name_is_resolved_at_connect_and_recorded_by_name(CancellationToken cancellationToken)
    {
        await using var upstream = FakeUpstream.Echo();
        var byName = new DnsEndPoint("localhost", upstream.EndPoint.Port);
        await using var proxy = InProcessProxy.Start(byName);

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.RoundTripAsync(cancellationToken);
        client.Shutdown(SocketShutdown.Send);
        await client.ReceiveToEndAsync(cancellationToken);

        await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);

        // What an auditor reads: the name as configured, not DnsEndPoint.ToString()'s "Unspecified/localhost:…".
        Assert.That(proxy.Log.FindOpened(clientEndPoint)!.Session.UpstreamEndpoint, Is.EqualTo($"localhost:{upstream.EndPoint.Port}"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Unreachable_upstream_given_by_name_is_reported_by_name(CancellationToken cancellationToken)
    {
        var closedPort = TestSockets.ClosedPort();
        await using var proxy = InProcessProxy.Start(new DnsEndPoint("localhost", closedPort.Port));

        using var client = await TestSockets.ConnectAsync(proxy.EndPoint, cancellationToken);
        var clientEndPoint = client.LocalEndPoint!;
        await client.ReceiveToEndAsync(cancellationToken);

        var closed = await proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.Reason, Is.EqualTo(CloseReason.UpstreamUnreachable), proxy.Describe);
        Assert.That(closed.Detail, Does.StartWith($"localhost:{closedPort.Port}:"));
    }

    /// <summary>The largest buffer the kernel may give one TCP socket (the third field of tcp_rmem/tcp_wmem).</summary>
    private static long MaxSocketBuffer(string setting)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/sys/net/ipv4/{setting}").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 8 << 20;
        }
    }
}
