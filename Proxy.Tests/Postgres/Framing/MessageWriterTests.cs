using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Tests.Postgres.Framing;

/// <summary>
/// <see cref="MessageWriter"/>: every message the proxy originates, read back with the framer and the body
/// reader it will meet on the other side, with declared lengths checked against what was written.
/// </summary>
[TestFixture]
public sealed class MessageWriterTests
{
    private const int Limit = PostgresFramer.MaxProtocolMessageLength;

    [Test]
    public void Error_response_is_read_back_field_by_field()
    {
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteError(output, new ErrorFields(
            ErrorFields.Error, ErrorFields.InsufficientPrivilege, "DELETE on orders is blocked by policy", "rule no-deletes", "ask for approval"));

        var message = ReadOne(output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((BackendMessageType)message.Type, Is.EqualTo(BackendMessageType.ErrorResponse));
            Assert.That(Fields(message), Is.EqualTo(new[]
            {
                ('S', "ERROR"), ('V', "ERROR"), ('C', "42501"), ('M', "DELETE on orders is blocked by policy"),
                ('D', "rule no-deletes"), ('H', "ask for approval"),
            }));
        }
    }

    [Test]
    public void Notice_without_detail_or_hint_has_only_the_fields_given()
    {
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteNotice(output, new ErrorFields("NOTICE", "00000", "statement rewritten"));

        var message = ReadOne(output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((BackendMessageType)message.Type, Is.EqualTo(BackendMessageType.NoticeResponse));
            Assert.That(Fields(message), Is.EqualTo(new[] { ('S', "NOTICE"), ('V', "NOTICE"), ('C', "00000"), ('M', "statement rewritten") }));
        }
    }

