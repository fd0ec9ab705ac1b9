using System.Text;

namespace Proxy.Protocols.Postgres.Sql;

/// <summary>How a statement defines or reads a named source of rows: a cursor, or a statement of SQL PREPARE.</summary>
internal enum SourceUse : byte
{
    None,

    /// <summary>`DECLARE name … CURSOR … FOR query`.</summary>
    DeclaresCursor,

    /// <summary>`PREPARE name [(types)] AS statement`.</summary>
    PreparesStatement,

    /// <summary>`FETCH` or `MOVE` [direction] [FROM | IN] name.</summary>
    ReadsCursor,

    /// <summary>`EXECUTE name [(arguments)]`, also as the query of `CREATE TABLE … AS EXECUTE name`.</summary>
    ExecutesStatement,
}

/// <summary>
/// Reads the name a statement gives a source of rows or reads one by (PostgreSQL docs, SQL commands DECLARE, FETCH,
/// MOVE, PREPARE and EXECUTE). The statement that reads the source names no table, so it is decided with the tables
/// of the one that defined it: otherwise a rule conditioned on `sql.tables` would not see what its rows come from.
/// </summary>
internal static class NamedSource
{
    /// <summary>What <paramref name="statement"/> (one statement, from its first token) does with a named source; <paramref name="name"/> is the source's.</summary>
    public static SourceUse Read(ReadOnlySpan<byte> statement, out string? name)
    {
        name = null;
        var pos = 0;
        var token = default(Token);
        if (SqlLexer.Next(statement, ref pos, ref token) != LexResult.Token || token.Kind != TokenKind.Word)
        {
            return SourceUse.None;
        }

        if (token.Keyword == Keyword.Create)
        {
            return CreatesFromStatement(statement, pos, out name);
        }

        var use = token.Keyword switch
        {
            Keyword.Declare => SourceUse.DeclaresCursor,
            Keyword.Prepare => SourceUse.PreparesStatement,
            Keyword.Fetch or Keyword.Move => SourceUse.ReadsCursor,
            Keyword.Execute => SourceUse.ExecutesStatement,
            _ => SourceUse.None,
        };
        if (use == SourceUse.None || SqlLexer.Next(statement, ref pos, ref token) != LexResult.Token)
        {
            return SourceUse.None;
        }

        var escape = (byte)'\\';
        if (use == SourceUse.ReadsCursor)
        {
            // The cursor's name ends the statement, whatever direction comes before it (a U&"…" name may be followed by UESCAPE 'c').
            Span<Token> last = [token, default, default];
            while (SqlLexer.Next(statement, ref pos, ref token) == LexResult.Token)
            {
                (last[2], last[1], last[0]) = (last[1], last[0], token);
            }

            token = last[0];
            if (last[1].Kind == TokenKind.Word && last[1].Keyword == Keyword.Uescape && EscapeOf(statement, last[0]) is { } given)
            {
                (token, escape) = (last[2], given);
            }
        }
        else
        {
            escape = EscapeAfter(statement, pos);
        }

        name = Name(statement, token, escape);
        if (name is null || use != SourceUse.PreparesStatement)
        {
            return name is null ? SourceUse.None : use;
        }

        // PREPARE TRANSACTION 'id' has no AS: only a statement being prepared does.
        var next = default(Token);
        while (SqlLexer.Next(statement, ref pos, ref next) == LexResult.Token)
        {
            if (next.Kind == TokenKind.Word && next.Keyword == Keyword.As)
            {
                return use;
            }
        }

        name = null;
        return SourceUse.None;
    }

    /// <summary>`CREATE [TEMP] TABLE name [(columns)] AS EXECUTE statement`: the table is filled with the prepared statement's rows.</summary>
    private static SourceUse CreatesFromStatement(ReadOnlySpan<byte> statement, int pos, out string? name)
    {
        name = null;
        var token = default(Token);
        var afterAs = false;
        while (SqlLexer.Next(statement, ref pos, ref token) == LexResult.Token)
        {
            if (afterAs && token.Kind == TokenKind.Word && token.Keyword == Keyword.Execute)
            {
                name = SqlLexer.Next(statement, ref pos, ref token) == LexResult.Token ? Name(statement, token, EscapeAfter(statement, pos)) : null;
                return name is null ? SourceUse.None : SourceUse.ExecutesStatement;
            }

            afterAs = token.Kind == TokenKind.Word && token.Keyword == Keyword.As;
        }

        return SourceUse.None;
    }

    /// <summary>
    /// An identifier token as PostgreSQL names it, as the classifier writes table names: unquoted folds to lower case
    /// (ASCII only), quoted keeps its case, `U&amp;"…"` decodes its escapes (<paramref name="escape"/>, from a UESCAPE
    /// after it), all cut to 63 bytes; null for any other token.
    /// </summary>
    public static string? Name(ReadOnlySpan<byte> statement, in Token token, byte escape = (byte)'\\')
    {
        if (token.Kind is not (TokenKind.Word or TokenKind.QuotedIdentifier or TokenKind.UnicodeQuotedIdentifier))
        {
            return null;
        }

        var text = statement.Slice(token.Start, token.Length);
        Span<byte> name = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        var length = token.Kind switch
        {
            TokenKind.Word => StatementAnalyzer.Lower(text, name),
            TokenKind.QuotedIdentifier => StatementAnalyzer.Undouble(text[1..^1], name),
            _ => StatementAnalyzer.Unicode(text[3..^1], escape, name),
        };
        return Encoding.UTF8.GetString(name[..StatementAnalyzer.Clip(name[..length])]);
    }

    /// <summary>The escape character of a `U&amp;"…"` name whose token ends at <paramref name="pos"/>: a `UESCAPE 'c'` after it, else a backslash.</summary>
    private static byte EscapeAfter(ReadOnlySpan<byte> statement, int pos)
    {
        var token = default(Token);
        return SqlLexer.Next(statement, ref pos, ref token) == LexResult.Token && token.Kind == TokenKind.Word && token.Keyword == Keyword.Uescape
            && SqlLexer.Next(statement, ref pos, ref token) == LexResult.Token && EscapeOf(statement, token) is { } escape
                ? escape
                : (byte)'\\';
    }

    /// <summary>The character of UESCAPE's one-character string.</summary>
    private static byte? EscapeOf(ReadOnlySpan<byte> statement, in Token token) =>
        token.Kind == TokenKind.String && token.Length == 3 ? statement[token.Start + 1] : null;
}
