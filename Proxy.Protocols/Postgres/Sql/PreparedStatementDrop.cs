namespace Proxy.Protocols.Postgres.Sql;

/// <summary>What a statement drops of the session's prepared statements.</summary>
internal enum DroppedStatements : byte
{
    None,

    /// <summary>One, by name: `DEALLOCATE [PREPARE] name`.</summary>
    One,

    /// <summary>Every named one: `DEALLOCATE ALL`, `DISCARD ALL`, or a form not read here (counted as all, to be safe).</summary>
    All,
}

/// <summary>
/// Reads `DEALLOCATE [PREPARE] { name | ALL }` and `DISCARD ALL` (PostgreSQL docs, SQL commands DEALLOCATE and
/// DISCARD), which drop prepared statements behind the extended protocol's back: a name Parse defines again
/// afterwards is a new statement, with a new decision and a new result shape.
/// </summary>
internal static class PreparedStatementDrop
{
    /// <summary>What <paramref name="statement"/> (one statement, from its first token) drops; <paramref name="name"/> for <see cref="DroppedStatements.One"/>.</summary>
    public static DroppedStatements Read(ReadOnlySpan<byte> statement, out string? name)
    {
        name = null;
        var pos = 0;
        var token = default(Token);
        if (SqlLexer.Next(statement, ref pos, ref token) != LexResult.Token || token.Kind != TokenKind.Word)
        {
            return DroppedStatements.None;
        }

        switch (token.Keyword)
        {
            case Keyword.Discard:
                // DISCARD PLANS, SEQUENCES and TEMP keep prepared statements; ALL drops them (and closes portals).
                return SqlLexer.Next(statement, ref pos, ref token) == LexResult.Token && token.Kind == TokenKind.Word && token.Keyword != Keyword.All
                    ? DroppedStatements.None
                    : DroppedStatements.All;
            case Keyword.Deallocate:
                break;
            default:
                return DroppedStatements.None;
        }

        if (SqlLexer.Next(statement, ref pos, ref token) != LexResult.Token)
        {
            return DroppedStatements.All;
        }

        // PREPARE is optional noise; "prepare" alone is also a valid statement name (DEALLOCATE prepare).
        if (token.Kind == TokenKind.Word && token.Keyword == Keyword.Prepare)
        {
            var afterPrepare = pos;
            var next = default(Token);
            if (SqlLexer.Next(statement, ref afterPrepare, ref next) == LexResult.Token)
            {
                pos = afterPrepare;
                token = next;
            }
        }

        if (token.Kind == TokenKind.Word && token.Keyword == Keyword.All)
        {
            return DroppedStatements.All;
        }

        name = NamedSource.Name(statement, token);
        return name is null ? DroppedStatements.All : DroppedStatements.One;
    }
}
