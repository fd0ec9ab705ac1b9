using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.SessionLog;
using Proxy.Protocols.Postgres;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Benchmarks.Statements;

/// <summary>
/// What one statement costs a session's loops besides forwarding, with the policies/ directory this repository
/// ships (the product as deployed): frame the message, read its SQL, classify and decide it (masks compiled),
/// and build its session-log event with an outcome. <see cref="SimpleQuery"/> is pgbench -S -M simple (a new
/// literal in every Query), <see cref="ExtendedParse"/> -M extended (the same text in every unnamed Parse, then
/// its Execute's run), <see cref="PreparedExecute"/> -M prepared (an Execute of a statement decided once, at its
/// Parse). The framing alone is the baseline. Budgets: what the event and the run records need, no more.
/// </summary>
public class StatementPathBenchmarks
{
    private static readonly StatementOutcome Outcome = new(TimeSpan.FromMicroseconds(40), "SELECT 1", 1, null, null);

    private readonly byte[][] _queries = new byte[16][];
    private byte[] _parse = [];
    private StatementDecider _decider = null!;
    private PolicyInput _who;
    private StatementRun _prepared = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _decider = new StatementDecider(Pgbench.ShippedHandler(), new SessionSources([]));
        _who = new PolicyInput { Protocol = PostgresHandler.ProtocolName, Listener = "bench", ClientIp = IPAddress.Loopback, User = "bench", DbUser = "bench", Db = "bench" };
        for (var i = 0; i < _queries.Length; i++)
        {
            _queries[i] = Pgbench.Message('Q', Encoding.UTF8.GetBytes($"{Pgbench.Select}{1 + (i * 62_347)};\0"));
        }

        _parse = Pgbench.Message('P', [0], Encoding.UTF8.GetBytes($"{Pgbench.Select}$1;\0"), [0, 0]);
        _prepared = _decider.Decide(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes($"{Pgbench.Select}$1;")), _who, ambiguousEncoding: false, out _, out _, out _)[0];
        if (_prepared.Masks is null)
        {
            throw new InvalidOperationException("the shipped policies should mask every statement (mask_card_numbers)");
        }
    }

    [Benchmark(Baseline = true)]
    public long FrameOnly()
    {
        var buffer = new ReadOnlySequence<byte>(_queries[_next++ & 15]);
        PostgresFramer.TryReadMessage(ref buffer, 1 << 20, out var message);
        return new MessageBodyReader(message.Body).ReadCStringBytes().Length;
    }

    [Benchmark]
    public StatementEvent SimpleQuery()
    {
        var buffer = new ReadOnlySequence<byte>(_queries[_next++ & 15]);
        PostgresFramer.TryReadMessage(ref buffer, 1 << 20, out var message);
        var sql = new MessageBodyReader(message.Body).ReadCStringBytes();
        var run = _decider.Decide(sql, _who, ambiguousEncoding: false, out _, out _, out _)[0];
        run.StartedAt = Stopwatch.GetTimestamp();
        return run.ToEvent("bench-session", "bench", "bench", Outcome);
    }

    [Benchmark]
    public StatementEvent ExtendedParse()
    {
        var buffer = new ReadOnlySequence<byte>(_parse);
        PostgresFramer.TryReadMessage(ref buffer, 1 << 20, out var message);
        var reader = new MessageBodyReader(message.Body);
        reader.ReadCStringBytes();
        var parsed = _decider.Decide(reader.ReadCStringBytes(), _who, ambiguousEncoding: false, out _, out _, out _)[0];
        var run = parsed.Copy();
        run.StartedAt = Stopwatch.GetTimestamp();
        return run.ToEvent("bench-session", "bench", "bench", Outcome);
    }

    [Benchmark]
    public StatementEvent PreparedExecute()
    {
        var run = _prepared.Copy();
        run.StartedAt = Stopwatch.GetTimestamp();
        return run.ToEvent("bench-session", "bench", "bench", Outcome);
    }
}
