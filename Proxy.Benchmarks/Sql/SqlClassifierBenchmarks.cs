using System.Text;
using BenchmarkDotNet.Attributes;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Benchmarks.Sql;

/// <summary>
/// What classifying one Query or Parse message costs, for typical statements under 200 characters.
/// <see cref="LexOnly"/> is the floor: the same bytes through the lexer alone, so the difference is the
/// statement walk (kinds, tables, CTE scopes, name interning). Both must allocate nothing: the batch is
/// reused as a session reuses it.
/// </summary>
public class SqlClassifierBenchmarks
{
    private static readonly Dictionary<string, string> s_statements = new()
    {
        ["pgbench-select"] = "SELECT abalance FROM pgbench_accounts WHERE aid = $1",
        ["update-where"] = "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
        ["join-3-tables"] = "SELECT o.id, c.name, p.title FROM orders o JOIN customers c ON c.id = o.customer_id JOIN products p ON p.id = o.product_id WHERE o.id = $1",
        ["multi-statement"] = "BEGIN; UPDATE pgbench_tellers SET tbalance = tbalance + 1 WHERE tid = 2; INSERT INTO pgbench_history (tid, delta) VALUES (2, 1); COMMIT",
    };

    private readonly StatementBatch _batch = new();
    private byte[] _sql = [];

    [Params("pgbench-select", "update-where", "join-3-tables", "multi-statement")]
    public string Statement { get; set; } = "pgbench-select";

    [GlobalSetup]
    public void Setup()
    {
        _sql = Encoding.UTF8.GetBytes(s_statements[Statement]);
        SqlClassifier.Classify(_sql, _batch);
    }

    [Benchmark(Baseline = true)]
    public int LexOnly()
    {
        var pos = 0;
        var tokens = 0;
        var token = default(Token);
        while (SqlLexer.Next(_sql, ref pos, ref token) != LexResult.End)
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    public int Classify()
    {
        SqlClassifier.Classify(_sql, _batch);
        return _batch.Count;
    }
}
