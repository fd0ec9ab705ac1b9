using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Proxy.Core.Masking;
using Proxy.Core.Policy.Evaluation;
using Proxy.Protocols.Postgres.Framing;
using Proxy.Protocols.Postgres.Masking;
using Proxy.Tests.Postgres.Framing;
using Proxy.Tests.Support;

namespace Proxy.Tests.Postgres.Masking;

/// <summary>
/// The DataRow rewriter: masked values replace the originals with field and message lengths recomputed, NULL
/// stays NULL, a mask's text in a non-text column becomes NULL, and a row nothing changes is left alone (and
/// allocates nothing).
/// </summary>
public sealed class ResultMaskTests
{
    private const uint Text = 25, Int4 = 23, Jsonb = 3802, Timestamptz = 1184;

    private static readonly ValueMask Email = ValueMask.Create("email", []);
    private static readonly PatternMask Cards = new(ValuePatterns.CreditCard, ValueMask.Create("partial", ["4"]));

    [Test]
    public void Masked_values_are_rewritten_with_new_lengths_and_the_rest_is_kept()
    {
        var mask = Mask(Cards, (Email, Text, false), (null, Int4, false), (null, Text, false));
        var row = DataRow("alice@example.com", "42", "pay 4111111111111111 ✓");

        var values = Rewrite(mask, row);

        Assert.That(values, Is.EqualTo(new[] { "***@example.com", "42", "pay ************1111 ✓" }));
    }

    [Test]
    public void Null_and_empty_values_and_multibyte_text()
    {
        var mask = Mask(Cards, (ValueMask.Create("partial", ["2"]), Text, false), (Email, Text, false), (null, Text, false));
        var row = DataRow("Zoë Ångström😀", null, string.Empty);

        var values = Rewrite(mask, row);

        Assert.That(values, Is.EqualTo(new[] { "***********m😀", null, string.Empty }), "NULL stays NULL, untouched columns stay as they were");
        Assert.That(Rewrite(mask, DataRow(null, string.Empty, null)), Is.EqualTo(new[] { null, "[redacted]", null }), "an empty value is masked too");
    }

    [Test]
    public void A_mask_on_a_non_text_column_or_a_binary_value_makes_it_null()
    {
        var mask = Mask(PatternMask.Empty, (Email, Int4, false), (Email, Int4, true), (Email, Timestamptz, true), (Email, Text, true));
        var binaryInt = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(binaryInt, 42);
        var row = DataRow(Encoding.UTF8.GetBytes("42"), binaryInt, new byte[8], "bob@corp.io"u8.ToArray());

        Assert.That(Rewrite(mask, row), Is.EqualTo(new[] { null, null, null, "***@corp.io" }), "binary text is its UTF-8: it takes the mask");
    }

    [Test]
    public void A_pattern_match_in_a_non_text_column_makes_it_null()
    {
        var mask = Mask(Cards, (null, 20, false), (null, Text, false));
        var row = DataRow("4111111111111111", "4111111111111111");

        Assert.That(Rewrite(mask, row), Is.EqualTo(new[] { null, "************1111" }), "an int8 cannot hold stars");
    }

    [Test]
    public void Binary_jsonb_keeps_its_version_byte()
    {
        var mask = Mask(Cards, (null, Jsonb, true));
        var value = (byte[])[1, .. "{\"card\": \"4111111111111111\"}"u8.ToArray()];

        var rewritten = RewriteRaw(mask, DataRow(value));

        Assert.That(Field(rewritten, 0), Is.EqualTo((byte[])[1, .. "{\"card\": \"************1111\"}"u8.ToArray()]));
    }

    [Test]
    public void A_row_nothing_changes_is_not_written_and_allocates_nothing()
    {
        var mask = Mask(Cards, (null, Text, false), (null, Int4, false), (null, Text, false));
        var row = DataRow("nothing to see here, order 12345", "7", null);
        var output = new ArrayBufferWriter<byte>();
        var scratch = new MaskScratch();
        Assert.That(mask.TryRewrite(row, scratch, output), Is.False);

        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                mask.TryRewrite(row, scratch, output);
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(output.WrittenCount, Is.Zero);
    }

