using System.Runtime.CompilerServices;

namespace Proxy.Protocols.Postgres.Sql;

/// <summary>
/// The PostgreSQL keywords the classifier looks at. The enum name, lower-cased, is the keyword; a word that
/// is not here is <see cref="None"/> (an ordinary identifier as far as the classifier is concerned).
/// </summary>
internal enum Keyword : byte
{
    None,

    // Statement leads
    Select, Insert, Update, Delete, Merge, Copy, Create, Alter, Drop, Truncate, Grant, Revoke, Begin, Start,
    Commit, End, Rollback, Abort, Savepoint, Release, Set, Reset, Show, Explain, Prepare, Execute, Deallocate,
    Call, Do, Vacuum, Analyze, Analyse, Lock, Listen, Unlisten, Notify, With, Values, Table, Reindex, Cluster,
    Checkpoint, Discard, Comment, Security, Refresh, Import, Load, Declare, Fetch, Move, Close, Reassign,

    // Clauses and modifiers
    Recursive, As, Not, Materialized, Search, Cycle, Using, From, Join, Into, Where, Group, Having, Window,
    Order, Limit, Offset, For, Union, Intersect, Except, Returning, When, Then, On, To, Of, Share, Partition,
    Attach, Detach, Inherits, Inherit, References, Like, Only, Lateral, If, Exists, Concurrently, Temp,
    Temporary, Unlogged, Sequence, View, Index, Full, Freeze, Verbose, Distinct, All, Rows, Trigger, Policy,
    Rule, Type, Function, Procedure, Routine, Schema, Database, Domain, Language, Large, Tablespace, Parameter,
    Server, Transaction, Work, Prepared, Instead, Also, True, False, Off, Or, Replace, Unique, Global, Local,
    Constraint, Uescape, Conflict, Add, Rename, Attribute,

    // Other reserved words: never an unquoted table name
    And, Any, Array, Asc, Both, Case, Cast, Check, Collate, Column, Default, Desc, Else, Foreign, In,
    Initially, Leading, Null, Placing, Primary, Some, Symmetric, Asymmetric, Trailing, User, Variadic,
    Deferrable, Authorization, Binary, Collation, Cross, Ilike, Inner, Is, Isnull, Left, Natural, Notnull,
    Outer, Overlaps, Right, Similar, Tablesample, Localtime, Localtimestamp,
}

/// <summary>Keyword lookup over UTF-8 words without allocating: a hash table built once from the enum names.</summary>
internal static class Keywords
{
    private const int TableSize = 1024;
    private const int MaxLength = 16;

    private static readonly byte[][] s_text;
    private static readonly Keyword[] s_table = new Keyword[TableSize];
    private static readonly bool[] s_reserved;

    static Keywords()
    {
        var values = Enum.GetValues<Keyword>();
        s_text = new byte[values.Length][];
        s_reserved = new bool[values.Length];
        foreach (var keyword in values)
        {
            if (keyword == Keyword.None)
            {
                continue;
            }

            var text = System.Text.Encoding.ASCII.GetBytes(keyword.ToString().ToLowerInvariant());
            s_text[(int)keyword] = text;
            var slot = Hash(text) & (TableSize - 1);
            while (s_table[slot] != Keyword.None)
            {
                slot = (slot + 1) & (TableSize - 1);
            }

            s_table[slot] = keyword;
        }

        // PostgreSQL's reserved and type/function-name keywords (Appendix C): an unquoted one is never a
        // table name, so a word from this list ends a table list instead of being captured.
        Keyword[] reserved =
        [
            Keyword.Select, Keyword.Create, Keyword.Grant, Keyword.End, Keyword.Do, Keyword.Analyze, Keyword.Analyse,
            Keyword.With, Keyword.Table, Keyword.Fetch, Keyword.As, Keyword.Not, Keyword.Using, Keyword.From,
            Keyword.Join, Keyword.Into, Keyword.Where, Keyword.Group, Keyword.Having, Keyword.Window, Keyword.Order,
            Keyword.Limit, Keyword.Offset, Keyword.For, Keyword.Union, Keyword.Intersect, Keyword.Except,
            Keyword.Returning, Keyword.When, Keyword.Then, Keyword.On, Keyword.To, Keyword.References, Keyword.Like,
            Keyword.Only, Keyword.Lateral, Keyword.Concurrently, Keyword.Full, Keyword.Freeze, Keyword.Verbose,
            Keyword.Distinct, Keyword.All, Keyword.True, Keyword.False, Keyword.Or, Keyword.Unique,
            Keyword.Constraint, Keyword.And, Keyword.Any, Keyword.Array, Keyword.Asc, Keyword.Both, Keyword.Case,
            Keyword.Cast, Keyword.Check, Keyword.Collate, Keyword.Column, Keyword.Default, Keyword.Desc, Keyword.Else,
            Keyword.Foreign, Keyword.In, Keyword.Initially, Keyword.Leading, Keyword.Null, Keyword.Placing,
            Keyword.Primary, Keyword.Some, Keyword.Symmetric, Keyword.Asymmetric, Keyword.Trailing, Keyword.User,
            Keyword.Variadic, Keyword.Deferrable, Keyword.Authorization, Keyword.Binary, Keyword.Collation,
            Keyword.Cross, Keyword.Ilike, Keyword.Inner, Keyword.Is, Keyword.Isnull, Keyword.Left, Keyword.Natural,
            Keyword.Notnull, Keyword.Outer, Keyword.Overlaps, Keyword.Right, Keyword.Similar, Keyword.Tablesample,
            Keyword.Localtime, Keyword.Localtimestamp,
        ];
        foreach (var keyword in reserved)
        {
            s_reserved[(int)keyword] = true;
        }
    }

    public static bool IsReserved(Keyword keyword) => s_reserved[(int)keyword];

    /// <summary>The keyword <paramref name="word"/> is, case-insensitively (ASCII only, as PostgreSQL folds).</summary>
    public static Keyword Lookup(ReadOnlySpan<byte> word)
    {
        if (word.Length is < 2 or > MaxLength)
        {
            return Keyword.None;
        }

        var slot = Hash(word) & (TableSize - 1);
        while (true)
        {
            var candidate = s_table[slot];
            if (candidate == Keyword.None)
            {
                return Keyword.None;
            }

            var text = s_text[(int)candidate];
            if (text.Length == word.Length && EqualsFolded(word, text))
            {
                return candidate;
            }

            slot = (slot + 1) & (TableSize - 1);
        }
    }

    // Keyword texts are all a-z, so "| 0x20" folds exactly the bytes that can equal them: A-Z to a-z,
    // and no other byte onto a letter.
    private static bool EqualsFolded(ReadOnlySpan<byte> word, byte[] keyword)
    {
        for (var i = 0; i < keyword.Length; i++)
        {
            if ((word[i] | 0x20) != keyword[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Length and three folded bytes: enough to spread the fixed key set, and cheap for every word of every statement.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<byte> text)
        => (((text[0] | 0x20) * 31 + (text[1] | 0x20)) * 31 + (text[^1] | 0x20)) ^ (text.Length * 97);
}
