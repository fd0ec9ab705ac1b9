using System.Buffers;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Tests.Postgres.Framing;

/// <summary>
/// <see cref="PostgresFramer.TryReadMessage"/> and <see cref="PostgresFramer.TryReadHeader"/> over every
/// shape a pipe can hand over: whole, split at every offset, one byte per segment, and every strict prefix.
/// </summary>
[TestFixture]
public sealed class TypedMessageFramingTests
{
    private const int Limit = PostgresFramer.MaxProtocolMessageLength;

    /// <summary>What follows the message under test, to show the buffer is left exactly at the next one.</summary>
    private static readonly byte[] Next = PostgresCorpus.ReadyForQuery;

    [TestCaseSource(typeof(PostgresCorpus), nameof(PostgresCorpus.TypedMessages))]
    public void Whole_message_is_read_and_the_buffer_left_at_the_next(byte[] bytes)
    {
        AssertReadsFollowedByNext(new ReadOnlySequence<byte>(PostgresWire.Concat(bytes, Next)), bytes);
    }

    [TestCaseSource(typeof(PostgresCorpus), nameof(PostgresCorpus.TypedMessages))]
    public void Message_split_in_two_at_every_offset_is_read(byte[] bytes)
    {
        var input = PostgresWire.Concat(bytes, Next);
        for (var offset = 1; offset < input.Length; offset++)
        {
            var buffer = SegmentedSequence.Split(input, offset);
            Assert.That(SegmentedSequence.CountSegments(buffer), Is.EqualTo(2));
            AssertReadsFollowedByNext(buffer, bytes, $"split at {offset}");
        }
    }

    [TestCaseSource(typeof(PostgresCorpus), nameof(PostgresCorpus.TypedMessages))]
    public void Message_one_byte_per_segment_is_read(byte[] bytes)
    {
        var input = PostgresWire.Concat(bytes, Next);
        AssertReadsFollowedByNext(SegmentedSequence.OneBytePerSegment(input), bytes);
    }