    [Test]
    public void Masking_a_row_allocates_nothing_once_warm()
    {
        var mask = Mask(Cards, (Email, Text, false), (null, Text, false));
        var row = DataRow("alice@example.com", "card 4111111111111111");
        var output = new ArrayBufferWriter<byte>(1 << 20);
        var scratch = new MaskScratch();
        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                mask.TryRewrite(row, scratch, output);
                output.ResetWrittenCount();
            }
        });

        Assert.That(allocated, Is.Zero);
    }

    // A row whose column count differs from its description.
    [TestCase(new byte[] { (byte)'D', 0, 0, 0, 6, 0, 3 })]

    // A value length past the end of the row.
    [TestCase(new byte[] { (byte)'D', 0, 0, 0, 12, 0, 1, 0, 0, 0, 9, (byte)'a', (byte)'b' })]

    // The row ends inside a value's length.
    [TestCase(new byte[] { (byte)'D', 0, 0, 0, 8, 0, 1, 0, 0 })]

    // No column count at all.
    [TestCase(new byte[] { (byte)'D', 0, 0, 0, 4 })]
    public void A_malformed_row_is_a_protocol_error(byte[] row)
    {
        var mask = Mask(Cards, (Email, Text, false));

        Assert.Throws<PostgresProtocolException>(() => mask.TryRewrite(row, new MaskScratch(), new ArrayBufferWriter<byte>()));
    }

    [Test]
    public void Every_masked_message_frames_as_one_whole_data_row()
    {
        var mask = Mask(Cards, (Email, Text, false), (null, Text, false), (null, Int4, false));
        var output = new ArrayBufferWriter<byte>();
        var scratch = new MaskScratch();
        mask.TryRewrite(DataRow("a@b.cd", "4111111111111111", "1"), scratch, output);
        mask.TryRewrite(DataRow(null, "x 4111 1111 1111 1111", null), scratch, output);

        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        var rows = new List<string?[]>();
        while (PostgresFramer.TryReadMessage(ref buffer, 1 << 20, out var message))
        {
            Assert.That(message.Type, Is.EqualTo((byte)'D'));
            rows.Add(Values(message.Raw.ToArray()));
        }

        Assert.That(buffer.Length, Is.Zero);
        Assert.That(rows, Is.EqualTo(new[] { new[] { "***@b.cd", "************1111", "1" }, new[] { null, "x ***************1111", null } }));
    }

    [TestCase("credit_card", false, TestName = "Text-format int4 and bool values are not scanned for card numbers, which are longer")]
    [TestCase("ssn", true, TestName = "Text-format int4 values are scanned for SSNs, which fit in eleven characters")]
    [TestCase("/\\d{3}/", true, TestName = "Text-format int4 values are scanned by a regex, whose shortest match is not known")]
    public void Short_text_of_bounded_types_is_scanned_only_when_a_match_fits(string pattern, bool scanned)
    {
        var masks = new StatementMasks(MaskPlan.Compile([PatternDirective(pattern)]));
        var description = RowDescription((Int4, 0), (16, 0));

        var rows = ResultMask.ForRowDescription(new ReadOnlySequence<byte>(description), masks);

        Assert.That(rows is not null, Is.EqualTo(scanned), "null: the rows stream through unread");
    }

    [Test]
    public void A_kept_description_takes_the_formats_of_each_bind()
    {
        var masks = new StatementMasks(MaskPlan.Compile([PatternDirective("credit_card")]));

        // As a Describe of the statement answers: every format code 0, whatever a Bind asks for later.
        var description = new ReadOnlySequence<byte>(RowDescription((Int4, 0), (Text, 0), (20, 0)));

        var text = ResultMask.ForRowDescription(description, masks, resultFormats: [])!;
        var binary = ResultMask.ForRowDescription(description, masks, resultFormats: [1])!;
        var mixed = ResultMask.ForRowDescription(description, masks, resultFormats: [1, 0, 0])!;
        Assert.That(text.Columns.Select(c => c.Shape), Is.EqualTo(new[] { ValueShape.Opaque, ValueShape.Text, ValueShape.Text }));
        Assert.That(binary.Columns.Select(c => c.Shape), Is.EqualTo(new[] { ValueShape.Opaque, ValueShape.Text, ValueShape.Opaque }));
        Assert.That(mixed.Columns.Select(c => c.Shape), Is.EqualTo(new[] { ValueShape.Opaque, ValueShape.Text, ValueShape.Text }));
        Assert.That(ResultMask.ForRowDescription(new ReadOnlySequence<byte>(RowDescription((Int4, 0))), masks, resultFormats: [1]), Is.Null);
        Assert.That(Rewrite(text, DataRow("7", "pay 4111111111111111", "4111111111111111")), Is.EqualTo(new[] { "7", "pay ************1111", null }));
    }

    [Test]
    public void Columns_resolved_once_take_the_formats_of_each_bind_as_a_fresh_resolution_would()
    {
        // A column mask by name (`c1`) and the card pattern: what a kept resolution gives for each Bind's formats
        // must be what resolving the description again with those formats gives.
        var masks = new StatementMasks(MaskPlan.Compile([new MaskDirective("r", ["c1"], null, false, "partial", ["2"]), PatternDirective("credit_card")]));
        var description = new ReadOnlySequence<byte>(RowDescription((Int4, 0), (Text, 0), (20, 0), (3802, 0)));
        var resolved = ResultMask.ForRowDescription(description, masks, keepAll: true)!;

        short[][] binds = [[], [1], [0], [1, 0, 1, 1], [0, 1, 0, 0]];
        foreach (var formats in binds)
        {
            var kept = resolved.ForFormats(formats);
            var fresh = ResultMask.ForRowDescription(description, masks, resultFormats: formats);
            Assert.That(kept?.Columns, Is.EqualTo(fresh?.Columns), $"formats [{string.Join(", ", formats)}]");
        }

        Assert.That(Rewrite(resolved.ForFormats([1])!, DataRow("7", "secret", "4111111111111111", "\u0001{}")), Is.EqualTo(new[] { "7", "****et", "4111111111111111", "\u0001{}" }));
    }

    private static MaskDirective PatternDirective(string pattern) => pattern.StartsWith('/')
        ? new MaskDirective("r", null, pattern[1..^1], PatternIsRegex: true, "partial", ["4"])
        : new MaskDirective("r", null, pattern, PatternIsRegex: false, "partial", ["4"]);

    /// <summary>A RowDescription body: columns without an origin, of the given types and format codes.</summary>
    private static byte[] RowDescription(params (uint Type, short Format)[] columns)
    {
        var wire = new PostgresWire().Int16((short)columns.Length);
        for (var i = 0; i < columns.Length; i++)
        {
            wire.CString($"c{i}").Int32(0).Int16(0).Int32((int)columns[i].Type).Int16(4).Int32(-1).Int16(columns[i].Format);
        }

        return wire.ToArray();
    }

    internal static ResultMask Mask(PatternMask patterns, params (ValueMask? Whole, uint Type, bool Binary)[] columns) =>
        new([.. columns.Select(c => ResultMask.Column(c.Whole, c.Type, c.Binary, citext: 0, "test"))], patterns);

    internal static byte[] DataRow(params string?[] values) => DataRow(values.Select(v => v is null ? null : Encoding.UTF8.GetBytes(v)).ToArray());

    internal static byte[] DataRow(params byte[]?[] values) => PostgresWire.Typed('D', m =>
    {
        m.Int16((short)values.Length);
        foreach (var value in values)
        {
            m.Int32(value?.Length ?? -1);
            if (value is not null)
            {
                m.Bytes(value);
            }
        }
    });

    private static string?[] Rewrite(ResultMask mask, byte[] row) => Values(RewriteRaw(mask, row));

    private static byte[] RewriteRaw(ResultMask mask, byte[] row)
    {
        var output = new ArrayBufferWriter<byte>();
        return mask.TryRewrite(row, new MaskScratch(), output) ? output.WrittenSpan.ToArray() : row;
    }

    private static string?[] Values(byte[] message)
    {
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1)), Is.EqualTo(message.Length - 1), "the message length covers the rewritten body");
        return BodyValues(message[5..]);
    }

    /// <summary>A DataRow body's values as UTF-8 text, null for SQL NULL.</summary>
    internal static string?[] BodyValues(byte[] body)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(body);
        var values = new string?[count];
        for (int i = 0, at = 2; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(at));
            at += 4;
            if (length >= 0)
            {
                values[i] = Encoding.UTF8.GetString(body, at, length);
                at += length;
            }
        }

        return values;
    }

    private static byte[]? Field(byte[] message, int index)
    {
        var at = 7;
        for (var i = 0; ; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(at));
            at += 4;
            if (i == index)
            {
                return length < 0 ? null : message.AsSpan(at, length).ToArray();
            }

            at += Math.Max(length, 0);
        }
    }
}
