using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Proxy.Core.Masking;
using Proxy.Protocols.Postgres.Masking;

namespace Proxy.Tests.Postgres.Masking;

/// <summary>
/// The COPY row rewriter in text and CSV formats: fields are decoded (escapes, quotes), masked and encoded
/// again, so what a client parses back is the masked value, never a field split or joined by the rewrite.
/// </summary>
public sealed class CopyRowMaskTests
{
    private static readonly PatternMask Cards = new(ValuePatterns.CreditCard, ValueMask.Create("partial", ["4"]));

    [TestCase("1\talice@example.com\tx\n", "1\t***@example.com\tx\n")]
    [TestCase("1\t\\N\tx\n", null)]
    [TestCase("1\t\tx\n", "1\t[redacted]\tx\n")]
    [TestCase("1\tal\\tice@ex\\\\ample.com\tx\n", "1\t***@ex\\\\ample.com\tx\n")]
    [TestCase("1\ta\\nb@c\\td\tline 1\\nline 2\n", "1\t***@c\\td\tline 1\\nline 2\n")]
    [TestCase("1\tZoë@ü.de\t4111111111111111\n", "1\t***@ü.de\t************1111\n")]
    [TestCase("1\t\\x41lice@\\101.com\tx\n", "1\t***@A.com\tx\n")]
    public void Text_rows(string row, string? expected)
    {
        var copy = new CopyRowMask(Columns(), Format("copy users to stdout"));

        Assert.That(Rewrite(copy, row), Is.EqualTo(expected));
    }

    [TestCase("1,alice@example.com,x\n", "1,\"***@example.com\",x\n")]
    [TestCase("1,,x\n", null)]
    [TestCase("1,\"\",x\n", "1,\"[redacted]\",x\n")]
    [TestCase("1,\"a,\"\"b\"\"@c.d\",\"x,y\"\n", "1,\"***@c.d\",\"x,y\"\n")]
    [TestCase("1,\"multi\nline@x.io\",\"4111 1111 1111 1111\"\n", "1,\"***@x.io\",\"***************1111\"\n")]
    public void Csv_rows(string row, string? expected)
    {
        var copy = new CopyRowMask(Columns(), Format("copy users to stdout with (format csv)"));

        Assert.That(Rewrite(copy, row), Is.EqualTo(expected));
    }

    [Test]
    public void Csv_with_a_header_delimiter_quote_and_null_of_its_own()
    {
        var copy = new CopyRowMask(Columns(), Format("COPY (select 1) TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ';', QUOTE '''', NULL 'none')"));

        Assert.That(Rewrite(copy, "id;email;note\n"), Is.Null, "the header holds names");
        Assert.That(Rewrite(copy, "1;'a;b@c.d';x\n"), Is.EqualTo("1;'***@c.d';x\n"));
        Assert.That(Rewrite(copy, "1;none;x\n"), Is.Null, "the NULL string stays NULL");
        Assert.That(Rewrite(copy, "1;'it''s@x.io';none\n"), Is.EqualTo("1;'***@x.io';none\n"));
    }

    [Test]
    public void A_null_mask_writes_the_null_string()
    {
        var values = new ResultMask(
            [ResultMask.Column(null, 23, false, 0, "id"), ResultMask.Column(ValueMask.Create("null", []), 25, false, 0, "email")],
            PatternMask.Empty);

        Assert.That(Rewrite(new CopyRowMask(values, Format("copy t to stdout")), "1\tsecret\n"), Is.EqualTo("1\t\\N\n"));
        Assert.That(Rewrite(new CopyRowMask(values, Format("copy t to stdout csv")), "1,secret\n"), Is.EqualTo("1,\n"));
    }

    [Test]
    public void Masked_int_fields_become_null_in_copy_too()
    {
        var values = new ResultMask([ResultMask.Column(null, 20, false, 0, "n")], Cards);

        Assert.That(Rewrite(new CopyRowMask(values, Format("copy t to stdout")), "4111111111111111\n"), Is.EqualTo("\\N\n"));
    }

