using System.Text;
using Proxy.Core.Policy;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Tests.Postgres.Sql;

public sealed class SqlClassifierTests
{
    private static string Classify(string sql) => ClassifierTestText.Classify(sql);

    [Test]
    public void Every_kind_name_is_a_policy_statement_kind()
    {
        foreach (var kind in StatementKinds.All)
        {
            Assert.That(PolicyVocabulary.StatementKinds, Does.Contain(StatementKinds.Name(kind)));
            Assert.That(StatementKinds.TryParse(StatementKinds.Name(kind), out var parsed) && parsed == kind, Is.True);
        }

        Assert.That(StatementKinds.All.Length, Is.EqualTo(PolicyVocabulary.StatementKinds.Count));
        Assert.That(Enum.GetValues<StatementKind>(), Has.Length.EqualTo(StatementKinds.All.Length));
    }

    [Test]
    public void Every_keyword_is_found_in_any_letter_case()
    {
        foreach (var keyword in Enum.GetValues<Keyword>().Where(k => k != Keyword.None))
        {
            var text = keyword.ToString();
            Assert.That(Keywords.Lookup(Encoding.ASCII.GetBytes(text.ToLowerInvariant())), Is.EqualTo(keyword));
            Assert.That(Keywords.Lookup(Encoding.ASCII.GetBytes(text.ToUpperInvariant())), Is.EqualTo(keyword));
            Assert.That(Keywords.Lookup(Encoding.ASCII.GetBytes(text.ToLowerInvariant() + "x")), Is.Not.EqualTo(keyword));
        }

        Assert.That(Keywords.Lookup("orders"u8), Is.EqualTo(Keyword.None));
        Assert.That(Keywords.Lookup("SELEC_"u8), Is.EqualTo(Keyword.None));
    }

    [Test]
    public void Unknown_is_the_most_dangerous_kind_and_reads_rank_below_writes()
    {
        foreach (var kind in StatementKinds.All)
        {
            Assert.That(StatementKinds.IsAtLeastAsDangerousAs(StatementKind.Unknown, kind), Is.True, kind.ToString());
        }

        Assert.That(StatementKinds.DangerRank(StatementKind.Select), Is.LessThan(StatementKinds.DangerRank(StatementKind.Insert)));
        Assert.That(StatementKinds.DangerRank(StatementKind.Update), Is.LessThan(StatementKinds.DangerRank(StatementKind.Delete)));
        Assert.That(StatementKinds.DangerRank(StatementKind.Delete), Is.LessThan(StatementKinds.DangerRank(StatementKind.Drop)));
        Assert.That(StatementKinds.DangerRank(StatementKind.Explain), Is.LessThan(StatementKinds.DangerRank(StatementKind.Select)));
    }

