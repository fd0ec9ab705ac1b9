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

        if (use == SourceUse.ReadsCursor)
        {
            // The cursor's name ends the statement, whatever direction comes before it.
            var last = token;
            while (SqlLexer.Next(statement, ref pos, ref token) == LexResult.Token)
            {
                last = token;
            }

            token = last;
        }

        name = Name(statement, token);
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
                name = SqlLexer.Next(statement, ref pos, ref token) == LexResult.Token ? Name(statement, token) : null;
                return name is null ? SourceUse.None : SourceUse.ExecutesStatement;
            }

            afterAs = token.Kind == TokenKind.Word && token.Keyword == Keyword.As;
        }

        return SourceUse.None;
    }

    /// <summary>An identifier token as PostgreSQL names it: unquoted folds to lower case, quoted keeps its case; null for any other token.</summary>
    public static string? Name(ReadOnlySpan<byte> statement, in Token token)
    {
        var text = statement.Slice(token.Start, token.Length);
        return token.Kind switch
        {
            // ASCII only, as PostgreSQL's downcase_identifier does in UTF-8.
            TokenKind.Word => AsciiLower(text),
            TokenKind.QuotedIdentifier => Encoding.UTF8.GetString(text[1..^1]).Replace("\"\"", "\"", StringComparison.Ordinal),
            _ => null,
        };
    }

    private static string AsciiLower(ReadOnlySpan<byte> word)
    {
        Span<byte> lower = word.Length <= 256 ? stackalloc byte[word.Length] : new byte[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            lower[i] = word[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(word[i] | 0x20) : word[i];
        }

        return Encoding.UTF8.GetString(lower);
    }
}
