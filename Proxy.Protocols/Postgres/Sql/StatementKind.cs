namespace Proxy.Protocols.Postgres.Sql;

/// <summary>What a PostgreSQL statement does, as the policy language names it (<c>sql.kind</c>).</summary>
public enum StatementKind : byte
{
    Select,
    Insert,
    Update,
    Delete,
    Merge,
    Copy,
    Create,
    Alter,
    Drop,
    Truncate,
    Grant,
    Revoke,
    Begin,
    Commit,
    Rollback,
    Savepoint,
    Set,
    Show,
    Explain,
    Prepare,
    Execute,
    Call,
    Do,
    Vacuum,
    Analyze,
    Lock,
    Listen,
    Notify,
    Other,
    Unknown,
}

/// <summary>Names and danger ranking of <see cref="StatementKind"/>.</summary>
public static class StatementKinds
{
    // Indexed by the enum value; each is the exact name in PolicyVocabulary.StatementKinds.
    private static readonly string[] s_names =
    [
        "select", "insert", "update", "delete", "merge", "copy", "create", "alter", "drop", "truncate", "grant",
        "revoke", "begin", "commit", "rollback", "savepoint", "set", "show", "explain", "prepare", "execute", "call",
        "do", "vacuum", "analyze", "lock", "listen", "notify", "other", "unknown",
    ];

    // Indexed by the enum value. Higher is more dangerous; equal ranks are interchangeable. The order is
    // what "never under-state" means: where the classifier is unsure between two kinds it takes the higher
    // one, and a statement that carries another one (a CTE, EXPLAIN ANALYZE, PREPARE … AS, COPY (query))
    // takes the higher of the two. Reads and session control are lowest; row writes rank by how much
    // they can destroy (MERGE can insert, update and delete); DDL and privilege changes above them; and
    // EXECUTE and DO run text the classifier cannot see, so only "unknown" ranks higher.
    private static readonly byte[] s_rank =
    [
        2, // select
        10, // insert
        11, // update
        12, // delete
        13, // merge
        9, // copy: bulk read or write, and COPY … PROGRAM / file access for superusers
        15, // create
        16, // alter
        19, // drop
        18, // truncate
        17, // grant
        17, // revoke
        1, // begin
        1, // commit
        1, // rollback
        1, // savepoint
        3, // set
        0, // show
        0, // explain (without ANALYZE it runs nothing)
        4, // prepare (PREPARE p AS <write> takes the write's kind, which ranks higher)
        20, // execute
        14, // call
        21, // do
        6, // vacuum
        5, // analyze
        7, // lock
        1, // listen
        3, // notify
        8, // other
        22, // unknown
    ];

    /// <summary>Every kind, in enum order.</summary>
    public static ReadOnlySpan<StatementKind> All =>
    [
        StatementKind.Select, StatementKind.Insert, StatementKind.Update, StatementKind.Delete, StatementKind.Merge,
        StatementKind.Copy, StatementKind.Create, StatementKind.Alter, StatementKind.Drop, StatementKind.Truncate,
        StatementKind.Grant, StatementKind.Revoke, StatementKind.Begin, StatementKind.Commit, StatementKind.Rollback,
        StatementKind.Savepoint, StatementKind.Set, StatementKind.Show, StatementKind.Explain, StatementKind.Prepare,
        StatementKind.Execute, StatementKind.Call, StatementKind.Do, StatementKind.Vacuum, StatementKind.Analyze,
        StatementKind.Lock, StatementKind.Listen, StatementKind.Notify, StatementKind.Other, StatementKind.Unknown,
    ];

    /// <summary>The lower-case name the policy language uses for <paramref name="kind"/>.</summary>
    public static string Name(StatementKind kind) => s_names[(int)kind];

    /// <summary>The kind named <paramref name="name"/> (exact, lower case), or false.</summary>
    public static bool TryParse(string name, out StatementKind kind)
    {
        var index = Array.IndexOf(s_names, name);
        kind = index < 0 ? StatementKind.Unknown : (StatementKind)index;
        return index >= 0;
    }

    /// <summary>Higher is more dangerous; kinds with the same rank are equally dangerous.</summary>
    public static int DangerRank(StatementKind kind) => s_rank[(int)kind];

    /// <summary>True when <paramref name="kind"/> is at least as dangerous as <paramref name="other"/>.</summary>
    public static bool IsAtLeastAsDangerousAs(StatementKind kind, StatementKind other) => s_rank[(int)kind] >= s_rank[(int)other];

    /// <summary>The more dangerous of the two; <paramref name="a"/> on a tie.</summary>
    public static StatementKind MoreDangerous(StatementKind a, StatementKind b) => s_rank[(int)b] > s_rank[(int)a] ? b : a;
}