    // One case per statement kind, with the tables each form references.
    [TestCase("SELECT * FROM orders", "select (orders)")]
    [TestCase("select 1", "select")]
    [TestCase("INSERT INTO orders (id) VALUES (1)", "insert (orders)")]
    [TestCase("UPDATE orders SET total = 0 WHERE id = 1", "update where (orders)")]
    [TestCase("DELETE FROM orders WHERE id = 1", "delete where (orders)")]
    [TestCase("MERGE INTO stock s USING deliveries d ON s.id = d.id WHEN MATCHED THEN UPDATE SET n = s.n + d.n WHEN NOT MATCHED THEN INSERT VALUES (d.id, d.n)", "merge (stock, deliveries)")]
    [TestCase("COPY orders (id, total) FROM STDIN WITH (FORMAT csv)", "copy (orders)")]
    [TestCase("COPY (SELECT * FROM orders) TO STDOUT", "copy (orders)")]
    [TestCase("COPY BINARY orders FROM STDIN", "copy (orders)")]
    [TestCase("CREATE TABLE audit (id int REFERENCES users (id), LIKE template)", "create (audit, users, template)")]
    [TestCase("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_idx ON ONLY public.orders USING btree (id)", "create (public.orders)")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (uid) REFERENCES users (id) ON DELETE CASCADE", "alter (orders, users)")]
    [TestCase("DROP TABLE IF EXISTS a, b.c CASCADE", "drop (a, b.c)")]
    [TestCase("TRUNCATE TABLE ONLY a, b RESTART IDENTITY", "truncate (a, b)")]
    [TestCase("GRANT SELECT, UPDATE ON TABLE orders, users TO app", "grant (orders, users)")]
    [TestCase("REVOKE ALL ON orders FROM app", "revoke (orders)")]
    [TestCase("GRANT USAGE ON SCHEMA s TO app", "grant")]
    [TestCase("GRANT admin TO alice", "grant")]
    [TestCase("BEGIN", "begin")]
    [TestCase("START TRANSACTION ISOLATION LEVEL SERIALIZABLE", "begin")]
    [TestCase("COMMIT", "commit")]
    [TestCase("END", "commit")]
    [TestCase("ROLLBACK", "rollback")]
    [TestCase("ABORT", "rollback")]
    [TestCase("SAVEPOINT s1", "savepoint")]
    [TestCase("RELEASE SAVEPOINT s1", "savepoint")]
    [TestCase("ROLLBACK TO SAVEPOINT s1", "savepoint")]
    [TestCase("PREPARE TRANSACTION 'tx'", "commit")]
    [TestCase("SET search_path = app, public", "set")]
    [TestCase("RESET ALL", "set")]
    [TestCase("SHOW work_mem", "show")]
    [TestCase("EXPLAIN SELECT * FROM orders", "explain (orders)")]
    [TestCase("PREPARE q (int) AS SELECT * FROM orders WHERE id = $1", "prepare where dynamic (orders)")]
    [TestCase("EXECUTE q (1)", "execute dynamic")]
    [TestCase("CALL archive_orders(2024)", "call")]
    [TestCase("DO $$ BEGIN DELETE FROM orders; END $$", "do dynamic")]
    [TestCase("VACUUM (VERBOSE, ANALYZE) orders, users (id)", "vacuum (orders, users)")]
    [TestCase("VACUUM FULL orders", "vacuum (orders)")]
    [TestCase("ANALYZE VERBOSE orders", "analyze (orders)")]
    [TestCase("LOCK TABLE orders, users IN ACCESS EXCLUSIVE MODE", "lock (orders, users)")]
    [TestCase("LISTEN jobs", "listen")]
    [TestCase("UNLISTEN *", "listen")]
    [TestCase("NOTIFY jobs, 'x'", "notify")]
    [TestCase("REINDEX TABLE orders", "other (orders)")]
    [TestCase("CLUSTER orders USING orders_pkey", "other (orders)")]
    [TestCase("CHECKPOINT", "other")]
    [TestCase("DISCARD ALL", "other")]
    [TestCase("COMMENT ON TABLE orders IS 'x'", "other (orders)")]
    [TestCase("SECURITY LABEL FOR selinux ON TABLE orders IS 'x'", "other (orders)")]
    [TestCase("REFRESH MATERIALIZED VIEW CONCURRENTLY sales", "other (sales)")]
    [TestCase("IMPORT FOREIGN SCHEMA remote FROM SERVER srv INTO local", "other")]
    [TestCase("DECLARE c CURSOR WITH HOLD FOR SELECT * FROM orders", "other (orders)")]
    [TestCase("FETCH NEXT FROM c", "other")]
    [TestCase("TABLE orders", "select (orders)")]
    [TestCase("VALUES (1), (2)", "select")]
    [TestCase("SELECT * FROM orders FOR UPDATE OF orders SKIP LOCKED", "select (orders)")]
    [TestCase("frobnicate the database", "unknown")]
    [TestCase("select query_to_xml('select secret from people', true, false, '')", "unknown dynamic", Description = "a query in a string")]
    [TestCase("SELECT pg_catalog.TABLE_TO_XML('people', true, false, '') FROM t", "unknown dynamic (t)")]
    [TestCase("select word from ts_stat('select to_tsvector(secret) from people')", "unknown dynamic")]
    [TestCase("select \"cursor_to_xml\"('c', 10, true, false, '')", "unknown dynamic")]
    [TestCase("select query_to_xml from t", "select (t)", Description = "a column of that name is no call")]
    public void Kinds(string sql, string expected) => Assert.That(Classify(sql), Is.EqualTo(expected));

    [TestCase("SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c USING (id), d WHERE x", "select where (a, b, c, d)")]
    [TestCase("SELECT * FROM public.orders o, \"Orders\" p, \"My \"\"T\"\"\".\"X\"", "select (public.orders, Orders, My \"T\".X)")]
    [TestCase("SELECT * FROM ORDERS, Public.Orders", "select (orders, public.orders)")]
    [TestCase("SELECT * FROM generate_series(1, 3) g, pg_catalog.unnest(ARRAY[1]) u, ROWS FROM (f(), g()) r", "select")]
    [TestCase("SELECT extract(year FROM created), substring(name FROM 1 FOR 2), trim(both FROM x) FROM t", "select (t)")]
    [TestCase("SELECT * FROM t WHERE a IS DISTINCT FROM b", "select where (t)")]
    [TestCase("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE EXISTS (SELECT 1 FROM v))", "select where (t, u, v)")]
    [TestCase("SELECT (SELECT max(x) FROM u), * FROM t, LATERAL (SELECT * FROM v) l", "select (u, t, v)")]
    [TestCase("SELECT * FROM (a JOIN b ON true) JOIN (SELECT 1 FROM c) x ON true", "select (a, b, c)")]
    [TestCase("SELECT * FROM t1 UNION ALL SELECT * FROM t2 ORDER BY 1", "select (t1, t2)")]
    [TestCase("SELECT * FROM t, t, T", "select (t)")]
    [TestCase("SELECT * FROM shop.Public.orders, a.b.c.d", "select (public.orders, a.b.c.d)", Description = "the database part goes; four parts PostgreSQL refuses")]
    [TestCase("SELECT * FROM index, comment, type", "select (index, comment, type)")]
    [TestCase("SELECT * FROM U&\"d\\0061t\\+000061\"", "select (data)")]
    [TestCase("SELECT * FROM U&\"d!0061ta\" UESCAPE '!'", "select (data)")]
    [TestCase("UPDATE ONLY orders o SET total = x.t FROM totals x WHERE o.id = x.id", "update where (orders, totals)")]
    [TestCase("DELETE FROM orders USING users u, accounts a WHERE u.id = orders.uid", "delete where (orders, users, accounts)")]
    [TestCase("INSERT INTO orders SELECT * FROM staging ON CONFLICT (id) DO UPDATE SET total = excluded.total", "insert (orders, staging)")]
    [TestCase("CREATE TABLE m_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "create (m_2024, measurement)")]
    [TestCase("CREATE TABLE child (x int) INHERITS (parent1, s.parent2)", "create (child, parent1, s.parent2)")]
    [TestCase("CREATE VIEW v AS SELECT * FROM orders", "create (v, orders)")]
    [TestCase("CREATE TRIGGER trg BEFORE INSERT OR UPDATE OF total ON orders FOR EACH ROW EXECUTE FUNCTION f()", "create (orders)")]
    [TestCase("CREATE FUNCTION f() RETURNS TABLE (x int) LANGUAGE sql AS $$ SELECT 1 $$", "create")]
    [TestCase("ALTER TABLE measurement ATTACH PARTITION m_2025 FOR VALUES FROM (1) TO (2)", "alter (measurement, m_2025)")]
    [TestCase("ALTER INDEX orders_idx RENAME TO orders_idx2", "alter (orders_idx)")]
    [TestCase("CLUSTER orders_idx ON orders", "other (orders_idx, orders)")]
    public void Tables(string sql, string expected) => Assert.That(Classify(sql), Is.EqualTo(expected));

    [TestCase("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "delete cte (t)")]
    [TestCase("WITH d AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM d", "delete where cte (t)")]
    [TestCase("WITH x AS (SELECT * FROM src) DELETE FROM dst WHERE id IN (SELECT id FROM x)", "delete where (src, dst)")]
    [TestCase("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "insert (t)")]
    [TestCase("WITH u AS (UPDATE a SET x = 1 RETURNING id) DELETE FROM b WHERE id IN (SELECT id FROM u)", "delete cte (a, b)")]
    [TestCase("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r", "select")]
    [TestCase("WITH a AS (SELECT * FROM a) SELECT * FROM a", "select (a)")]
    [TestCase("WITH a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED (SELECT * FROM a) SELECT * FROM b, c", "select (c)")]
    [TestCase("SELECT * FROM (WITH q AS (SELECT 1) SELECT * FROM q) s, q", "select (q)")]
    [TestCase("WITH RECURSIVE g(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM g) SEARCH DEPTH FIRST BY id SET ord SELECT * FROM g, t", "select (t)")]
    [TestCase("WITH RECURSIVE g(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM g) CYCLE id SET c USING p DELETE FROM t", "delete (t)")]
    [TestCase("WITH m AS (MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE) SELECT 1", "merge cte (t, s)")]
    public void Common_table_expressions(string sql, string expected) => Assert.That(Classify(sql), Is.EqualTo(expected));

    [TestCase("EXPLAIN DELETE FROM t", "explain (t)")]
    [TestCase("EXPLAIN ANALYZE DELETE FROM t", "delete (t)")]
    [TestCase("EXPLAIN ANALYSE VERBOSE UPDATE t SET x = 1 WHERE y", "update where (t)")]
    [TestCase("EXPLAIN (ANALYZE) DELETE FROM t", "delete (t)")]
    [TestCase("EXPLAIN (FORMAT JSON, ANALYZE true, BUFFERS) INSERT INTO t VALUES (1)", "insert (t)")]
    [TestCase("EXPLAIN (ANALYZE off) DELETE FROM t", "explain (t)")]
    [TestCase("EXPLAIN (ANALYZE 0) DELETE FROM t", "explain (t)")]
    [TestCase("EXPLAIN (ANALYZE 'yes') DELETE FROM t", "delete (t)")]
    [TestCase("EXPLAIN ANALYZE SELECT * FROM t", "select (t)")]
    [TestCase("EXPLAIN ANALYZE CREATE TABLE t2 AS SELECT * FROM t", "create (t2, t)")]
    [TestCase("EXPLAIN ANALYZE EXECUTE q", "execute dynamic")]
    [TestCase("EXPLAIN ANALYZE WITH d AS (DELETE FROM t RETURNING 1) SELECT * FROM d", "delete cte (t)")]
    [TestCase("SELECT * INTO new_t FROM t", "create (new_t, t)")]
    [TestCase("SELECT * INTO TEMP TABLE new_t FROM t", "create (new_t, t)")]
    [TestCase("CREATE TABLE new_t AS SELECT * FROM t", "create (new_t, t)")]
    [TestCase("CREATE MATERIALIZED VIEW mv AS SELECT * FROM t WITH NO DATA", "create (mv, t)")]
    [TestCase("CREATE TABLE t2 AS EXECUTE q", "create dynamic (t2)")]
    [TestCase("PREPARE p AS DELETE FROM t", "delete dynamic (t)")]
    [TestCase("PREPARE p (int, text) AS UPDATE t SET x = $2 WHERE id = $1", "update where dynamic (t)")]
    [TestCase("DO LANGUAGE plpgsql $body$ BEGIN EXECUTE 'DROP TABLE t'; END $body$", "do dynamic")]
    public void Explain_select_into_and_dynamic_sql(string sql, string expected) => Assert.That(Classify(sql), Is.EqualTo(expected));

    [TestCase("UPDATE t SET x = (SELECT y FROM u WHERE u.id = t.id)", "update (t, u)")]
    [TestCase("DELETE FROM t WHERE CURRENT OF c", "delete where (t)")]
    [TestCase("DELETE FROM t", "delete (t)")]
    [TestCase("SELECT * FROM t WHERE x", "select where (t)")]
    [TestCase("SELECT count(*) FILTER (WHERE x) FROM t", "select (t)")]
    public void Where(string sql, string expected) => Assert.That(Classify(sql), Is.EqualTo(expected));

    // Each form of quoting and comment, with a ';' or keyword inside that must not count.
    [TestCase("SELECT 'a;b'", "select")]
    [TestCase("SELECT 'it''s; DROP TABLE t'", "select")]
    [TestCase("SELECT E'it\\'s; DROP TABLE t'", "select")]
    [TestCase("SELECT e'\\\\'; DROP TABLE t", "select; drop (t)")]
    [TestCase("SELECT U&'\\0041;'", "select")]
    [TestCase("SELECT B'0101', X'1F', N'x;y'", "select")]
    [TestCase("SELECT \"a;b\" FROM t", "select (t)")]
    [TestCase("SELECT \"a\"\";\" FROM t", "select (t)")]
    [TestCase("SELECT $$;DROP TABLE t;$$", "select")]
    [TestCase("SELECT $tag$ $$ ; $tag$", "select")]
    [TestCase("SELECT $a$ $b$ ; $b$ $a$", "select")]
    [TestCase("SELECT $1; DROP TABLE t", "select; drop (t)")]
    [TestCase("SELECT a$$b FROM t; DROP TABLE u", "select (t); drop (u)")]
    [TestCase("SELECT 1 -- ; DROP TABLE t\n", "select")]
    [TestCase("SELECT 1 /* ; DROP TABLE t */", "select")]
    [TestCase("SELECT 1 /* /* ; */ DROP TABLE t; */", "select")]
    [TestCase("SELECT 1 /* /* */ */ ; DROP TABLE t", "select; drop (t)")]
    public void Quoting_and_comments(string sql, string expected) => Assert.That(Classify(sql), Is.EqualTo(expected));

    [TestCase("SELECT 'unterminated")]
    [TestCase("SELECT E'unterminated\\'")]
    [TestCase("SELECT \"unterminated")]
    [TestCase("SELECT $$unterminated")]
    [TestCase("SELECT $x$ unterminated $y$")]
    [TestCase("SELECT 1 /* unterminated")]
    [TestCase("SELECT 1 /* /* */ still open")]
    [TestCase("SELECT U&\"unterminated")]
    [TestCase("SELECT (1")]
    [TestCase("SELECT 1)")]
    [TestCase("WITH x AS SELECT 1")]
    [TestCase("EXPLAIN")]
    [TestCase("PREPARE p")]
    [TestCase("(")]
    [TestCase("42")]
    [TestCase("'string'")]
    public void Unreadable_text_is_unknown(string sql)
    {
        var batch = new StatementBatch();
        SqlClassifier.Classify(Encoding.UTF8.GetBytes(sql), batch);

        Assert.That(batch.Count, Is.EqualTo(1));
        Assert.That(batch[0].Kind, Is.EqualTo(StatementKind.Unknown));
        Assert.That(batch[0].Unknown, Is.True);
        Assert.That(batch.AnyUnknown, Is.True);
    }

    [Test]
    public void A_backslash_that_would_end_a_string_elsewhere_without_standard_conforming_strings_is_unknown()
    {
        // With standard_conforming_strings = off PostgreSQL reads 'a\'' as the string a' and runs the DELETE.
        Assert.That(Classify("SELECT 'a\\''; DELETE FROM t; --'"), Is.EqualTo("unknown"));
        Assert.That(Classify("SELECT '\\d+' FROM t"), Is.EqualTo("select (t)"));
    }

    [Test]
    public void Statements_split_at_semicolons_and_empty_ones_do_not_count()
    {
        var batch = new StatementBatch();
        var sql = "  ;; SELECT 1 ; /* c */ ; UPDATE t SET x = 1;  -- end\n";
        SqlClassifier.Classify(Encoding.UTF8.GetBytes(sql), batch);

        Assert.That(batch.Count, Is.EqualTo(2));
        Assert.That(batch.IsMulti, Is.True);
        Assert.That(sql.Substring(batch[0].Start, batch[0].Length), Is.EqualTo("SELECT 1"));
        Assert.That(sql.Substring(batch[1].Start, batch[1].Length), Is.EqualTo("UPDATE t SET x = 1"));
        Assert.That(batch.MostDangerousKind, Is.EqualTo(StatementKind.Update));
        Assert.That(batch.MostDangerousIndex, Is.EqualTo(1));
        Assert.That(batch.AnyWriteWithoutWhere, Is.True);
        Assert.That(batch.AllTables.ToArray(), Is.EqualTo(new[] { "t" }));
    }

    [Test]
    public void Empty_input_has_no_statements()
    {
        var batch = new StatementBatch();
        SqlClassifier.Classify("  -- nothing\n /* here */ ; "u8, batch);

        Assert.That(batch.Count, Is.Zero);
        Assert.That(batch.IsMulti, Is.False);
        Assert.That(batch.MostDangerousIndex, Is.EqualTo(-1));
    }

    [Test]
    public void Classifying_again_replaces_the_previous_result()
    {
        var batch = new StatementBatch();
        SqlClassifier.Classify("SELECT * FROM a; DELETE FROM b"u8, batch);
        SqlClassifier.Classify("INSERT INTO c VALUES (1)"u8, batch);

        Assert.That(ClassifierTestText.Describe(batch), Is.EqualTo("insert (c)"));
        Assert.That(batch.AllTables.ToArray(), Is.EqualTo(new[] { "c" }));
        Assert.That(batch.AnyWriteWithoutWhere, Is.False);
    }

    [Test]
    public void Long_identifiers_are_truncated_as_PostgreSQL_does()
    {
        var name = new string('a', 70);
        Assert.That(Classify($"SELECT * FROM {name}"), Is.EqualTo($"select ({new string('a', 63)})"));

        // 31 two-byte characters are 62 bytes; the 32nd does not fit whole into 63.
        var wide = new string('é', 40);
        Assert.That(Classify($"SELECT * FROM \"{wide}\""), Is.EqualTo($"select ({new string('é', 31)})"));
    }

    [Test]
    public void A_repeated_table_name_is_the_same_string_instance()
    {
        var batch = new StatementBatch();
        SqlClassifier.Classify("SELECT * FROM orders"u8, batch);
        var first = batch.Tables(0)[0];
        SqlClassifier.Classify("DELETE FROM ORDERS"u8, batch);

        Assert.That(batch.Tables(0)[0], Is.SameAs(first));
    }
}
