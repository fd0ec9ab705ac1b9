using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Proxy.Core.Transport;

namespace Proxy.Benchmarks.Pump;

/// <summary>
/// The layer-4 data path without sockets: what one received chunk costs between the receive loop of one
/// <see cref="SocketConnection"/> and the send loop of the other. <see cref="PipeOnly"/> is the floor
/// (one pipe, written and read); <see cref="Forward"/> adds the hop through the protocol handler, so the
/// difference is what forwarding itself costs. Both use the transport's own <see cref="PipeOptions"/>.
/// </summary>
/// <remarks>
/// Everything here completes synchronously (inline schedulers, payload below the pause threshold); a
/// call that would have to wait throws instead of being timed as something it is not.
/// </remarks>
public class PipeForwardingBenchmarks
{
    private byte[] _payload = [];
    private Pipe _received = null!;
    private Pipe _toSend = null!;

    [Params(1024, 64 * 1024)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[PayloadSize];
        new Random(42).NextBytes(_payload);
        _received = new Pipe(TransportOptions.Default.PipeOptions);
        _toSend = new Pipe(TransportOptions.Default.PipeOptions);
    }

    [Benchmark(Baseline = true)]
    public long PipeOnly()
    {
        Receive(_received.Writer, _payload);
        return Send(_received.Reader);
    }

    [Benchmark]
    public long Forward()
    {
        Receive(_received.Writer, _payload);
        ForwardOnce(_received.Reader, _toSend.Writer);
        return Send(_toSend.Reader);
    }

    /// <summary>As SocketConnection's receive loop fills its pipe: GetMemory, copy in, Advance, Flush.</summary>
    private static void Receive(PipeWriter writer, byte[] payload)
    {
        var memory = writer.GetMemory(TransportOptions.Default.ReceiveBufferSize);
        var offset = 0;
        while (offset < payload.Length)
        {
            // A socket receive returns at most what the buffer holds; the rest comes in the next one.
            var chunk = Math.Min(memory.Length, payload.Length - offset);
            payload.AsSpan(offset, chunk).CopyTo(memory.Span);
            writer.Advance(chunk);
            offset += chunk;
            if (offset < payload.Length)
            {
                memory = writer.GetMemory(TransportOptions.Default.ReceiveBufferSize);
            }
        }

        Completed(writer.FlushAsync());
    }

    /// <summary>
    /// One iteration of TcpPassthroughHandler.ForwardAsync: read, write every segment, advance, flush.
    /// Kept line for line with the handler so a change there is a change here.
    /// </summary>
    private static void ForwardOnce(PipeReader source, PipeWriter destination)
    {
        var result = Completed(source.ReadAsync());
        var buffer = result.Buffer;
        foreach (var segment in buffer)
        {
            destination.Write(segment.Span);
        }

        source.AdvanceTo(buffer.End);
        Completed(destination.FlushAsync());
    }

    /// <summary>As SocketConnection's send loop drains its pipe, with the socket send left out.</summary>
    private static long Send(PipeReader reader)
    {
        var result = Completed(reader.ReadAsync());
        var buffer = result.Buffer;
        long length = 0;
        foreach (var segment in buffer)
        {
            length += segment.Length;
        }

        reader.AdvanceTo(buffer.End);
        return length;
    }

    private static T Completed<T>(ValueTask<T> pending) =>
        pending.IsCompletedSuccessfully
            ? pending.Result
            : throw new InvalidOperationException("the pipe would have waited; this benchmark only measures the synchronous path");
}
