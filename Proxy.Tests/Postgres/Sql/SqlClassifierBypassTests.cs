using System.Text;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Tests.Postgres.Sql;

/// <summary>
/// Texts written to make a write look like something less dangerous. Each must classify at least as
/// dangerous as what PostgreSQL would actually run; a finding from fuzzing or review belongs here.
/// </summary>
public sealed class SqlClassifierBypassTests
{
    // Each case: the text, then what PostgreSQL runs.
    [TestCase("DeLeTe FrOm t", "delete (t)")]
    [TestCase("DELETE/**/FROM/**/t", "delete (t)")]
    [TestCase("DELETE--x\nFROM t", "delete (t)")]
    [TestCase("DELETE--x\rFROM t", "delete (t)")]
    [TestCase("DELETE/* a /* nested */ b */FROM t", "delete (t)")]
    [TestCase("\tDELETE\fFROM\vt", "delete (t)")]
    [TestCase("DELETE FROM public/**/./**/\"T\"", "delete (public.T)")]
    [TestCase("SELECT 1; DROP TABLE t", "select; drop (t)")]
    [TestCase("SELECT 1;DROP TABLE t;", "select; drop (t)")]
    [TestCase("SELECT $$ a $$; DELETE FROM t", "select; delete (t)")]
    [TestCase("SELECT $q$ ; $$ ; $q$; DELETE FROM t", "select; delete (t)")]
    [TestCase("SELECT $1;DELETE FROM t", "select; delete (t)")]
    [TestCase("SELECT 'x'';DELETE FROM t;--'", "select")]
    [TestCase("SELECT E'\\';DELETE FROM t;--'", "select")]
    [TestCase("SELECT E'\\\\';DELETE FROM t", "select; delete (t)")]
    [TestCase("SELECT \"\"\";DELETE FROM t;--\"", "select")]
    [TestCase("SELECT 1 /* */ ; /* */ DELETE FROM t", "select; delete (t)")]
    [TestCase("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x", "delete cte (t)")]
    [TestCase("WITH x AS (SELECT 1), y AS (INSERT INTO t VALUES (1) RETURNING *) SELECT 1", "insert cte (t)")]
    [TestCase("with x as (update t set a = 1 returning *) select 1", "update cte (t)")]
    [TestCase("EXPLAIN ANALYZE DELETE FROM t", "delete (t)")]
    [TestCase("EXPLAIN (analyze) DELETE FROM t", "delete (t)")]
    [TestCase("EXPLAIN (VERBOSE, ANALYZE TRUE) DELETE FROM t", "delete (t)")]
    [TestCase("EXPLAIN (ANALYZE on, COSTS off) DELETE FROM t", "delete (t)")]
    [TestCase("DO $$ BEGIN DELETE FROM t; END $$", "do dynamic")]
    [TestCase("EXECUTE wipe", "execute dynamic")]
    [TestCase("PREPARE p AS DELETE FROM t", "delete dynamic (t)")]
    [TestCase("PREPARE p AS WITH x AS (DELETE FROM t RETURNING 1) SELECT 1", "delete cte dynamic (t)")]
    [TestCase("(SELECT 1)", "select")]
    [TestCase("((SELECT * FROM t))", "select (t)")]
    [TestCase("(WITH x AS (DELETE FROM t RETURNING 1) SELECT 1)", "delete cte (t)")]
    [TestCase("DELETE FROM U&\"\\0074\"", "delete (t)")]
    [TestCase("DELETE FROM U&\"!0074\" UESCAPE '!'", "delete (t)")]
    [TestCase("SELECT U&'\\0027'; DELETE FROM t", "select; delete (t)")]
    [TestCase("COPY (DELETE FROM t RETURNING *) TO STDOUT", "delete (t)")]
    [TestCase("CREATE TABLE x AS WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "create cte (x, t)")]
    [TestCase("SELECT * INTO stolen FROM secrets", "create (stolen, secrets)")]
    [TestCase("SELECT 1FROM secrets", "select (secrets)")]
    [TestCase("SELECT*FROM\"secrets\"", "select (secrets)")]
    [TestCase("SELECT * FROM ONLY secrets *", "select (secrets)")]
    [TestCase("SELECT * FROM (secrets JOIN pii ON true)", "select (secrets, pii)")]
    [TestCase("SELECT * FROM ((secrets s JOIN pii p ON true) JOIN x ON true)", "select (secrets, pii, x)")]
    [TestCase("SELECT * FROM a WHERE id = ANY (SELECT id FROM secrets)", "select where (a, secrets)")]
    [TestCase("TRUNCATE secrets, pii", "truncate (secrets, pii)")]
    public void Bypasses(string sql, string expected) => Assert.That(ClassifierTestText.Classify(sql), Is.EqualTo(expected));

    [Test]
    public void A_backslash_that_is_the_second_byte_of_a_multibyte_client_character_is_unknown()
    {
        // In SJIS 0x95 0x5C is one character; PostgreSQL converts it before lexing, so the quote after it
        // ends the string and the DELETE runs. Read as UTF-8, 0x5C escapes the quote and hides the DELETE.
        byte[] sjis = [.. "SELECT E'"u8, 0x95, 0x5C, .. "'; DELETE FROM t; --'"u8];
        var batch = new StatementBatch();
        SqlClassifier.Classify(sjis, batch);

        Assert.That(batch.AnyUnknown, Is.True);
        Assert.That(ClassifierTestText.Classify("SELECT E'caf\u00e9\\n' FROM t"), Is.EqualTo("select (t)"));
        Assert.That(ClassifierTestText.Classify("SELECT E'café\n' FROM t"), Is.EqualTo("select (t)"));
    }

    [Test]
    public void A_column_named_like_a_write_keyword_does_not_make_a_select_a_write()
    {
        Assert.That(ClassifierTestText.Classify("SELECT (update) FROM t WHERE (delete = 1)"), Is.EqualTo("select where (t)"));
    }

    [Test]
    public void The_batch_summary_takes_the_most_dangerous_statement()
    {
        var batch = new StatementBatch();
        SqlClassifier.Classify("SELECT 1; DO $$ $$; DELETE FROM t WHERE x; WITH d AS (DELETE FROM u RETURNING 1) SELECT 1"u8, batch);

        Assert.That(batch.Count, Is.EqualTo(4));
        Assert.That(batch.MostDangerousKind, Is.EqualTo(StatementKind.Do));
        Assert.That(batch.MostDangerousIndex, Is.EqualTo(1));
        Assert.That(batch.AnyDynamic, Is.True);
        Assert.That(batch.AnyCteWrite, Is.True);
        Assert.That(batch.AnyWriteWithoutWhere, Is.True);
        Assert.That(batch.AllTables.ToArray(), Is.EqualTo(new[] { "t", "u" }));
    }

    [Test]
    public void Random_bytes_never_throw()
    {
        var random = new Random(12345);
        var batch = new StatementBatch();
        var buffer = new byte[512];
        for (var round = 0; round < 20_000; round++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            Classify(buffer.AsSpan(0, length), batch);
        }
    }

    [Test]
    public void Random_token_soup_never_throws()
    {
        string[] soup =
        [
            "SELECT", "INSERT", "INTO", "UPDATE", "DELETE", "FROM", "WHERE", "WITH", "RECURSIVE", "AS", "(", ")", "((", "))",
            ",", ".", ";", "*", "'", "''", "\"", "$$", "$a$", "$1", "E'", "\\", "U&\"", "U&'", "UESCAPE", "'!'", "/*", "*/",
            "--", "\n", " ", "EXPLAIN", "ANALYZE", "PREPARE", "EXECUTE", "DO", "MERGE", "USING", "ON", "JOIN", "TABLE",
            "CREATE", "INDEX", "VIEW", "GRANT", "REVOKE", "TO", "TRUNCATE", "LOCK", "VACUUM", "COPY", "ONLY", "LATERAL",
            "ROWS", "IF", "NOT", "EXISTS", "TEMP", "INHERITS", "PARTITION", "OF", "FOR", "REFERENCES", "LIKE", "TYPE",
            "SEARCH", "CYCLE", "SET", "MATERIALIZED", "t", "\"T\"", "s.t", "f(", "1", "1e5", ".5", "é", "\0", "\u00ff",
        ];
        var random = new Random(54321);
        var batch = new StatementBatch();
        var text = new StringBuilder();
        for (var round = 0; round < 20_000; round++)
        {
            text.Clear();
            var words = random.Next(1, 40);
            for (var w = 0; w < words; w++)
            {
                text.Append(soup[random.Next(soup.Length)]).Append(random.Next(3) == 0 ? "" : " ");
            }

            Classify(Encoding.UTF8.GetBytes(text.ToString()), batch);
        }
    }

    [Test]
    public void Deep_nesting_is_unknown_and_does_not_throw()
    {
        var batch = new StatementBatch();
        var deep = "SELECT " + new string('(', 10_000) + "1" + new string(')', 10_000);
        SqlClassifier.Classify(Encoding.UTF8.GetBytes(deep), batch);

        Assert.That(batch[0].Kind, Is.EqualTo(StatementKind.Unknown));
    }

    [Test]
    public void Many_CTEs_and_references_are_classified_within_a_work_budget()
    {
        // 20,000 CTE definitions and 20,000 references to them. Past the budget a reference counts as a
        // table: more tables, never fewer.
        var text = new StringBuilder("SELECT 1");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(", (WITH c AS (SELECT 1) SEARCH DEPTH FIRST BY x SELECT * FROM c)");
        }

        var batch = new StatementBatch();
        SqlClassifier.Classify(Encoding.UTF8.GetBytes(text.ToString()), batch);

        Assert.That(batch.Count, Is.EqualTo(1));
        Assert.That(batch[0].Kind, Is.EqualTo(StatementKind.Select));
        Assert.That(batch.Tables(0).ToArray(), Is.EqualTo(new[] { "c" }));
    }

    private static void Classify(ReadOnlySpan<byte> sql, StatementBatch batch)
    {
        SqlClassifier.Classify(sql, batch);
        for (var i = 0; i < batch.Count; i++)
        {
            ref readonly var statement = ref batch[i];
            Assert.That(statement.Start, Is.InRange(0, sql.Length));
            Assert.That(statement.Start + statement.Length, Is.InRange(statement.Start, sql.Length));
            Assert.That(statement.Unknown, Is.EqualTo(statement.Kind == StatementKind.Unknown));
            _ = batch.Tables(i);
        }
    }
}
