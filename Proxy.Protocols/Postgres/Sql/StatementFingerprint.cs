using System.Buffers;
using System.Text;

namespace Proxy.Protocols.Postgres.Sql;

/// <summary>
/// A statement with its literals replaced by <c>?</c>: what an approved `retry` request grants, so an agent that
/// runs the same statement again is let through and a different one is not. Built from <see cref="SqlLexer"/>'s
/// tokens, so comments, spacing and keyword case do not matter and a literal is exactly what PostgreSQL reads as
/// one: <c>DELETE FROM t WHERE id = 7 -- retry</c> and <c>delete from t where id=8</c> are both
/// <c>delete from t where id = ?</c>.
/// </summary>
/// <remarks>
/// Strings of every form (<c>'…'</c>, <c>E'…'</c>, <c>$$…$$</c>, <c>B'…'</c>, <c>X'…'</c>, <c>U&amp;'…'</c>) and
/// numbers become <c>?</c>; parameters (<c>$1</c>) stay, as they are placeholders already. Unquoted words are
/// folded to lower case as PostgreSQL folds them; quoted identifiers are kept as written. The number of values
/// in a list is kept: approving <c>id in (1, 2)</c> does not approve deleting three rows. Spacing is canonical:
/// one space between tokens, none inside parentheses, before a comma, around a dot or between a name and its
/// parenthesis, and none between
/// punctuation that was adjacent (an operator such as <c>&lt;=</c> or <c>::</c>).
/// </remarks>
internal static class StatementFingerprint
{
    private const int StackLimit = 512;

    /// <summary>The most bytes <see cref="Write"/> can produce from <paramref name="sqlLength"/> bytes: a space per token at most.</summary>
    public static int MaxLength(int sqlLength) => (sqlLength * 2) + 1;

    public static string Of(string sql) => Of(Encoding.UTF8.GetBytes(sql));

    public static string Of(ReadOnlySpan<byte> sql)
    {
        var max = MaxLength(sql.Length);
        byte[]? rented = null;
        var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            return Encoding.UTF8.GetString(buffer[..Write(sql, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes the fingerprint of <paramref name="sql"/> (UTF-8) into <paramref name="destination"/>, at least <see cref="MaxLength"/> long; returns its length.</summary>
    public static int Write(ReadOnlySpan<byte> sql, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MaxLength(sql.Length));
        var written = 0;
        var pos = 0;
        var token = default(Token);
        var previousKind = TokenKind.Punctuation;
        byte previousChar = 0;
        var previousKeyword = false;
        var previousEnd = -1;
        var first = true;
        while (true)
        {
            var result = SqlLexer.Next(sql, ref pos, ref token);
            if (result == LexResult.End)
            {
                break;
            }

            var kind = result == LexResult.Semicolon ? TokenKind.Punctuation : token.Kind;
            var c = result == LexResult.Semicolon ? (byte)';' : token.Char;
            if (!first && SpaceBetween(previousKind, previousChar, previousKeyword, kind, c, adjacent: token.Start == previousEnd))
            {
                destination[written++] = (byte)' ';
            }

            switch (kind)
            {
                case TokenKind.String or TokenKind.Number or TokenKind.Unterminated:
                    destination[written++] = (byte)'?';
                    break;
                case TokenKind.Word:
                    foreach (var b in sql.Slice(token.Start, token.Length))
                    {
                        destination[written++] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
                    }

                    break;
                default:
                    sql.Slice(token.Start, token.Length).CopyTo(destination[written..]);
                    written += token.Length;
                    break;
            }

            first = false;
            previousKind = kind;
            previousChar = c;
            previousKeyword = kind == TokenKind.Word && token.Keyword != Keyword.None;
            previousEnd = token.Start + token.Length;
        }

        // A statement's closing semicolons say nothing about what it does.
        while (written > 0 && destination[written - 1] is (byte)';' or (byte)' ')
        {
            written--;
        }

        return written;
    }

    private static bool SpaceBetween(TokenKind previousKind, byte previousChar, bool previousKeyword, TokenKind kind, byte c, bool adjacent)
    {
        var previousIsPunctuation = previousKind == TokenKind.Punctuation;
        var isPunctuation = kind == TokenKind.Punctuation;
        if (previousIsPunctuation && previousChar is (byte)'(' or (byte)'[' or (byte)'.')
        {
            return false;
        }

        if (isPunctuation && c is (byte)')' or (byte)']' or (byte)',' or (byte)'.' or (byte)';')
        {
            return false;
        }

        if (isPunctuation && c == '(')
        {
            // A call or a column list follows its name directly: count(*), t(a, b); after a keyword or an operator
            // it is spaced: in (…), values (…), = (select …).
            return previousKeyword || previousKind is not (TokenKind.Word or TokenKind.QuotedIdentifier or TokenKind.UnicodeQuotedIdentifier);
        }

        // Punctuation written together is one operator (<=, ::, ->>): kept together, and apart when written apart.
        return !(previousIsPunctuation && isPunctuation && adjacent);
    }
}