    [Test]
    public void Non_ascii_error_text_is_counted_in_utf8_bytes()
    {
        // Two-, three- and four-byte UTF-8 sequences: a length counted in chars would be short.
        const string text = "relation «données» — ошибка 🚫";
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteError(output, new ErrorFields(ErrorFields.Fatal, ErrorFields.ProtocolViolation, text, Hint: "試してください"));

        var message = ReadOne(output);
        var expectedLength = 1 + 4 + (2 * (1 + 5 + 1)) + (1 + 5 + 1) + (1 + Encoding.UTF8.GetByteCount(text) + 1) + (1 + Encoding.UTF8.GetByteCount("試してください") + 1) + 1;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.WrittenCount, Is.EqualTo(expectedLength));
            Assert.That(Fields(message), Is.EqualTo(new[] { ('S', "FATAL"), ('V', "FATAL"), ('C', "08P01"), ('M', text), ('H', "試してください") }));
        }
    }

    [TestCase((byte)'I')] // idle
    [TestCase((byte)'T')] // in a transaction block
    [TestCase((byte)'E')] // in a failed transaction block
    public void Ready_for_query_is_six_bytes(byte status)
    {
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteReadyForQuery(output, status);

        Assert.That(output.WrittenSpan.ToArray(), Is.EqualTo(new byte[] { (byte)'Z', 0, 0, 0, 5, status }));
        Assert.That(ReadOne(output).Body.ToArray(), Is.EqualTo(new[] { status }));
    }

    [TestCase(4)] // protocol 3.0
    [TestCase(32)] // protocol 3.2, as PostgreSQL 18 sends
    [TestCase(256)] // protocol 3.2's longest
    public void Backend_key_data_is_read_back(int secretLength)
    {
        var secret = Enumerable.Range(1, secretLength).Select(i => (byte)i).ToArray();
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteBackendKeyData(output, 4242, secret);

        var message = ReadOne(output);
        var reader = new MessageBodyReader(message.Body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((BackendMessageType)message.Type, Is.EqualTo(BackendMessageType.BackendKeyData));
            Assert.That(output.WrittenCount, Is.EqualTo(1 + 4 + 4 + secretLength));
            Assert.That(reader.ReadInt32(), Is.EqualTo(4242));
            Assert.That(reader.ReadRest().ToArray(), Is.EqualTo(secret));
        }
    }

    [TestCase(4)] // protocol 3.0: 16 bytes in all
    [TestCase(32)] // protocol 3.2
    [TestCase(256)] // protocol 3.2's longest key: 268 bytes, the framer's bound
    public void Cancel_request_is_read_back_by_the_startup_framer(int secretLength)
    {
        var secret = Enumerable.Range(0, secretLength).Select(i => (byte)(255 - i)).ToArray();
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteCancelRequest(output, -7, secret);

        var buffer = SegmentedSequence.OneBytePerSegment(output.WrittenSpan.ToArray());
        Assert.That(PostgresFramer.TryReadStartup(ref buffer, out var packet), Is.True);
        var reader = new MessageBodyReader(packet.Body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(packet.Code, Is.EqualTo(StartupCodes.CancelRequest));
            Assert.That(packet.Raw.Length, Is.EqualTo(12 + secretLength));
            Assert.That(buffer.IsEmpty, Is.True);
            Assert.That(reader.ReadInt32(), Is.EqualTo(-7));
            Assert.That(reader.ReadRest().ToArray(), Is.EqualTo(secret));
        }
    }

    [Test]
    public void Cancel_request_with_a_four_byte_key_is_the_protocol_3_0_bytes()
    {
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteCancelRequest(output, 12345, [0xDE, 0xAD, 0xBE, 0xEF]);

        Assert.That(output.WrittenSpan.ToArray(), Is.EqualTo(PostgresCorpus.CancelRequest));
    }

    [TestCase("SELECT 1")]
    [TestCase("")] // the empty query: EmptyQueryResponse, still a valid Query
    [TestCase("SELECT 'żółw', '猫' AS \"ünïcödé\"")] // multi-byte UTF-8
    public void Query_is_read_back(string sql)
    {
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteQuery(output, sql);

        var message = ReadOne(output);
        var reader = new MessageBodyReader(message.Body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((FrontendMessageType)message.Type, Is.EqualTo(FrontendMessageType.Query));
            Assert.That(output.WrittenCount, Is.EqualTo(1 + 4 + Encoding.UTF8.GetByteCount(sql) + 1));
            Assert.That(reader.ReadCString(), Is.EqualTo(sql));
            Assert.That(reader.End, Is.True);
        }
    }

    [TestCase("SELECT * FROM orders WHERE id = $1")]
    [TestCase("UPDATE clients SET name = 'Zoë' WHERE id = 1")] // multi-byte UTF-8
    public void Parse_is_read_back(string sql)
    {
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteParse(output, sql);

        var message = ReadOne(output);
        var reader = new MessageBodyReader(message.Body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((FrontendMessageType)message.Type, Is.EqualTo(FrontendMessageType.Parse));
            Assert.That(reader.ReadCString(), Is.Empty, "the unnamed statement");
            Assert.That(reader.ReadCString(), Is.EqualTo(sql));
            Assert.That(reader.ReadInt16(), Is.Zero, "no parameter types");
            Assert.That(reader.End, Is.True);
        }
    }

    [Test]
    public void Lone_surrogate_is_written_as_a_replacement_character_and_counted()
    {
        // Half of a surrogate pair cannot be UTF-8; it goes out as U+FFFD (3 bytes) and the length agrees.
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteQuery(output, "SELECT '\uD800'");

        var reader = new MessageBodyReader(ReadOne(output).Body);
        Assert.That(reader.ReadCString(), Is.EqualTo("SELECT '\uFFFD'"));
    }

    // A String field ends at its first zero byte (PostgreSQL protocol 55.6): a zero inside the text would
    // end the field early and the rest would be read as fields of its own, so the writer refuses it.
    [TestCase("SELECT 1\0; DROP TABLE orders")] // the server stops the string at the zero and rejects the message; a log would show SQL that never ran
    [TestCase("\0")] // the text is nothing but the zero
    public void Query_text_with_a_zero_is_refused_and_nothing_written(string sql)
    {
        var output = new ArrayBufferWriter<byte>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => MessageWriter.WriteQuery(output, sql), Throws.ArgumentException.With.Message.Contains("zero"));
            Assert.That(() => MessageWriter.WriteParse(output, sql), Throws.ArgumentException.With.Message.Contains("zero"));
            Assert.That(output.WrittenCount, Is.Zero);
        }
    }

    [Test]
    public void Error_text_with_a_zero_is_refused_and_nothing_written()
    {
        // Unrefused, this message would reach the client as M "blocked", then a forged C field "00000"
        // (success) overriding the real SQLSTATE, then a field "x".
        var output = new ArrayBufferWriter<byte>();
        var forged = new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege, "blocked\0C00000\0x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => MessageWriter.WriteError(output, forged), Throws.ArgumentException.With.Message.Contains("zero"));
            Assert.That(() => MessageWriter.WriteNotice(output, forged with { Message = "ok", Hint = "\0" }), Throws.ArgumentException.With.Message.Contains("zero"));
            Assert.That(output.WrittenCount, Is.Zero);
        }
    }

    [TestCase(true, (byte)'S')]
    [TestCase(false, (byte)'N')]
    public void Encryption_answer_is_one_byte(bool accept, byte expected)
    {
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteEncryptionAnswer(output, accept);

        Assert.That(output.WrittenSpan.ToArray(), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Raw_copies_every_segment_in_order()
    {
        var input = PostgresWire.Concat([.. PostgresCorpus.AllTypedMessages()]);
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteRaw(output, SegmentedSequence.Chunked(input, 3));

        Assert.That(output.WrittenSpan.ToArray(), Is.EqualTo(input));
    }

    [Test]
    public void Messages_written_one_after_another_are_framed_apart()
    {
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteError(output, new ErrorFields(ErrorFields.Error, ErrorFields.ConnectionFailure, "upstream is gone"));
        MessageWriter.WriteReadyForQuery(output, (byte)'I');

        var buffer = SegmentedSequence.Chunked(output.WrittenSpan.ToArray(), 2);
        var types = new List<BackendMessageType>();
        while (PostgresFramer.TryReadMessage(ref buffer, Limit, out var message))
        {
            types.Add((BackendMessageType)message.Type);
        }

        Assert.That(types, Is.EqualTo(new[] { BackendMessageType.ErrorResponse, BackendMessageType.ReadyForQuery }));
        Assert.That(buffer.IsEmpty, Is.True);
    }

    /// <summary>The one message written, checked to fill the output exactly with a length that matches.</summary>
    private static PostgresMessage ReadOne(ArrayBufferWriter<byte> output)
    {
        var written = output.WrittenSpan.ToArray();
        var buffer = SegmentedSequence.OneBytePerSegment(written);
        Assert.That(PostgresFramer.TryReadMessage(ref buffer, Limit, out var message), Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(buffer.IsEmpty, Is.True, "bytes written after the declared length");
            Assert.That(BinaryPrimitives.ReadInt32BigEndian(written.AsSpan(1)), Is.EqualTo(written.Length - 1), "declared length");
        }

        return message;
    }

    /// <summary>The fields of an ErrorResponse or NoticeResponse, checking the terminator ends the body.</summary>
    private static List<(char Code, string Value)> Fields(PostgresMessage message)
    {
        var reader = new MessageBodyReader(message.Body);
        var fields = new List<(char, string)>();
        for (var code = reader.ReadByte(); code != 0; code = reader.ReadByte())
        {
            fields.Add(((char)code, reader.ReadCString()));
        }

        Assert.That(reader.End, Is.True, "bytes after the terminator");
        return fields;
    }
}
