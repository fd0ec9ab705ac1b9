namespace Proxy.Protocols.Postgres.Sql;

internal enum TokenKind : byte
{
    Word,
    QuotedIdentifier,
    UnicodeQuotedIdentifier,
    String,
    Number,
    Parameter,
    Punctuation,

    /// <summary>An unterminated quote or comment, running to the end of the input.</summary>
    Unterminated,
}

internal static class TokenFlags
{
    /// <summary>A statement starts here (the main statement after a WITH list, EXPLAIN's or PREPARE's inner statement).</summary>
    public const byte StatementStart = 1;

    /// <summary>This '(' opens a CTE body.</summary>
    public const byte CteBody = 2;

    /// <summary>A plain string whose end depends on standard_conforming_strings.</summary>
    public const byte Ambiguous = 4;
}

/// <summary>One lexical token of a statement: where it is and what the classifier needs to know about it.</summary>
internal struct Token
{
    public int Start;
    public int Length;

    /// <summary>For '(' and ')': the index of the matching parenthesis, or -1.</summary>
    public int Match;

    public TokenKind Kind;
    public Keyword Keyword;

    /// <summary>For punctuation: the byte.</summary>
    public byte Char;

    public byte Flags;
}