    [TestCaseSource(typeof(PostgresCorpus), nameof(PostgresCorpus.TypedMessages))]
    public void Every_strict_prefix_needs_more_and_consumes_nothing(byte[] bytes)
    {
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            AssertNeedsMore(new ReadOnlySequence<byte>(prefix), $"{length} bytes in one segment");
            AssertNeedsMore(SegmentedSequence.OneBytePerSegment(prefix), $"{length} bytes, one per segment");
            if (length > 1)
            {
                AssertNeedsMore(SegmentedSequence.Split(prefix, length / 2), $"{length} bytes split at {length / 2}");
            }
        }
    }

    [TestCaseSource(typeof(PostgresCorpus), nameof(PostgresCorpus.TypedMessages))]
    public void Header_gives_type_and_length_on_the_wire_from_its_five_bytes(byte[] bytes)
    {
        for (var length = 0; length <= bytes.Length; length++)
        {
            var buffer = SegmentedSequence.OneBytePerSegment(bytes[..length]);
            var read = PostgresFramer.TryReadHeader(buffer, Limit, out var type, out var totalLength);
            if (length < PostgresFramer.HeaderLength)
            {
                Assert.That(read, Is.False, $"{length} bytes");
                continue;
            }

            using (Assert.EnterMultipleScope())
            {
                Assert.That(read, Is.True, $"{length} bytes");
                Assert.That(type, Is.EqualTo(bytes[0]));
                Assert.That(totalLength, Is.EqualTo(bytes.Length));
            }
        }
    }

    [Test]
    public void Messages_back_to_back_are_read_in_a_loop_in_any_segmentation()
    {
        var messages = PostgresCorpus.AllTypedMessages().ToList();
        var input = PostgresWire.Concat([.. messages]);
        var shapes = new (string Name, ReadOnlySequence<byte> Buffer)[]
        {
            ("one segment", new ReadOnlySequence<byte>(input)),
            ("one byte per segment", SegmentedSequence.OneBytePerSegment(input)),
            ("7-byte segments", SegmentedSequence.Chunked(input, 7)),
            ("64-byte segments", SegmentedSequence.Chunked(input, 64)),
        };

        foreach (var (name, shape) in shapes)
        {
            var buffer = shape;
            var read = new List<byte[]>();
            while (PostgresFramer.TryReadMessage(ref buffer, Limit, out var message))
            {
                read.Add(message.Raw.ToArray());
            }

            using (Assert.EnterMultipleScope())
            {
                Assert.That(read, Is.EqualTo(messages), name);
                Assert.That(buffer.Length, Is.Zero, name);
                Assert.That(buffer.End, Is.EqualTo(shape.End), name);
            }
        }
    }

    [Test]
    public void Read_loop_stops_at_a_partial_message_and_leaves_it_whole()
    {
        // A Query, a Sync, and the first 9 bytes of a Parse: what one receive can hold.
        var partial = PostgresCorpus.Parse[..9];
        var input = PostgresWire.Concat(PostgresCorpus.Query, PostgresCorpus.Sync, partial);
        var buffer = SegmentedSequence.Chunked(input, 4);

        var types = new List<byte>();
        while (PostgresFramer.TryReadMessage(ref buffer, Limit, out var message))
        {
            types.Add(message.Type);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(types, Is.EqualTo(new[] { (byte)FrontendMessageType.Query, (byte)FrontendMessageType.Sync }));
            Assert.That(buffer.ToArray(), Is.EqualTo(partial));
        }
    }

    [Test]
    public void Type_byte_casts_to_the_message_type_enums()
    {
        var buffer = new ReadOnlySequence<byte>(PostgresWire.Concat(PostgresCorpus.Bind, PostgresCorpus.RowDescription));

        Assert.That(PostgresFramer.TryReadMessage(ref buffer, Limit, out var bind), Is.True);
        Assert.That(PostgresFramer.TryReadMessage(ref buffer, Limit, out var rowDescription), Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((FrontendMessageType)bind.Type, Is.EqualTo(FrontendMessageType.Bind));
            Assert.That((BackendMessageType)rowDescription.Type, Is.EqualTo(BackendMessageType.RowDescription));
        }
    }

    // The length field counts itself, so anything below 4 cannot be a message; it is rejected from the
    // header alone, whatever follows.
    [TestCase('Q', 3)] // Length 3: shorter than the length field itself
    [TestCase('S', 0)] // Length 0: not even the length field
    [TestCase('D', -1)] // Length FF FF FF FF: negative
    [TestCase('d', int.MinValue)] // Length 80 00 00 00: only the sign bit
    [TestCase('\0', 1)] // Type 00 and length 1: zeros where a message should start
    public void Length_below_four_is_malformed(char type, int declared)
    {
        var header = PostgresWire.TypedHeader(type, declared);
        foreach (var buffer in new[] { new ReadOnlySequence<byte>(header), SegmentedSequence.OneBytePerSegment(PostgresWire.Concat(header, [0, 0, 0, 0])) })
        {
            var input = buffer;
            Assert.That(
                () => PostgresFramer.TryReadMessage(ref input, Limit, out _),
                Throws.TypeOf<PostgresProtocolException>().With.Message.Contains($"declares length {declared}; the least is 4"));
        }
    }

    // The limit counts the whole message on the wire, type byte included; only the five header bytes are
    // buffered, so the framer must refuse before it would wait for (and buffer) the body.
    [TestCase(1024, 1024)] // Limit 1024: 1025 bytes with the type byte, one over
    [TestCase(1024, 4096)] // Limit 1024: a 4 KiB message
    [TestCase(1024, int.MaxValue)] // Limit 1024: the largest Int32 length
    [TestCase(PostgresFramer.MaxProtocolMessageLength, PostgresFramer.MaxProtocolMessageLength)] // Limit 1 GiB - 1: one over PostgreSQL's own limit
    [TestCase(PostgresFramer.MaxProtocolMessageLength, int.MaxValue)] // Limit 1 GiB - 1: a 2 GiB message
    public void Length_over_the_limit_is_malformed_as_soon_as_the_header_is_in(int limit, int declared)
    {
        var header = PostgresWire.TypedHeader('Q', declared);
        var expected = $"message 'Q' is {(long)declared + 1} bytes; the limit is {limit}";
        foreach (var buffer in new[] { new ReadOnlySequence<byte>(header), SegmentedSequence.OneBytePerSegment(header) })
        {
            var input = buffer;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(
                    () => PostgresFramer.TryReadMessage(ref input, limit, out _),
                    Throws.TypeOf<PostgresProtocolException>().With.Message.EqualTo(expected));
                Assert.That(
                    () => PostgresFramer.TryReadHeader(buffer, limit, out _, out _),
                    Throws.TypeOf<PostgresProtocolException>().With.Message.EqualTo(expected));
            }
        }
    }

    [Test]
    public void Length_exactly_at_the_limit_waits_for_the_body()
    {
        const int limit = 1024;
        var header = PostgresWire.TypedHeader('d', limit - 1);
        var buffer = new ReadOnlySequence<byte>(header);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(PostgresFramer.TryReadHeader(buffer, limit, out var type, out var totalLength), Is.True);
            Assert.That(type, Is.EqualTo((byte)'d'));
            Assert.That(totalLength, Is.EqualTo(limit));
        }

        AssertNeedsMore(buffer, "header of a message exactly at the limit", limit);

        var whole = PostgresWire.Concat(header, new byte[limit - PostgresFramer.HeaderLength]);
        var complete = new ReadOnlySequence<byte>(whole);
        Assert.That(PostgresFramer.TryReadMessage(ref complete, limit, out var message), Is.True);
        Assert.That(message.Raw.Length, Is.EqualTo(limit));
    }

    [Test]
    public void Unprintable_type_byte_is_shown_as_a_question_mark()
    {
        var input = new ReadOnlySequence<byte>(PostgresWire.TypedHeader('\u0001', 2));

        Assert.That(
            () => PostgresFramer.TryReadHeader(input, Limit, out _, out _),
            Throws.TypeOf<PostgresProtocolException>().With.Message.EqualTo("message '?' declares length 2; the least is 4"));
    }

    private static void AssertReadsFollowedByNext(ReadOnlySequence<byte> original, byte[] bytes, string shape = "")
    {
        var buffer = original;
        var read = PostgresFramer.TryReadMessage(ref buffer, Limit, out var message);

        Assert.That(read, Is.True, shape);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Type, Is.EqualTo(bytes[0]), shape);
            Assert.That(message.Raw.ToArray(), Is.EqualTo(bytes), shape);
            Assert.That(message.Body.ToArray(), Is.EqualTo(bytes[PostgresFramer.HeaderLength..]), shape);
            Assert.That(buffer.ToArray(), Is.EqualTo(Next), shape);

            // A slice of the input, not a copy: the rest starts where the message ends and ends where the input does.
            Assert.That(original.GetOffset(message.Raw.Start), Is.Zero, shape);
            Assert.That(original.GetOffset(buffer.Start), Is.EqualTo(bytes.Length), shape);
            Assert.That(buffer.End, Is.EqualTo(original.End), shape);
        }
    }

    private static void AssertNeedsMore(ReadOnlySequence<byte> original, string shape, int limit = Limit)
    {
        var buffer = original;
        var read = PostgresFramer.TryReadMessage(ref buffer, limit, out var message);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.False, shape);
            Assert.That(buffer.Start, Is.EqualTo(original.Start), shape);
            Assert.That(buffer.End, Is.EqualTo(original.End), shape);
            Assert.That(message.Raw.IsEmpty, Is.True, shape);
        }
    }
}
