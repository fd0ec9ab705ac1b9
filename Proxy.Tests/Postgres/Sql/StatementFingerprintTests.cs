using System.Text;
using Proxy.Protocols.Postgres.Sql;
using Proxy.Tests.Support;

namespace Proxy.Tests.Postgres.Sql;

[TestFixture]
public sealed class StatementFingerprintTests
{
    // Each case: a statement and its fingerprint.
    [TestCase("delete from t where id = 7", "delete from t where id = ?")] // a number
    [TestCase("DELETE FROM t WHERE id=7;", "delete from t where id = ?")] // case, spacing, the closing semicolon
    [TestCase("delete /* why */ from t -- note\n where id = 7", "delete from t where id = ?")] // comments
    [TestCase("update t set note = 'it''s' where id = 1.5e3", "update t set note = ? where id = ?")] // a doubled quote, an exponent
    [TestCase("select E'a\\'b', $$x$$, $tag$y$tag$, B'101', X'ff', U&'d\\0061t'", "select ?, ?, ?, ?, ?, ?")] // every string form
    [TestCase("select * from \"Mixed Case\" where \"Col\" = 'x'", "select * from \"Mixed Case\" where \"Col\" = ?")] // quoted identifiers kept
    [TestCase("select count(*) from t where id in (1,2, 3)", "select count(*) from t where id in (?, ?, ?)")] // a call, a list
    [TestCase("insert into t (a, b) values (1, 'x')", "insert into t(a, b) values (?, ?)")] // column and value lists
    [TestCase("select x::int, a<=b, a < = b from s.t", "select x :: int, a <= b, a < = b from s.t")] // operators kept as written
    [TestCase("delete from t where id = $1", "delete from t where id = $1")] // a parameter is a placeholder already
    [TestCase("select -1", "select - ?")] // a sign is an operator
    [TestCase("select 'unterminated", "select ?")] // an unterminated literal
    [TestCase("", "")] // nothing
    public void Literals_become_placeholders_and_spelling_does_not_matter(string sql, string expected)
    {
        Assert.That(StatementFingerprint.Of(sql), Is.EqualTo(expected));
    }

    [TestCase("delete from t where id = 7", "delete from u where id = 7")] // another table
    [TestCase("delete from t where id = 7", "delete from t where id > 7")] // another operator
    [TestCase("delete from t where id in (1, 2)", "delete from t where id in (1, 2, 3)")] // more values
    [TestCase("delete from \"T\" where id = 1", "delete from t where id = 1")] // a quoted name is not folded
    [TestCase("select a<=b", "select a< =b")] // an operator is not two
    public void Different_statements_have_different_fingerprints(string one, string other)
    {
        Assert.That(StatementFingerprint.Of(one), Is.Not.EqualTo(StatementFingerprint.Of(other)));
    }

    [Test]
    public void Writing_a_fingerprint_allocates_nothing()
    {
        var sql = "DELETE FROM accounts WHERE id IN (1, 2, 3) AND note = 'a ''quoted'' note' -- why\n"u8.ToArray();
        var destination = new byte[StatementFingerprint.MaxLength(sql.Length)];
        var length = 0;
        var allocated = SteadyAllocation.Measure(() => length = StatementFingerprint.Write(sql, destination));

        Assert.That(allocated, Is.Zero);
        Assert.That(Encoding.UTF8.GetString(destination, 0, length), Is.EqualTo("delete from accounts where id in (?, ?, ?) and note = ?"));
    }

    [Test]
    public void The_output_never_exceeds_its_bound()
    {
        // Worst case: every byte its own punctuation token, each needing a space.
        var sql = string.Concat(Enumerable.Repeat("+ -", 200));
        var bytes = Encoding.UTF8.GetBytes(sql.Replace(" ", string.Empty, StringComparison.Ordinal));
        var destination = new byte[StatementFingerprint.MaxLength(bytes.Length)];

        Assert.That(() => StatementFingerprint.Write(bytes, destination), Throws.Nothing);
        Assert.That(StatementFingerprint.Of(new string('(', 1000) + "1"), Is.EqualTo(new string('(', 1000) + "?"), "a long input takes the pooled buffer");
    }
}
