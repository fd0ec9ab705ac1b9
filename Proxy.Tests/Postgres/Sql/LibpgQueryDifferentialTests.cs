using System.Text;
using System.Text.Json;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Tests.Postgres.Sql;

/// <summary>
/// The classifier against PostgreSQL's own parser (libpg_query, PostgreSQL 15) on every statement of the
/// corpus: the classifier's kind must be the same or more dangerous, and its tables must include every
/// relation the parse tree names. The corpus is split with the classifier's own splitter; a statement
/// libpg_query cannot parse is skipped and counted.
/// </summary>
public sealed class LibpgQueryDifferentialTests
{
    private static string CorpusDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Postgres", "Sql", "Corpus");

    [Test]
    [CancelAfter(300_000)]
    public void The_classifier_never_under_states_what_libpg_query_parses()
    {
        Assert.That(LibpgQuery.LoadError, Is.Null);

        var files = Directory.GetFiles(CorpusDirectory, "*.sql").Order(StringComparer.Ordinal).ToArray();
        Assert.That(files, Is.Not.Empty, CorpusDirectory);

        var whole = new StatementBatch();
        var single = new StatementBatch();
        var mismatches = new List<string>();
        int statements = 0, compared = 0, unparsable = 0, moreDangerous = 0, moreTables = 0, relations = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            SqlClassifier.Classify(bytes, whole);
            int fileCompared = 0, fileUnparsable = 0;
            for (var i = 0; i < whole.Count; i++)
            {
                statements++;
                var text = Encoding.UTF8.GetString(bytes, whole[i].Start, whole[i].Length);
                var json = LibpgQuery.Parse(text, out _);
                if (json is null)
                {
                    unparsable++;
                    fileUnparsable++;
                    continue;
                }

                compared++;
                fileCompared++;
                using var tree = JsonDocument.Parse(json);
                var parsed = tree.RootElement.TryGetProperty("stmts", out var stmts) ? stmts.EnumerateArray().ToArray() : [];
                SqlClassifier.Classify(Encoding.UTF8.GetBytes(text), single);
                if (parsed.Length != 1 || single.Count != 1)
                {
                    mismatches.Add($"{Path.GetFileName(file)}: libpg_query found {parsed.Length} statement(s), the classifier {single.Count}\n    {Shorten(text)}");
                    continue;
                }

                var expected = ParseTree.Describe(parsed[0].GetProperty("stmt"));
                var ours = single[0].Kind;
                var tables = single.Tables(0).ToArray();
                var missing = expected.Tables.Where(t => !tables.Contains(t, StringComparer.Ordinal)).ToArray();
                var kindOk = StatementKinds.IsAtLeastAsDangerousAs(ours, expected.Kind);
                if (!kindOk || missing.Length > 0)
                {
                    mismatches.Add(
                        $"{Path.GetFileName(file)}: ours {StatementKinds.Name(ours)} [{string.Join(", ", tables)}], "
                        + $"libpg_query {StatementKinds.Name(expected.Kind)} [{string.Join(", ", expected.Tables)}]"
                        + (missing.Length > 0 ? $", missing [{string.Join(", ", missing)}]" : "")
                        + $"\n    {Shorten(text)}");
                    continue;
                }

                relations += expected.Tables.Count;
                moreDangerous += ours != expected.Kind ? 1 : 0;
                moreTables += tables.Length > expected.Tables.Count ? 1 : 0;
            }

            TestContext.Out.WriteLine($"{Path.GetFileName(file)}: {whole.Count} statements, {fileCompared} compared, {fileUnparsable} not parsed by libpg_query");
        }

        TestContext.Out.WriteLine(
            $"total: {statements} statements, {compared} compared ({relations} relations), {unparsable} not parsed by libpg_query, "
            + $"{mismatches.Count} mismatches; {moreDangerous} classified more dangerous than libpg_query, {moreTables} with more tables");
        foreach (var mismatch in mismatches)
        {
            TestContext.Out.WriteLine(mismatch);
        }

