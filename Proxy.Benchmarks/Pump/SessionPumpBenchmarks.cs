using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Proxy.Benchmarks.Statements;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;
using Proxy.Core.Transport;
using Proxy.Protocols.Tcp;

namespace Proxy.Benchmarks.Pump;

/// <summary>
/// One pgbench -S transaction through a whole session, the kernel left out: the client's messages go into the
/// session's client pipe, what the proxy sends upstream is taken from its upstream pipe, the server's answer goes
/// in there, and what the proxy sends back is taken from the client pipe. Everything between is the product's
/// own code: the session and its handler, with the transport's pipe options and the policies/ directory this
/// repository ships. <see cref="Layer4"/> (the tcp handler) is the baseline; <see cref="Layer7"/> is the
/// PostgreSQL conversation, whose every statement is framed, decided, matched to its answer and recorded. The
/// difference is what layer 7 adds to a transaction on the socket threads; the session log's writer is measured
/// apart (<c>writer-cpu</c>, SessionLog/), so events here go to a log that only counts them.
/// </summary>
/// <remarks>
/// Everything completes synchronously (inline schedulers, answers below the pause threshold): a step that would
/// have to wait throws instead of being timed as something it is not.
/// </remarks>
public class SessionPumpBenchmarks
{
    private readonly byte[][] _requests = new byte[16][];
    private byte[] _answer = [];
    private Session _layer4 = null!;
    private Session _layer7 = null!;
    private int _next;

