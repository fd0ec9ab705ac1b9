using System.Buffers;
using System.Runtime.CompilerServices;
using Proxy.Protocols.Postgres.Framing;
using Proxy.Tests.Support;

namespace Proxy.Tests.Postgres.Framing;

/// <summary>
/// Framing is on every byte of every session: reading messages must not allocate. This checks the count
/// of bytes, not time; time lives in Proxy.Benchmarks (PostgresFramerBenchmarks).
/// </summary>
[TestFixture]
public sealed class FramingAllocationTests
{
    private const int MessageCount = 1_000;

    private static readonly byte[] Traffic = PostgresWire.Concat([.. Enumerable.Range(0, MessageCount / 4).SelectMany(_ => new[]
    {
        PostgresCorpus.Sync, PostgresCorpus.DataRow, PostgresCorpus.CommandComplete, PostgresCorpus.ReadyForQuery,
    })]);

    [Test]
    public void Reading_a_thousand_small_messages_allocates_nothing()
    {
        AssertNoAllocation(new ReadOnlySequence<byte>(Traffic));
    }

    [Test]
    public void Reading_them_across_segment_boundaries_allocates_nothing()
    {
        AssertNoAllocation(SegmentedSequence.Chunked(Traffic, 7));
    }

    private static void AssertNoAllocation(ReadOnlySequence<byte> traffic)
    {
        var count = 0;
        var allocated = SteadyAllocation.Measure(() => count = ReadAll(traffic));

        Assert.That(count, Is.EqualTo(MessageCount));
        Assert.That(allocated, Is.Zero, "bytes allocated reading the messages");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadAll(ReadOnlySequence<byte> buffer)
    {
        var count = 0;
        while (PostgresFramer.TryReadMessage(ref buffer, PostgresFramer.MaxProtocolMessageLength, out var message))
        {
            count += message.Type == 0 ? 0 : 1;
        }

        return count;
    }
}
