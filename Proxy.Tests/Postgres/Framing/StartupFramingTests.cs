using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Tests.Postgres.Framing;

/// <summary>
/// <see cref="PostgresFramer.TryReadStartup"/>: the untyped first messages (PostgreSQL protocol 55.2.1),
/// whole, split at every offset, one byte per segment, every strict prefix, and the malformed ones.
/// </summary>
[TestFixture]
public sealed class StartupFramingTests
{
    /// <summary>What a client sends next, to show the buffer is left exactly there.</summary>
    private static readonly byte[] Next = PostgresCorpus.Query;

    [TestCaseSource(typeof(PostgresCorpus), nameof(PostgresCorpus.StartupPackets))]
    public void Whole_packet_is_read_and_the_buffer_left_at_the_next(byte[] bytes, int code)
    {
        AssertReadsFollowedByNext(new ReadOnlySequence<byte>(PostgresWire.Concat(bytes, Next)), bytes, code);
    }

    [TestCaseSource(typeof(PostgresCorpus), nameof(PostgresCorpus.StartupPackets))]
    public void Packet_split_in_two_at_every_offset_is_read(byte[] bytes, int code)
    {
        var input = PostgresWire.Concat(bytes, Next);
        for (var offset = 1; offset < input.Length; offset++)
        {
            AssertReadsFollowedByNext(SegmentedSequence.Split(input, offset), bytes, code, $"split at {offset}");
        }
    }

    [TestCaseSource(typeof(PostgresCorpus), nameof(PostgresCorpus.StartupPackets))]
    public void Packet_one_byte_per_segment_is_read(byte[] bytes, int code)
    {
        AssertReadsFollowedByNext(SegmentedSequence.OneBytePerSegment(PostgresWire.Concat(bytes, Next)), bytes, code);
    }

