using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// One TCP stream of many bytes from a source to a discarding sink: straight, through the proxy, and
/// through haproxy, interleaved round by round so drift in the machine (turbo, page cache, other
/// tenants) lands on every variant alike.
/// </summary>
internal static class BulkThroughput
{
    private const int SendChunk = 1024 * 1024;

    private static long _lastTransferId;

    /// <summary>
    /// Enough iterations of the proxy's forwarding loops for tiered compilation to reach tier 1; not
    /// capped by --bytes, so a short --quick transfer still measures compiled code.
    /// </summary>
    private const long WarmUpBytes = 256 * MacroOptions.MiB;

    public static async Task<SectionResult> RunAsync(MacroContext context)
    {
        var options = context.Options;
        using var sink = DiscardSink.Start(SinkMode.Bulk);
        var proxies = await context.StartProxiesAsync("bulk", sink.EndPoint, maxConnections: 100);
        var haproxy = await context.StartHaproxyAsync("bulk", sink.EndPoint, maxConnections: 100);
        var variants = Variant.For(sink.EndPoint, [.. proxies, haproxy]);

        foreach (var variant in variants)
        {
            var warmUp = await TransferAsync(context, sink, variant.Target, WarmUpBytes);
            MacroContext.Progress($"bulk warm-up {variant.Name}: {warmUp:0} MiB/s");
        }

        var results = await InterleavedRounds.RunAsync(context, "bulk", "MiB/s", variants, v => TransferAsync(context, sink, v.Target, options.Bytes));
        foreach (var hop in variants.Select(v => v.Hop).OfType<ChildProcess>())
        {
            await hop.StopAsync();
        }

        return new SectionResult(
            "bulk",
            $"Bulk L4 throughput: {options.Bytes / MacroOptions.MiB} MiB per transfer, one stream, {options.Rounds} rounds",
            "MiB/s",
            "direct",
            results,
            InterleavedRounds.Ratios(results, ("≥ 0.90 (goal ≥ 1.00)", 0.9)),
            []);
    }

    /// <summary>
    /// Sends <paramref name="bytes"/> and returns MiB/s, timed from the first byte sent to the sink
    /// reading the FIN — so a proxy that buffers cannot finish early by holding the tail.
    /// </summary>
    private static async Task<double> TransferAsync(MacroContext context, DiscardSink sink, IPEndPoint target, long bytes)
    {
        var id = Interlocked.Increment(ref _lastTransferId);

        // Generous against a slow machine (20 MiB/s), still bounded.
        var timeout = TimeSpan.FromSeconds(30 + (bytes / (20.0 * MacroOptions.MiB)));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.Cancel);
        limit.CancelAfter(timeout);

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(target, limit.Token);
        using var abort = limit.Token.Register(socket.Dispose);
        try
        {
            var startTimestamp = await OnThread(() => SendAll(socket, id, bytes));
            var transfer = await sink.TransferAsync(id, limit.Token);
            if (transfer.Bytes != bytes || transfer.Reset)
            {
                throw new MacroException($"bulk transfer via {target}: sent {bytes} bytes, sink received {transfer.Bytes}{(transfer.Reset ? " before a reset" : string.Empty)}");
            }

            var seconds = (transfer.EndTimestamp - startTimestamp) / (double)Stopwatch.Frequency;
            return bytes / (double)MacroOptions.MiB / seconds;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException && !context.Cancel.IsCancellationRequested)
        {
            throw new MacroException($"bulk transfer of {bytes} bytes via {target} failed or took longer than {timeout.TotalSeconds:0}s: {ex.Message}");
        }
    }

    /// <summary>Blocking sends on a dedicated thread: one syscall per MiB and no thread-pool hops.</summary>
    private static long SendAll(Socket socket, long id, long bytes)
    {
        var chunk = new byte[SendChunk];
        Random.Shared.NextBytes(chunk);
        BinaryPrimitives.WriteInt64LittleEndian(chunk, id);
        var start = Stopwatch.GetTimestamp();
        var remaining = bytes;
        while (remaining > 0)
        {
            remaining -= socket.Send(chunk, 0, (int)Math.Min(remaining, chunk.Length), SocketFlags.None);
        }

        socket.Shutdown(SocketShutdown.Send);

        // The connection is done once the peer closes its side too; waiting for that keeps one round's
        // teardown out of the next round's numbers.
        var drain = new byte[256];
        while (socket.Receive(drain) > 0)
        {
        }

        return start;
    }

    private static Task<T> OnThread<T>(Func<T> body)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                completion.SetResult(body());
            }
            catch (Exception ex)
            {
                completion.SetException(ex);
            }
        })
        { IsBackground = true, Name = "bulk source" }.Start();
        return completion.Task;
    }
}
