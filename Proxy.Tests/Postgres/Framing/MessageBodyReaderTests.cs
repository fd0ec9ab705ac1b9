using System.Buffers;
using System.Text;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Tests.Postgres.Framing;

/// <summary><see cref="MessageBodyReader"/>: fields read in order, across segment boundaries, and the malformed ends.</summary>
[TestFixture]
public sealed class MessageBodyReaderTests
{
    /// <summary>One field of each kind: a non-ASCII string, Int16, Int32, Byte1, three bytes, and a rest.</summary>
    private static readonly byte[] Fields = new PostgresWire()
        .CString("naïve ✓")
        .Int16(-2)
        .Int32(0x01020304)
        .Byte(0xFE)
        .Bytes(7, 8, 9)
        .CString("")
        .Bytes("tail"u8.ToArray())
        .ToArray();

    [Test]
    public void Fields_are_read_in_one_segment_split_at_every_offset_and_one_byte_per_segment()
    {
        AssertFields(new ReadOnlySequence<byte>(Fields), "one segment");
        AssertFields(SegmentedSequence.OneBytePerSegment(Fields), "one byte per segment");
        for (var offset = 1; offset < Fields.Length; offset++)
        {
            AssertFields(SegmentedSequence.Split(Fields, offset), $"split at {offset}");
        }
    }

    [Test]
    public void Parse_body_is_read_field_by_field_across_segments()
    {
        var buffer = SegmentedSequence.OneBytePerSegment(PostgresCorpus.Parse);
        Assert.That(PostgresFramer.TryReadMessage(ref buffer, PostgresFramer.MaxProtocolMessageLength, out var parse), Is.True);

        var reader = new MessageBodyReader(parse.Body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reader.ReadCString(), Is.EqualTo("s1"));
            Assert.That(reader.ReadCString(), Is.EqualTo("SELECT $1::int4, $2::text"));
            Assert.That(reader.ReadInt16(), Is.EqualTo(2));
            Assert.That(reader.ReadInt32(), Is.EqualTo(23));
            Assert.That(reader.ReadInt32(), Is.EqualTo(25));
            Assert.That(reader.End, Is.True);
        }
    }

    [Test]
    public void Bind_parameters_text_binary_and_null_are_read()
    {
        var buffer = SegmentedSequence.Chunked(PostgresCorpus.Bind, 3);
        Assert.That(PostgresFramer.TryReadMessage(ref buffer, PostgresFramer.MaxProtocolMessageLength, out var bind), Is.True);

        var reader = new MessageBodyReader(bind.Body);
        Assert.That(reader.ReadCString(), Is.Empty);
        Assert.That(reader.ReadCString(), Is.EqualTo("s1"));
        var formats = new short[reader.ReadInt16()];
        for (var i = 0; i < formats.Length; i++)
        {
            formats[i] = reader.ReadInt16();
        }

        var values = new List<byte[]?>();
        for (int i = 0, count = reader.ReadInt16(); i < count; i++)
        {
            var length = reader.ReadInt32();
            values.Add(length == -1 ? null : reader.ReadBytes(length).ToArray());
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(formats, Is.EqualTo(new short[] { 0, 1, 0 }));
            Assert.That(values, Is.EqualTo(new byte[]?[] { "42"u8.ToArray(), [0, 0, 0, 7], null }));
            Assert.That(reader.ReadInt16(), Is.EqualTo(1));
            Assert.That(reader.ReadInt16(), Is.EqualTo(1));
            Assert.That(reader.End, Is.True);
        }
    }

    public enum Field
    {
        OneByte,
        TwoByteInteger,
        FourByteInteger,
        CString,
        FiveBytes,
    }

    [TestCase(new byte[0], Field.OneByte, "message ends inside a Byte1")] // no byte left
    [TestCase(new byte[] { 1 }, Field.TwoByteInteger, "message ends inside an Int16")] // one byte of two
    [TestCase(new byte[] { 1, 2, 3 }, Field.FourByteInteger, "message ends inside an Int32")] // three bytes of four
    [TestCase(new byte[0], Field.FourByteInteger, "message ends inside an Int32")] // nothing left at all
    [TestCase(new byte[] { (byte)'a', (byte)'b' }, Field.CString, "string without its terminating zero")] // text runs to the end with no zero
    [TestCase(new byte[0], Field.CString, "string without its terminating zero")] // not even the zero of an empty string
    [TestCase(new byte[] { 1, 2, 3, 4 }, Field.FiveBytes, "message ends inside a field of 5 bytes")] // four bytes of a five-byte field
    public void Running_off_the_end_is_malformed(byte[] body, Field field, string expected)
    {
        foreach (var shape in new[] { new ReadOnlySequence<byte>(body), SegmentedSequence.OneBytePerSegment(body) })
        {
            Assert.That(() => Read(shape, field), Throws.TypeOf<PostgresProtocolException>().With.Message.EqualTo(expected));
        }
    }

    [Test]
    public void Negative_field_length_is_malformed()
    {
        // -1 is NULL in Bind and DataRow; the caller handles it before asking for the bytes.
        var body = new ReadOnlySequence<byte>([1, 2, 3]);

        Assert.That(
            () => new MessageBodyReader(body).ReadBytes(-2),
            Throws.TypeOf<PostgresProtocolException>().With.Message.EqualTo("message ends inside a field of -2 bytes"));
    }

    [Test]
    public void Read_after_the_last_field_is_malformed()
    {
        var buffer = new ReadOnlySequence<byte>(PostgresCorpus.ReadyForQuery);
        Assert.That(PostgresFramer.TryReadMessage(ref buffer, PostgresFramer.MaxProtocolMessageLength, out var ready), Is.True);

        Assert.That(
            () =>
            {
                var reader = new MessageBodyReader(ready.Body);
                reader.ReadByte();
                reader.ReadByte();
            },
            Throws.TypeOf<PostgresProtocolException>().With.Message.EqualTo("message ends inside a Byte1"));
    }

    private static void Read(ReadOnlySequence<byte> body, Field field)
    {
        var reader = new MessageBodyReader(body);
        _ = field switch
        {
            Field.OneByte => reader.ReadByte(),
            Field.TwoByteInteger => reader.ReadInt16(),
            Field.FourByteInteger => reader.ReadInt32(),
            Field.CString => reader.ReadCStringBytes().Length,
            Field.FiveBytes => reader.ReadBytes(5).Length,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
    }

    private static void AssertFields(ReadOnlySequence<byte> body, string shape)
    {
        var reader = new MessageBodyReader(body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reader.Remaining, Is.EqualTo(Fields.Length), shape);
            Assert.That(reader.ReadCString(), Is.EqualTo("naïve ✓"), shape);
            Assert.That(reader.ReadInt16(), Is.EqualTo(-2), shape);
            Assert.That(reader.ReadInt32(), Is.EqualTo(0x01020304), shape);
            Assert.That(reader.ReadByte(), Is.EqualTo(0xFE), shape);
            Assert.That(reader.ReadBytes(3).ToArray(), Is.EqualTo(new byte[] { 7, 8, 9 }), shape);
            Assert.That(reader.ReadCStringBytes().IsEmpty, Is.True, shape);
            Assert.That(reader.End, Is.False, shape);
            Assert.That(Encoding.UTF8.GetString(reader.ReadRest()), Is.EqualTo("tail"), shape);
            Assert.That(reader.End, Is.True, shape);
            Assert.That(reader.Remaining, Is.Zero, shape);
        }
    }
}