    [TestCaseSource(typeof(PostgresCorpus), nameof(PostgresCorpus.StartupPackets))]
    public void Every_strict_prefix_needs_more_and_consumes_nothing(byte[] bytes, int code)
    {
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            AssertNeedsMore(new ReadOnlySequence<byte>(prefix), $"{length} bytes of code {code} in one segment");
            AssertNeedsMore(SegmentedSequence.OneBytePerSegment(prefix), $"{length} bytes of code {code}, one per segment");
            if (length > 1)
            {
                AssertNeedsMore(SegmentedSequence.Split(prefix, length / 2), $"{length} bytes of code {code} split at {length / 2}");
            }
        }
    }

    [Test]
    public void Startup_parameters_are_the_body_as_name_value_pairs()
    {
        var buffer = new ReadOnlySequence<byte>(PostgresCorpus.StartupMessage32);
        Assert.That(PostgresFramer.TryReadStartup(ref buffer, out var packet), Is.True);

        var reader = new MessageBodyReader(packet.Body);
        var parameters = new List<(string, string)>();
        while (reader.Remaining > 1)
        {
            parameters.Add((reader.ReadCString(), reader.ReadCString()));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parameters, Is.EqualTo(new[]
            {
                ("user", "app"), ("database", "orders"), ("application_name", "billing"), ("_pq_.test_protocol_negotiation", "on"),
            }));
            Assert.That(reader.ReadByte(), Is.Zero);
            Assert.That(reader.End, Is.True);
        }
    }

    [Test]
    public void Cancel_request_body_is_process_id_and_key()
    {
        var buffer = SegmentedSequence.OneBytePerSegment(PostgresCorpus.CancelRequest32);
        Assert.That(PostgresFramer.TryReadStartup(ref buffer, out var packet), Is.True);

        var reader = new MessageBodyReader(packet.Body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(packet.IsStartupMessage, Is.False);
            Assert.That(reader.ReadInt32(), Is.EqualTo(12345));
            Assert.That(reader.ReadRest().ToArray(), Is.EqualTo(PostgresCorpus.LongCancelKey));
        }
    }

    [Test]
    public void SSLRequest_then_the_startup_message_are_read_in_turn()
    {
        // libpq with sslmode=prefer against a server that answered 'N': SSLRequest, then StartupMessage.
        var input = PostgresWire.Concat(PostgresCorpus.SslRequest, PostgresCorpus.StartupMessage30, PostgresCorpus.Query);
        var buffer = SegmentedSequence.Chunked(input, 5);

        Assert.That(PostgresFramer.TryReadStartup(ref buffer, out var ssl), Is.True);
        Assert.That(PostgresFramer.TryReadStartup(ref buffer, out var startup), Is.True);
        Assert.That(PostgresFramer.TryReadMessage(ref buffer, PostgresFramer.MaxProtocolMessageLength, out var query), Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ssl.Code, Is.EqualTo(StartupCodes.SslRequest));
            Assert.That(startup.Code, Is.EqualTo(StartupCodes.ProtocolVersion3));
            Assert.That(query.Raw.ToArray(), Is.EqualTo(PostgresCorpus.Query));
            Assert.That(buffer.IsEmpty, Is.True);
        }
    }

    // Each length is outside what its code allows; the framer must refuse with only the 8-byte header
    // buffered, never waiting for (or buffering) a body of the declared size.
    [TestCase(16, StartupCodes.SslRequest)] // SSLRequest is exactly 8 bytes; 16 is a CancelRequest's length
    [TestCase(7, StartupCodes.SslRequest)] // SSLRequest shorter than its own length and code
    [TestCase(12, StartupCodes.GssEncRequest)] // GSSENCRequest with 4 bytes it has no field for
    [TestCase(0, StartupCodes.GssEncRequest)] // GSSENCRequest of length 0
    [TestCase(15, StartupCodes.CancelRequest)] // CancelRequest one byte short of a 4-byte key
    [TestCase(12, StartupCodes.CancelRequest)] // CancelRequest with a process id and no key
    [TestCase(269, StartupCodes.CancelRequest)] // CancelRequest with a 257-byte key; protocol 3.2 allows 256
    [TestCase(1_000_000, StartupCodes.CancelRequest)] // CancelRequest far too long
    [TestCase(8, StartupCodes.ProtocolVersion3)] // StartupMessage without even the terminating zero
    [TestCase(10_001, StartupCodes.ProtocolVersion3)] // StartupMessage one over MAX_STARTUP_PACKET_LENGTH
    [TestCase(int.MaxValue, (3 << 16) | 2)] // StartupMessage 3.2 of 2 GiB
    [TestCase(-1, StartupCodes.ProtocolVersion3)] // StartupMessage with a negative length
    public void Length_outside_the_bounds_of_its_code_is_malformed_from_the_header(int length, int code)
    {
        var header = PostgresWire.StartupHeader(length, code);
        foreach (var buffer in new[] { new ReadOnlySequence<byte>(header), SegmentedSequence.OneBytePerSegment(header) })
        {
            var input = buffer;
            Assert.That(
                () => PostgresFramer.TryReadStartup(ref input, out _),
                Throws.TypeOf<PostgresProtocolException>().With.Message.StartsWith($"startup packet of {length} bytes; ").And.Message.EndsWith($"expected for code {code}"));
        }
    }

    [TestCase(StartupCodes.SslRequest, 8, 8)]
    [TestCase(StartupCodes.GssEncRequest, 8, 8)]
    [TestCase(StartupCodes.CancelRequest, 16, PostgresFramer.MaxCancelRequestLength)]
    [TestCase(StartupCodes.ProtocolVersion3, 9, PostgresFramer.MaxStartupLength)]
    public void Error_gives_the_bounds_for_the_code(int code, int least, int most)
    {
        var input = new ReadOnlySequence<byte>(PostgresWire.StartupHeader(most + 1, code));

        Assert.That(
            () => PostgresFramer.TryReadStartup(ref input, out _),
            Throws.TypeOf<PostgresProtocolException>().With.Message.EqualTo($"startup packet of {most + 1} bytes; {least} to {most} expected for code {code}"));
    }

    [TestCase(StartupCodes.CancelRequest, PostgresFramer.MaxCancelRequestLength)]
    [TestCase(StartupCodes.ProtocolVersion3, PostgresFramer.MaxStartupLength)]
    [TestCase(StartupCodes.ProtocolVersion3, 9)]
    public void Length_at_a_bound_is_accepted(int code, int length)
    {
        var bytes = PostgresWire.Concat(PostgresWire.StartupHeader(length, code), new byte[length - 8]);
        AssertNeedsMore(new ReadOnlySequence<byte>(bytes[..^1]), $"{length} bytes less one");

        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.That(PostgresFramer.TryReadStartup(ref buffer, out var packet), Is.True);
        Assert.That(packet.Raw.Length, Is.EqualTo(length));
    }

    // Codes that are none of StartupMessage 3.x, SSLRequest, GSSENCRequest, CancelRequest.
    [TestCase(2, 0, "unsupported frontend protocol 2.0: only protocol 3 is served")] // protocol 2, dropped by PostgreSQL 14
    [TestCase(1, 0, "unsupported frontend protocol 1.0: only protocol 3 is served")] // protocol 1, older still
    [TestCase(0, 0, "unknown startup request code 0")] // zeros where the code should be
    [TestCase(1234, 5677, "unknown startup request code 80877101")] // one below CancelRequest's code
    [TestCase(1234, 5681, "unknown startup request code 80877105")] // one above GSSENCRequest's code
    [TestCase(-1, 0xFFFF, "unknown startup request code -1")] // FF FF FF FF: negative
    public void Unknown_code_is_malformed(int major, int minor, string expected)
    {
        var header = PostgresWire.StartupHeader(8, PostgresWire.Protocol(major, minor));
        var input = new ReadOnlySequence<byte>(header);

        Assert.That(
            () => PostgresFramer.TryReadStartup(ref input, out _),
            Throws.TypeOf<PostgresProtocolException>().With.Message.EqualTo(expected));
    }

    [Test]
    public void Http_request_on_the_postgres_port_is_malformed()
    {
        // An HTTP client pointed at the proxy: "GET " reads as the length, "/ HT" as the code.
        var input = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: db\r\n\r\n"));
        var code = BinaryPrimitives.ReadInt32BigEndian("/ HT"u8);

        Assert.That(
            () => PostgresFramer.TryReadStartup(ref input, out _),
            Throws.TypeOf<PostgresProtocolException>().With.Message.EqualTo($"unknown startup request code {code}"));
    }

    private static void AssertReadsFollowedByNext(ReadOnlySequence<byte> original, byte[] bytes, int code, string shape = "")
    {
        var buffer = original;
        var read = PostgresFramer.TryReadStartup(ref buffer, out var packet);

        Assert.That(read, Is.True, shape);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(packet.Code, Is.EqualTo(code), shape);
            Assert.That(packet.IsStartupMessage, Is.EqualTo(code >> 16 == 3), shape);
            Assert.That(packet.Raw.ToArray(), Is.EqualTo(bytes), shape);
            Assert.That(packet.Body.ToArray(), Is.EqualTo(bytes[PostgresFramer.StartupHeaderLength..]), shape);
            Assert.That(buffer.ToArray(), Is.EqualTo(Next), shape);
            Assert.That(original.GetOffset(buffer.Start), Is.EqualTo(bytes.Length), shape);
            Assert.That(buffer.End, Is.EqualTo(original.End), shape);
        }
    }

    private static void AssertNeedsMore(ReadOnlySequence<byte> original, string shape)
    {
        var buffer = original;
        var read = PostgresFramer.TryReadStartup(ref buffer, out var packet);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.False, shape);
            Assert.That(buffer.Start, Is.EqualTo(original.Start), shape);
            Assert.That(buffer.End, Is.EqualTo(original.End), shape);
            Assert.That(packet.Raw.IsEmpty, Is.True, shape);
        }
    }
}