        Assert.That(compared, Is.GreaterThanOrEqualTo(500), "the corpus must give at least 500 comparable statements");
        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches.Take(50)));
    }

    [Test]
    public void The_comparison_can_fail()
    {
        Assert.That(LibpgQuery.LoadError, Is.Null);

        // What the test would compare for a few statements, so that a broken tree walk cannot pass silently.
        Assert.That(Describe("SELECT * FROM a JOIN public.b ON true"), Is.EqualTo("select a, public.b"));
        Assert.That(Describe("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"), Is.EqualTo("select t"));
        Assert.That(Describe("EXPLAIN ANALYZE DELETE FROM \"T\""), Is.EqualTo("delete T"));
        Assert.That(Describe("EXPLAIN (ANALYZE false) DELETE FROM t"), Is.EqualTo("explain t"));
        Assert.That(Describe("SELECT 1 INTO n FROM t"), Is.EqualTo("create n, t"));
        Assert.That(Describe("GRANT SELECT ON a TO u"), Is.EqualTo("grant a"));
        Assert.That(Describe("REVOKE SELECT ON a FROM u"), Is.EqualTo("revoke a"));
        Assert.That(Describe("VACUUM a"), Is.EqualTo("vacuum a"));
        Assert.That(Describe("ANALYZE a"), Is.EqualTo("analyze a"));
        Assert.That(Describe("ROLLBACK TO s"), Is.EqualTo("savepoint"));
        Assert.That(LibpgQuery.Parse("SELEC 1", out var error), Is.Null);
        Assert.That(error, Is.Not.Empty);
    }

    private static string Describe(string sql)
    {
        var json = LibpgQuery.Parse(sql, out var error) ?? throw new AssertionException(error!);
        using var tree = JsonDocument.Parse(json);
        var expected = ParseTree.Describe(tree.RootElement.GetProperty("stmts")[0].GetProperty("stmt"));
        return string.Join(" ", new[] { StatementKinds.Name(expected.Kind) }.Concat([string.Join(", ", expected.Tables)]).Where(s => s.Length > 0));
    }

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 300 ? line : line[..300] + " …";
    }
}

