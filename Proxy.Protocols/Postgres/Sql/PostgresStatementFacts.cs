using Proxy.Core.Policy.Evaluation;

namespace Proxy.Protocols.Postgres.Sql;

/// <summary>
/// The PostgreSQL classifier as the policy tooling sees it (`given sql = "…"` in policy tests and explain).
/// A text of several statements is judged as a whole, by its most dangerous statement: the view that can only
/// over-state what it does.
/// </summary>
public sealed class PostgresStatementFacts : IStatementClassifier
{
    public static PostgresStatementFacts Instance { get; } = new();

    public StatementFacts Classify(string sql)
    {
        var batch = new StatementBatch();
        SqlClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(sql), batch);
        if (batch.Count == 0)
        {
            return new StatementFacts(StatementKinds.Name(StatementKind.Other), [], Where: false, Multi: false, CteWrite: false, Dynamic: false, Unknown: false);
        }

        var worst = batch[Math.Max(batch.MostDangerousIndex, 0)];
        return new StatementFacts(
            StatementKinds.Name(batch.MostDangerousKind),
            batch.AllTables.ToArray(),
            Where: batch.Count == 1 ? worst.HasWhere : worst.HasWhere && !batch.AnyWriteWithoutWhere,
            Multi: batch.IsMulti,
            CteWrite: batch.AnyCteWrite,
            Dynamic: batch.AnyDynamic,
            Unknown: batch.AnyUnknown);
    }
}
