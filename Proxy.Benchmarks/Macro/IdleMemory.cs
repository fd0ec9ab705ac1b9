using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// What an open but silent connection costs: the hop's resident memory before and after thousands of
/// clients connect through it, each sending a few bytes (so the session is fully set up, upstream
/// connected and one message forwarded) and then nothing.
/// </summary>
internal static class IdleMemory
{
    public const double TargetKiBPerConnection = 64;

    private const int WarmUpConnections = 50;
    private const int ConnectConcurrency = 100;
    private static readonly byte[] Greeting = "idle connection\n"u8.ToArray();

    public static async Task<SectionResult> RunAsync(MacroContext context)
    {
        var count = context.Options.IdleConnections;

        // The harness holds both ends it owns (client and sink) of every connection. The .NET runtime
        // raises its soft RLIMIT_NOFILE to the hard limit at start, and the proxy inherits that, so only
        // the hard limit can be too low; `ulimit -Hn` in the shell that runs this is the fix.
        var needed = (2L * count) + 256;
        var limit = ProcStats.OpenFilesLimit();
        if (limit < needed)
        {
            throw new MacroException($"{count} idle connections need about {needed} open files here, the limit is {limit}: raise it (ulimit -n {needed}) or pass --idle-connections {Math.Max(1, (limit - 256) / 2)}");
        }

        using var sink = DiscardSink.Start(SinkMode.Hold);
        var proxies = await context.StartProxiesAsync("idle", sink.EndPoint, maxConnections: Math.Max(5000, count + 100));
        var haproxy = await context.StartHaproxyAsync("idle", sink.EndPoint, maxConnections: count + 100);

        var results = new List<VariantResult>();
        var notes = new List<string>();
        foreach (var hop in proxies.Append(haproxy))
        {
            var (before, after) = await MeasureAsync(context, sink, hop, count);
            var kibPerConnection = (after - before) / 1024.0 / count;
            var peak = hop.Process.Stats().PeakRssBytes / (double)MacroOptions.MiB;
            results.Add(VariantResult.From(hop.Variant, [kibPerConnection], reference: null, peakRssMiB: peak));
            notes.Add($"{hop.Variant}: VmRSS {before / (double)MacroOptions.MiB:0.0} MiB before, {after / (double)MacroOptions.MiB:0.0} MiB with {count} idle connections.");
            MacroContext.Progress($"idle {hop.Variant}: {kibPerConnection:0.0} KiB per connection");
            await hop.Process.StopAsync();
        }

        var haproxyKiB = results[^1].Median;
        var ratios = new List<RatioResult>();
        foreach (var build in results.SkipLast(1))
        {
            ratios.Add(new RatioResult($"{build.Variant} KiB per idle connection", build.Median, $"≤ {TargetKiBPerConnection:0}", build.Median <= TargetKiBPerConnection));
            ratios.Add(new RatioResult($"{build.Variant} / haproxy", build.Median / haproxyKiB, null, null));
        }

        return new SectionResult(
            "idle",
            $"Idle connections: {count} held open, resident memory per connection",
            "KiB/conn",
            null,
            results,
            ratios,
            notes);
    }

    private static async Task<(long Before, long After)> MeasureAsync(MacroContext context, DiscardSink sink, MiddleHop hop, int count)
    {
        // A first batch runs the session code once (JIT, pools, the session log's first writes) so the
        // baseline is a warm process and the delta is only what the connections hold.
        await using (var warmUp = new ClientSet())
        {
            var greeted = sink.Greeted;
            await warmUp.OpenAsync(hop.Listen, WarmUpConnections, context.Cancel);
            await WaitUntilAsync(() => sink.Greeted >= greeted + WarmUpConnections, "warm-up connections to reach the sink", hop, context.Cancel);
        }

        await WaitUntilAsync(() => sink.Open == 0, "warm-up connections to close", hop, context.Cancel);
        await Task.Delay(TimeSpan.FromSeconds(1), context.Cancel);
        var before = hop.Process.Stats().RssBytes;

        await using var clients = new ClientSet();
        var greetedBefore = sink.Greeted;
        await clients.OpenAsync(hop.Listen, count, context.Cancel);
        await WaitUntilAsync(() => sink.Greeted >= greetedBefore + count, $"{count} connections to reach the sink", hop, context.Cancel);

        // Let anything the connections set off (log writes, timers) happen before reading.
        await Task.Delay(TimeSpan.FromSeconds(2), context.Cancel);
        var after = hop.Process.Stats().RssBytes;
        if (sink.Open < count)
        {
            throw new MacroException($"{hop.Variant}: only {sink.Open} of {count} connections were still open upstream when memory was read");
        }

        await clients.DisposeAsync();
        await WaitUntilAsync(() => sink.Open == 0, "idle connections to close", hop, context.Cancel);
        return (before, after);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, MiddleHop hop, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (!condition())
        {
            if (hop.Process.HasExited)
            {
                throw new MacroException($"{hop.Process.Name} exited while waiting for {what}:\n{hop.Process.Tail()}");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new MacroException($"{hop.Variant}: gave up after 60s waiting for {what}:\n{hop.Process.Tail()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Client sockets that each connected and said hello, closed together (also on failure).</summary>
    private sealed class ClientSet : IAsyncDisposable
    {
        private readonly List<Socket> _sockets = [];
        private readonly Lock _socketsLock = new();

        public async Task OpenAsync(IPEndPoint target, int count, CancellationToken cancellationToken)
        {
            for (var opened = 0; opened < count; opened += ConnectConcurrency)
            {
                var batch = Enumerable.Range(0, Math.Min(ConnectConcurrency, count - opened))
                    .Select(_ => ConnectAsync(target, cancellationToken));
                await Task.WhenAll(batch);
            }
        }

        public ValueTask DisposeAsync()
        {
            lock (_socketsLock)
            {
                foreach (var socket in _sockets)
                {
                    socket.Dispose();
                }

                _sockets.Clear();
            }

            return ValueTask.CompletedTask;
        }

        private async Task ConnectAsync(IPEndPoint target, CancellationToken cancellationToken)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            lock (_socketsLock)
            {
                _sockets.Add(socket);
            }

            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(TimeSpan.FromSeconds(10));
                await socket.ConnectAsync(target, limit.Token);
                await socket.SendAsync(Greeting, SocketFlags.None, limit.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new MacroException($"could not open an idle connection through {target}: {ex.Message}");
            }
        }
    }
}
