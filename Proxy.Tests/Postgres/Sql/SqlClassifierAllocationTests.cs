using System.Text;
using Proxy.Protocols.Postgres.Sql;
using Proxy.Tests.Support;

namespace Proxy.Tests.Postgres.Sql;

public sealed class SqlClassifierAllocationTests
{
    private static readonly string[] s_statements =
    [
        "SELECT abalance FROM pgbench_accounts WHERE aid = $1",
        "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
        "SELECT o.id, c.name, p.title FROM orders o JOIN customers c ON c.id = o.customer_id JOIN products p ON p.id = o.product_id WHERE o.id = 42",
        "BEGIN; INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (1, 2, 3, 4, CURRENT_TIMESTAMP); COMMIT",
        "WITH d AS (DELETE FROM \"Queue\" WHERE id = 1 RETURNING *) INSERT INTO archive.queue SELECT * FROM d",
        "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM U&\"d\\0061ta\" WHERE x IN (SELECT y FROM z)",
    ];

    [Test]
    public void Classifying_a_text_seen_before_allocates_nothing()
    {
        var batch = new StatementBatch();
        var texts = s_statements.Select(Encoding.UTF8.GetBytes).ToArray();
        foreach (var text in texts)
        {
            var allocated = SteadyAllocation.Measure(() =>
            {
                for (var i = 0; i < 1_000; i++)
                {
                    SqlClassifier.Classify(text, batch);
                }
            });

            Assert.That(allocated, Is.Zero, Encoding.UTF8.GetString(text));
        }
    }
}
