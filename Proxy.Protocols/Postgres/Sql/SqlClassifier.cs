namespace Proxy.Protocols.Postgres.Sql;

/// <summary>
/// Classifies PostgreSQL statement text for policy decisions: statement kind, tables, WHERE, CTE writes,
/// dynamic SQL. Hand-written rather than a full parser: one lexical pass over the UTF-8 bytes, then one
/// walk over each statement's tokens, no allocation once the batch's buffers have grown. Where the text
/// leaves a doubt the answer is the more dangerous one, and text it cannot read at all is Unknown.
/// </summary>
public static class SqlClassifier
{
    /// <summary>Splits <paramref name="utf8Sql"/> into statements and classifies each into <paramref name="into"/>. Never throws on any input.</summary>
    public static void Classify(ReadOnlySpan<byte> utf8Sql, StatementBatch into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        var pos = 0;
        var count = 0;
        var open = 0;
        var unbalanced = false;
        while (true)
        {
            if (count == into.Tokens.Length)
            {
                Array.Resize(ref into.Tokens, count * 2);
            }

            ref var token = ref into.Tokens[count];
            var result = SqlLexer.Next(utf8Sql, ref pos, ref token);
            if (result != LexResult.Token)
            {
                // PostgreSQL splits a simple Query at every ';' outside quotes and comments; one inside
                // parentheses is a syntax error that fails the whole string, so splitting there only over-states.
                if (count > 0)
                {
                    Analyze(utf8Sql, into, count, unbalanced || open > 0);
                }

                if (result == LexResult.End)
                {
                    break;
                }

                count = 0;
                open = 0;
                unbalanced = false;
                continue;
            }

            if (token.Kind == TokenKind.Punctuation)
            {
                if (token.Char == '(')
                {
                    if (open == into.ParenStack.Length)
                    {
                        Array.Resize(ref into.ParenStack, open * 2);
                    }

                    into.ParenStack[open++] = count;
                }
                else if (token.Char == ')')
                {
                    if (open == 0)
                    {
                        unbalanced = true;
                    }
                    else
                    {
                        var opener = into.ParenStack[--open];
                        into.Tokens[opener].Match = count;
                        token.Match = opener;
                    }
                }
            }

            count++;
        }

        into.Complete();
    }

    private static void Analyze(ReadOnlySpan<byte> sql, StatementBatch batch, int count, bool unbalanced)
    {
        var analyzer = new StatementAnalyzer(sql, batch, count, batch.Levels);
        analyzer.Run(unbalanced);
    }
}