/// <summary>Kind and relations of one libpg_query statement node, in the classifier's terms.</summary>
internal static class ParseTree
{
    public static (StatementKind Kind, IReadOnlyList<string> Tables) Describe(JsonElement statement)
    {
        var relations = new List<(string Name, bool Unqualified)>();
        var ctes = new HashSet<string>(StringComparer.Ordinal);
        Walk(statement, relations, ctes);
        var tables = relations
            .Where(r => !(r.Unqualified && ctes.Contains(r.Name)))
            .Select(r => r.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return (KindOf(statement), tables);
    }

    /// <summary>Every RangeVar (written with or without its "RangeVar" wrapper, so found by its relname) and every CTE name.</summary>
    private static void Walk(JsonElement node, List<(string, bool)> relations, HashSet<string> ctes)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (node.TryGetProperty("relname", out var relname))
                {
                    var parts = new List<string>();
                    if (node.TryGetProperty("catalogname", out var catalog))
                    {
                        parts.Add(catalog.GetString()!);
                    }

                    if (node.TryGetProperty("schemaname", out var schema))
                    {
                        parts.Add(schema.GetString()!);
                    }

                    parts.Add(relname.GetString()!);
                    relations.Add((string.Join('.', parts), parts.Count == 1));
                }

                if (node.TryGetProperty("ctename", out var ctename))
                {
                    ctes.Add(ctename.GetString()!);
                }

                foreach (var property in node.EnumerateObject())
                {
                    Walk(property.Value, relations, ctes);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    Walk(item, relations, ctes);
                }

                break;
        }
    }

    private static StatementKind KindOf(JsonElement statement)
    {
        var node = statement.EnumerateObject().First();
        var body = node.Value;
        bool Flag(string name) => body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
        return node.Name switch
        {
            "SelectStmt" => body.TryGetProperty("intoClause", out _) ? StatementKind.Create : StatementKind.Select,
            "InsertStmt" => StatementKind.Insert,
            "UpdateStmt" => StatementKind.Update,
            "DeleteStmt" => StatementKind.Delete,
            "MergeStmt" => StatementKind.Merge,
            "CopyStmt" => StatementKind.Copy,
            "TruncateStmt" => StatementKind.Truncate,
            "GrantStmt" or "GrantRoleStmt" => Flag("is_grant") ? StatementKind.Grant : StatementKind.Revoke,
            "TransactionStmt" => body.GetProperty("kind").GetString() switch
            {
                "TRANS_STMT_BEGIN" or "TRANS_STMT_START" => StatementKind.Begin,
                "TRANS_STMT_COMMIT" or "TRANS_STMT_PREPARE" or "TRANS_STMT_COMMIT_PREPARED" => StatementKind.Commit,
                "TRANS_STMT_ROLLBACK" or "TRANS_STMT_ROLLBACK_PREPARED" => StatementKind.Rollback,
                _ => StatementKind.Savepoint, // SAVEPOINT, RELEASE, ROLLBACK TO
            },
            "VariableSetStmt" or "ConstraintsSetStmt" => StatementKind.Set,
            "VariableShowStmt" => StatementKind.Show,
            "ExplainStmt" => ExplainAnalyzes(body) ? KindOf(body.GetProperty("query")) : StatementKind.Explain,
            "PrepareStmt" => StatementKind.Prepare,
            "ExecuteStmt" => StatementKind.Execute,
            "CallStmt" => StatementKind.Call,
            "DoStmt" => StatementKind.Do,
            "VacuumStmt" => Flag("is_vacuumcmd") ? StatementKind.Vacuum : StatementKind.Analyze,
            "LockStmt" => StatementKind.Lock,
            "ListenStmt" or "UnlistenStmt" => StatementKind.Listen,
            "NotifyStmt" => StatementKind.Notify,
            "IndexStmt" or "ViewStmt" or "RuleStmt" or "CompositeTypeStmt" or "DefineStmt" or "CreatedbStmt" => StatementKind.Create,
            "RenameStmt" => StatementKind.Alter,
            var name when name.StartsWith("Create", StringComparison.Ordinal) => StatementKind.Create,
            var name when name.StartsWith("Alter", StringComparison.Ordinal) => StatementKind.Alter,
            var name when name.StartsWith("Drop", StringComparison.Ordinal) => StatementKind.Drop,
            _ => StatementKind.Other, // COMMENT, SECURITY LABEL, REINDEX, CLUSTER, REFRESH, DECLARE, FETCH, …
        };
    }

    /// <summary>EXPLAIN ANALYZE, EXPLAIN (ANALYZE), EXPLAIN (ANALYZE true); not (ANALYZE false), (ANALYZE off), (ANALYZE 0).</summary>
    private static bool ExplainAnalyzes(JsonElement explain)
    {
        if (!explain.TryGetProperty("options", out var options))
        {
            return false;
        }

        foreach (var option in options.EnumerateArray())
        {
            var definition = option.GetProperty("DefElem");
            if (definition.GetProperty("defname").GetString() != "analyze")
            {
                continue;
            }

            if (!definition.TryGetProperty("arg", out var argument))
            {
                return true;
            }

            if (argument.TryGetProperty("String", out var text))
            {
                var value = text.TryGetProperty("sval", out var sval) ? sval.GetString() : "";
                return !(string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "off", StringComparison.OrdinalIgnoreCase));
            }

            if (argument.TryGetProperty("Integer", out var integer))
            {
                return integer.TryGetProperty("ival", out var ival) && ival.GetInt32() != 0;
            }

            if (argument.TryGetProperty("Boolean", out var boolean))
            {
                return boolean.TryGetProperty("boolval", out var boolval) && boolval.GetBoolean();
            }

            return true;
        }

        return false;
    }
}