    [TestCase("copy users to stdout", false, "SELECT * FROM users")]
    [TestCase("COPY public.users (id, email) TO STDOUT CSV HEADER", true, "SELECT id, email FROM public.users")]
    [TestCase("copy \"Users\" to stdout", false, "SELECT * FROM \"Users\"")]
    [TestCase("copy (select email from users where note = ')') to stdout (format csv)", true, "select email from users where note = ')'")]
    public void Copy_statements_are_read(string statement, bool csv, string source)
    {
        Assert.That(CopyFormat.TryRead(statement, out var format, out var problem), Is.True, problem);
        Assert.That(format!.Csv, Is.EqualTo(csv));
        Assert.That(format.Source, Is.EqualTo(source));
    }

    [TestCase("copy users from stdin", null)]
    [TestCase("copy users to '/tmp/x'", null)]
    [TestCase("copy users to stdout with (delimiter '||')", "a COPY DELIMITER, QUOTE or ESCAPE of more than one ASCII character, or written as an escape or Unicode string")]
    [TestCase("copy (select 1 to stdout", "the COPY query's parentheses do not close")]
    [TestCase("copy users to stdout with (format text, delimiter E'\\x01')", "a COPY DELIMITER, QUOTE or ESCAPE of more than one ASCII character, or written as an escape or Unicode string")]
    [TestCase("copy users to stdout with (null U&'\\0041')", "a COPY NULL written as an escape or Unicode string")]
    public void Copy_statements_that_are_not_copied_out_or_cannot_be_read(string statement, string? problem)
    {
        Assert.That(CopyFormat.TryRead(statement, out _, out var found), Is.False);
        Assert.That(found, Is.EqualTo(problem));
    }

    [Test]
    public void View_target_origins_are_read_from_the_stored_query()
    {
        // pg_rewrite.ev_action of `create view v as select id, lower(email) as e, email from users`, shortened;
        // the sublink's inner target entry sits deeper and describes an inner column.
        const string tree = "({QUERY :commandType 1 :rtable ({RTE :alias <> :relid 16384 :relkind r}) "
            + ":targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 16384 :resorigcol 1 :resjunk false} "
            + "{TARGETENTRY :expr {FUNCEXPR :funcid 870 :args ({SUBLINK :subselect {QUERY :targetList ({TARGETENTRY :resno 1 :resname x :resorigtbl 99 :resorigcol 9 :resjunk false})}})} :resno 2 :resname e\\ name :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} "
            + "{TARGETENTRY :expr {VAR :varno 1 :varattno 2} :resno 3 :resname email :ressortgroupref 0 :resorigtbl 16384 :resorigcol 2 :resjunk false}) :override 0})";

        Assert.That(ViewQuery.TargetOrigins(tree, 3), Is.EqualTo(new[] { new ColumnRef(16384, 1), new ColumnRef(0, 0), new ColumnRef(16384, 2) }));
    }

    private static ResultMask Columns() => new(
        [
            ResultMask.Column(null, 23, false, 0, "id"),
            ResultMask.Column(ValueMask.Create("email", []), 25, false, 0, "email"),
            ResultMask.Column(null, 25, false, 0, "note"),
        ],
        Cards);

    private static CopyFormat Format(string statement)
    {
        Assert.That(CopyFormat.TryRead(statement, out var format, out var problem), Is.True, problem);
        return format!;
    }

    /// <summary>The rewritten row's data, or null when the row was left alone.</summary>
    private static string? Rewrite(CopyRowMask copy, string row)
    {
        var output = new ArrayBufferWriter<byte>();
        if (!copy.TryRewrite(Encoding.UTF8.GetBytes(row), output))
        {
            return null;
        }

        var message = output.WrittenSpan;
        Assert.That(message[0], Is.EqualTo((byte)'d'));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(message[1..]), Is.EqualTo(message.Length - 1));
        return Encoding.UTF8.GetString(message[5..]);
    }
}
