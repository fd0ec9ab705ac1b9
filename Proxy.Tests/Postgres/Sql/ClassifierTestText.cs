using System.Text;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Tests.Postgres.Sql;

/// <summary>One line per classified statement, so that a test case states everything in one string.</summary>
internal static class ClassifierTestText
{
    /// <summary>"kind [where] [cte] [dynamic] (table, table); kind …": flags only when set, tables in order.</summary>
    public static string Classify(string sql)
    {
        var batch = new StatementBatch();
        SqlClassifier.Classify(Encoding.UTF8.GetBytes(sql), batch);
        return Describe(batch);
    }

    public static string Describe(StatementBatch batch)
    {
        var text = new StringBuilder();
        for (var i = 0; i < batch.Count; i++)
        {
            ref readonly var statement = ref batch[i];
            if (i > 0)
            {
                text.Append("; ");
            }

            text.Append(StatementKinds.Name(statement.Kind));
            if (statement.HasWhere)
            {
                text.Append(" where");
            }

            if (statement.CteWrite)
            {
                text.Append(" cte");
            }

            if (statement.Dynamic)
            {
                text.Append(" dynamic");
            }

            var tables = batch.Tables(i);
            if (tables.Length > 0)
            {
                text.Append(" (").AppendJoin(", ", tables.ToArray()).Append(')');
            }
        }

        return text.ToString();
    }
}