    /// <summary>pgbench's -M: a new literal in every Query, an unnamed Parse per transaction, or a statement prepared once.</summary>
    [Params("simple", "extended", "prepared")]
    public string Mode { get; set; } = "simple";

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < _requests.Length; i++)
        {
            _requests[i] = Request(Mode, 1 + (i * 62_347));
        }

        _answer = Answer(Mode);
        _layer4 = Session.Start(new TcpPassthroughHandler(), setup: null);
        _layer7 = Session.Start(Pgbench.ShippedHandler(), Mode == "prepared" ? Pgbench.Message('P', "P0_1\0"u8.ToArray(), Encoding.UTF8.GetBytes($"{Pgbench.Select}$1\0"), [0, 0]) : null);

        // Both hops must pass the transaction through byte for byte (Take checks), and layer 7 must record it.
        foreach (var session in new[] { _layer4, _layer7 })
        {
            session.Exchange(_requests[0], _answer, check: true);
        }

        if (_layer7.Log.Statements != 1)
        {
            throw new InvalidOperationException($"{Mode}: layer 7 recorded {_layer7.Log.Statements} statements for one transaction");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _layer4.Dispose();
        _layer7.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long Layer4() => _layer4.Exchange(_requests[_next++ & 15], _answer).Answered;

    [Benchmark]
    public long Layer7() => _layer7.Exchange(_requests[_next++ & 15], _answer).Answered;

    /// <summary>What pgbench -S sends per transaction, as libpq frames it (seen with strace on pgbench).</summary>
    private static byte[] Request(string mode, int aid) => mode switch
    {
        "simple" => Pgbench.Message('Q', Encoding.UTF8.GetBytes($"{Pgbench.Select}{aid};\0")),
        "extended" => [
            .. Pgbench.Message('P', "\0"u8.ToArray(), Encoding.UTF8.GetBytes($"{Pgbench.Select}$1;\0"), [0, 0]),
            .. BindDescribeExecuteSync(""u8, aid),
        ],
        "prepared" => BindDescribeExecuteSync("P0_1"u8, aid),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "simple, extended or prepared"),
    };

    private static byte[] BindDescribeExecuteSync(ReadOnlySpan<byte> statement, int aid)
    {
        var value = Encoding.UTF8.GetBytes(aid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return [
            .. Pgbench.Message('B', "\0"u8.ToArray(), [.. statement, 0], [0, 0, 0, 1], Pgbench.Int32(value.Length), value, [0, 0]),
            .. Pgbench.Message('D', "P\0"u8.ToArray()),
            .. Pgbench.Message('E', "\0"u8.ToArray(), Pgbench.Int32(0)),
            .. Pgbench.Message('S'),
        ];
    }

    /// <summary>PostgreSQL's answer: one int4 row (abalance), in text.</summary>
    private static byte[] Answer(string mode)
    {
        byte[] rows = [
            .. Pgbench.Message('T', [0, 1], "abalance\0"u8.ToArray(), Pgbench.Int32(16_397), [0, 3], Pgbench.Int32(23), [0, 4], Pgbench.Int32(-1), [0, 0]),
            .. Pgbench.Message('D', [0, 1], Pgbench.Int32(1), "0"u8.ToArray()),
            .. Pgbench.Message('C', "SELECT 1\0"u8.ToArray()),
            .. Pgbench.Message('Z', "I"u8.ToArray()),
        ];
        return mode switch
        {
            "simple" => rows,
            "extended" => [.. Pgbench.Message('1'), .. Pgbench.Message('2'), .. rows],
            _ => [.. Pgbench.Message('2'), .. rows],
        };
    }

    /// <summary>A session over in-memory connections, started through its handler as a listener starts it.</summary>
    private sealed class Session : IDisposable
    {
        private readonly InMemoryConnection _client = new();
        private readonly InMemoryConnection _upstream = new();
        private readonly ProxySession _session;
        private readonly Task _handling;

        private Session(IProtocolHandler handler)
        {
            var listener = new ListenerOptions
            {
                Name = "bench",
                Protocol = handler.Name,
                Listen = new IPEndPoint(IPAddress.Loopback, 0),
                Upstream = new IPEndPoint(IPAddress.Loopback, 5432),
            };
            var info = new SessionInfo("bench-session", listener.Name, handler.Name, "127.0.0.1:40000", "127.0.0.1:5432", DateTimeOffset.UtcNow);
            _session = new ProxySession(info, listener, _client, _upstream, new IPEndPoint(IPAddress.Loopback, 40000), listener.Upstream, Log);
            _handling = handler.HandleAsync(_session);
        }

        public CountingSessionLog Log { get; } = new();

        /// <summary>The session after its startup (and <paramref name="setup"/>, a prepared statement's Parse, answered).</summary>
        public static Session Start(IProtocolHandler handler, byte[]? setup)
        {
            var session = new Session(handler);
            byte[] startup = [.. Pgbench.Int32(0), .. Pgbench.Int32(196_608), .. "user\0bench\0database\0bench\0\0"u8];
            BinaryPrimitives.WriteInt32BigEndian(startup, startup.Length);
            byte[] secret = [1, 2, 3, 4];
            session.Exchange(startup, [
                .. Pgbench.Message('R', Pgbench.Int32(0)),
                .. Pgbench.Message('S', "client_encoding\0UTF8\0"u8.ToArray()),
                .. Pgbench.Message('K', Pgbench.Int32(4242), secret),
                .. Pgbench.Message('Z', "I"u8.ToArray()),
            ]);
            if (setup is not null)
            {
                session.Exchange([.. setup, .. Pgbench.Message('S')], [.. Pgbench.Message('1'), .. Pgbench.Message('Z', "I"u8.ToArray())]);
            }

            return session;
        }

        /// <summary>
        /// The request in, through the hop, the answer back: the bytes the hop sent each way. With
        /// <paramref name="check"/>, what it sent must be the request and the answer exactly.
        /// </summary>
        public (long Sent, long Answered) Exchange(byte[] request, byte[] answer, bool check = false)
        {
            _client.Deliver(request);
            var sent = _upstream.Take(check ? request : null);
            _upstream.Deliver(answer);
            return (sent, _client.Take(check ? answer : null));
        }

        public void Dispose()
        {
            _session.Abort(CloseReason.ClientClosed);
            _client.Finish();
            _upstream.Finish();
            _handling.Wait(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>A peer's connection as two pipes with the transport's options: what the peer sends, what it is sent.</summary>
    private sealed class InMemoryConnection : ISessionConnection
    {
        private readonly Pipe _fromPeer = new(TransportOptions.Default.PipeOptions);
        private readonly Pipe _toPeer = new(TransportOptions.Default.PipeOptions);
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public PipeReader Input => _fromPeer.Reader;

        public PipeWriter Output => _toPeer.Writer;

        public long BytesReceived { get; private set; }

        public long LastActivityTicks => Environment.TickCount64;

        public Task Receiving => _ended.Task;

        public Task Sending => _ended.Task;

        /// <summary>As the socket's receive loop delivers a segment: the handler runs inline, within the flush.</summary>
        public void Deliver(byte[] bytes)
        {
            BytesReceived += bytes.Length;
            _fromPeer.Writer.Write(bytes);
            var flush = _fromPeer.Writer.FlushAsync();
            if (!flush.IsCompleted)
            {
                throw new InvalidOperationException("the handler did not take the bytes synchronously");
            }
        }

        /// <summary>As the socket's send loop takes what was written: everything, at once; it must be <paramref name="expected"/> when given.</summary>
        public long Take(byte[]? expected = null)
        {
            if (!_toPeer.Reader.TryRead(out var result))
            {
                throw new InvalidOperationException("the handler sent nothing");
            }

            if (expected is not null && !result.Buffer.ToArray().AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"the hop sent {result.Buffer.Length} bytes other than the {expected.Length} it was given");
            }

            var length = result.Buffer.Length;
            _toPeer.Reader.AdvanceTo(result.Buffer.End);
            return length;
        }

        public void Finish()
        {
            _fromPeer.Writer.Complete();
            _toPeer.Reader.Complete();
            _ended.TrySetResult();
        }

        public void Dispose() => _ended.TrySetResult();
    }

    /// <summary>A session log that counts what it is given: the writer's cost is not the socket threads'.</summary>
    private sealed class CountingSessionLog : ISessionLog
    {
        public int Statements { get; private set; }

        public Durability Durability => Durability.Normal;

        public SessionLogHealth Health { get; } = new(null, 0, 0);

        public bool TryAppend(SessionEvent sessionEvent)
        {
            if (sessionEvent is StatementEvent)
            {
                Statements++;
            }

            return true;
        }

        public ValueTask AppendCommittedAsync(SessionEvent sessionEvent, CancellationToken cancellationToken = default)
        {
            TryAppend(sessionEvent);
            return ValueTask.CompletedTask;
        }

        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
