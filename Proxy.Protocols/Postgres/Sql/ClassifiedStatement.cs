namespace Proxy.Protocols.Postgres.Sql;

/// <summary>One statement of a query string, as <see cref="SqlClassifier"/> classified it.</summary>
/// <param name="Kind">What it does; the most dangerous kind it carries (see <see cref="StatementKinds.DangerRank"/>).</param>
/// <param name="Start">Byte offset of its first token in the classified input.</param>
/// <param name="Length">Bytes from its first token to the end of its last (the <c>;</c> excluded).</param>
/// <param name="HasWhere">For a statement that updates or deletes: every UPDATE and DELETE in it has its own
/// WHERE (one inside a subquery does not count). Otherwise: a WHERE at the statement's top level.</param>
/// <param name="CteWrite">A WITH clause holds an INSERT, UPDATE, DELETE or MERGE.</param>
/// <param name="Dynamic">It runs SQL text the classifier cannot see: DO, EXECUTE, PREPARE.</param>
/// <param name="Unknown">The classifier could not classify it (then <see cref="Kind"/> is Unknown too).</param>
public readonly record struct ClassifiedStatement(
    StatementKind Kind,
    int Start,
    int Length,
    bool HasWhere,
    bool CteWrite,
    bool Dynamic,
    bool Unknown);
