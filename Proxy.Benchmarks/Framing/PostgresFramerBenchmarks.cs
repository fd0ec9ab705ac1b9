using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Benchmarks.Framing;

/// <summary>
/// What splitting a stream into PostgreSQL messages costs per message, on the traffic of
/// <c>pgbench --select-only</c> over the simple protocol: a Query, then RowDescription, DataRow,
/// CommandComplete and ReadyForQuery. The two directions travel on separate connections; they share one
/// buffer here because framing does not depend on the direction. Results are per message
/// (OperationsPerInvoke), and the allocation budget is 0 bytes.
/// </summary>
/// <remarks>
/// <see cref="HeaderWalk"/> is the floor: the same walk over one contiguous array with
/// <see cref="BinaryPrimitives"/>, no sequence and no checks. <see cref="TryReadMessage"/> over one segment
/// and over the 64 KiB segments the transport receives into shows what the sequence and the checks add.
/// </remarks>
public class PostgresFramerBenchmarks
{
    private const int Exchanges = 2_000;
    private const int MessagesPerExchange = 5;
    private const int MessageCount = Exchanges * MessagesPerExchange;
    private const int SegmentSize = 64 * 1024;

    private byte[] _traffic = [];
    private ReadOnlySequence<byte> _buffer;

    public enum Segmentation
    {
        OneSegment,
        Segments64KiB,
    }

    [Params(Segmentation.OneSegment, Segmentation.Segments64KiB)]
    public Segmentation Layout { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _traffic = PgbenchSelectOnly(Exchanges);
        _buffer = Layout == Segmentation.OneSegment ? new ReadOnlySequence<byte>(_traffic) : Segmented(_traffic, SegmentSize);
        if (TryReadMessage() != MessageCount || HeaderWalk() != MessageCount)
        {
            throw new InvalidOperationException($"the traffic does not frame into {MessageCount} messages");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessageCount)]
    public int HeaderWalk()
    {
        var span = _traffic.AsSpan();
        var count = 0;
        while (span.Length >= PostgresFramer.HeaderLength)
        {
            var total = BinaryPrimitives.ReadInt32BigEndian(span[1..]) + 1;
            span = span[total..];
            count++;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = MessageCount)]
    public int TryReadMessage()
    {
        var buffer = _buffer;
        var count = 0;
        while (PostgresFramer.TryReadMessage(ref buffer, PostgresFramer.MaxProtocolMessageLength, out var message))
        {
            count += message.Type == 0 ? 0 : 1;
        }

        return count;
    }

    /// <summary>
    /// <c>SELECT abalance FROM pgbench_accounts WHERE aid = :aid;</c> and its answer, as PostgreSQL sends it
    /// (pgbench_accounts.abalance is column 3, int4).
    /// </summary>
    private static byte[] PgbenchSelectOnly(int exchanges)
    {
        var output = new ArrayBufferWriter<byte>();
        var random = new Random(42);
        for (var i = 0; i < exchanges; i++)
        {
            MessageWriter.WriteQuery(output, $"SELECT abalance FROM pgbench_accounts WHERE aid = {random.Next(1, 100_001)};");
            Typed(output, BackendMessageType.RowDescription, body => body
                .Int16(1).CString("abalance").Int32(16_397).Int16(3).Int32(23).Int16(4).Int32(-1).Int16(0));
            var balance = Encoding.ASCII.GetBytes(random.Next(-5_000, 5_001).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Typed(output, BackendMessageType.DataRow, body => body.Int16(1).Int32(balance.Length).Bytes(balance));
            Typed(output, BackendMessageType.CommandComplete, body => body.CString("SELECT 1"));
            MessageWriter.WriteReadyForQuery(output, (byte)'I');
        }

        return output.WrittenSpan.ToArray();
    }

    private static void Typed(ArrayBufferWriter<byte> output, BackendMessageType type, Action<Fields> body)
    {
        var fields = new Fields();
        body(fields);
        var header = new byte[PostgresFramer.HeaderLength];
        header[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), 4 + fields.Written.WrittenCount);
        output.Write(header);
        output.Write(fields.Written.WrittenSpan);
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (var offset = size; offset < bytes.Length; offset += size)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Fields
    {
        public ArrayBufferWriter<byte> Written { get; } = new();

        public Fields Int16(short value)
        {
            BinaryPrimitives.WriteInt16BigEndian(Written.GetSpan(2), value);
            Written.Advance(2);
            return this;
        }

        public Fields Int32(int value)
        {
            BinaryPrimitives.WriteInt32BigEndian(Written.GetSpan(4), value);
            Written.Advance(4);
            return this;
        }

        public Fields CString(string value)
        {
            Written.Write(Encoding.UTF8.GetBytes(value));
            Written.Write([(byte)0]);
            return this;
        }

        public Fields Bytes(byte[] value)
        {
            Written.Write(value);
            return this;
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
