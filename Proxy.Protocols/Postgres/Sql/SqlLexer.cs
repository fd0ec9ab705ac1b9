using System.Runtime.CompilerServices;

namespace Proxy.Protocols.Postgres.Sql;

internal enum LexResult : byte
{
    Token,
    Semicolon,
    End,
}

/// <summary>
/// PostgreSQL's lexical rules (PostgreSQL docs 4.1, src/backend/parser/scan.l), only as far as statement
/// boundaries, keywords and names need them: comments (nested /* */ and --), the string forms ('…' with '',
/// E'…' with backslash escapes, B'…', X'…', N'…', U&amp;'…'), dollar quoting, quoted identifiers ("…" and
/// U&amp;"…"), parameters ($1), numbers, words and single-byte punctuation.
/// </summary>
internal static class SqlLexer
{
    /// <summary>Reads the next token into <paramref name="token"/> (a reused slot: every field is set).</summary>
    public static LexResult Next(ReadOnlySpan<byte> s, ref int pos, ref Token token)
    {
        token.Match = -1;
        token.Keyword = Keyword.None;
        token.Char = 0;
        token.Flags = 0;
        var length = s.Length;
        while (pos < length)
        {
            var c = s[pos];
            if ((Classes[c] & Space) != 0)
            {
                pos++;
            }
            else if (c == '-' && pos + 1 < length && s[pos + 1] == '-')
            {
                // scan.l: a -- comment runs to the end of the line.
                pos += 2;
                while (pos < length && s[pos] != '\n' && s[pos] != '\r')
                {
                    pos++;
                }
            }
            else if (c == '/' && pos + 1 < length && s[pos + 1] == '*')
            {
                // Unlike the SQL standard's, PostgreSQL's block comments nest.
                var start = pos;
                var depth = 1;
                pos += 2;
                while (pos < length && depth > 0)
                {
                    if (s[pos] == '/' && pos + 1 < length && s[pos + 1] == '*')
                    {
                        depth++;
                        pos += 2;
                    }
                    else if (s[pos] == '*' && pos + 1 < length && s[pos + 1] == '/')
                    {
                        depth--;
                        pos += 2;
                    }
                    else
                    {
                        pos++;
                    }
                }

                if (depth > 0)
                {
                    return Unterminated(start, length, ref pos, ref token);
                }
            }
            else
            {
                break;
            }
        }

        if (pos >= length)
        {
            return LexResult.End;
        }

        var first = pos;
        var b = s[pos];
        token.Start = first;
        if (b == ';')
        {
            pos++;
            token.Length = 1;
            return LexResult.Semicolon;
        }

        if (IsIdentifierStart(b))
        {
            var next = pos + 1 < length ? s[pos + 1] : (byte)0;
            var lower = (byte)(b | 0x20);
            if (lower == 'u' && next == '&' && pos + 2 < length && s[pos + 2] is (byte)'\'' or (byte)'"')
            {
                var quote = s[pos + 2];
                pos += 3;
                if (!SkipDoubled(s, ref pos, quote))
                {
                    return Unterminated(first, length, ref pos, ref token);
                }

                return Finish(first, pos, quote == '"' ? TokenKind.UnicodeQuotedIdentifier : TokenKind.String, ref token);
            }

            if (next == '\'' && lower is (byte)'e' or (byte)'b' or (byte)'x' or (byte)'n')
            {
                pos += 2;
                if (lower == 'e' ? !SkipEscaped(s, ref pos, ref token) : !SkipPlain(s, ref pos, ref token))
                {
                    return Unterminated(first, length, ref pos, ref token);
                }

                return Finish(first, pos, TokenKind.String, ref token);
            }

            pos++;
            while (pos < length && IsIdentifierPart(s[pos]))
            {
                pos++;
            }

            token.Keyword = Keywords.Lookup(s[first..pos]);
            return Finish(first, pos, TokenKind.Word, ref token);
        }

        switch (b)
        {
            case (byte)'"':
                pos++;
                return SkipDoubled(s, ref pos, (byte)'"')
                    ? Finish(first, pos, TokenKind.QuotedIdentifier, ref token)
                    : Unterminated(first, length, ref pos, ref token);
            case (byte)'\'':
                pos++;
                return SkipPlain(s, ref pos, ref token)
                    ? Finish(first, pos, TokenKind.String, ref token)
                    : Unterminated(first, length, ref pos, ref token);
            case (byte)'$':
                return Dollar(s, ref pos, ref token);
        }

        if (IsDigit(b) || (b == '.' && pos + 1 < length && IsDigit(s[pos + 1])))
        {
            pos = SkipNumber(s, pos);
            return Finish(first, pos, TokenKind.Number, ref token);
        }

        pos++;
        token.Char = b;
        return Finish(first, pos, TokenKind.Punctuation, ref token);
    }

    private const byte IdentifierStart = 1;
    private const byte IdentifierPart = 2;
    private const byte Digit = 4;
    private const byte Space = 8;

    // scan.l's classes by byte: ident_start [A-Za-z\200-\377_], ident_cont adds [0-9\$], space [ \t\n\r\f\v].
    private static ReadOnlySpan<byte> Classes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 8, 8, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        8, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0, 0, 0, 0, 0, 0,
        0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 3,
        0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsIdentifierStart(byte c) => (Classes[c] & IdentifierStart) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsIdentifierPart(byte c) => (Classes[c] & IdentifierPart) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte c) => (Classes[c] & Digit) != 0;

    private static LexResult Finish(int start, int end, TokenKind kind, ref Token token)
    {
        token.Start = start;
        token.Length = end - start;
        token.Kind = kind;
        return LexResult.Token;
    }

    private static LexResult Unterminated(int start, int length, ref int pos, ref Token token)
    {
        pos = length;
        return Finish(start, length, TokenKind.Unterminated, ref token);
    }

    /// <summary>"…" and U&amp;'…': the quote doubled is the quote; nothing else escapes.</summary>
    private static bool SkipDoubled(ReadOnlySpan<byte> s, ref int pos, byte quote)
    {
        while (true)
        {
            var offset = s[pos..].IndexOf(quote);
            if (offset < 0)
            {
                return false;
            }

            pos += offset + 1;
            if (pos < s.Length && s[pos] == quote)
            {
                pos++;
                continue;
            }

            return true;
        }
    }

    /// <summary>
    /// E'…': a backslash escapes the next byte, and '' is a quote. A backslash right after an incomplete
    /// UTF-8 sequence marks the token ambiguous: the text is not UTF-8, and in a client encoding such as
    /// SJIS, BIG5 or GBK that byte is the second half of a character, which PostgreSQL converts before
    /// lexing, so the quote after it would end the string there.
    /// </summary>
    private static bool SkipEscaped(ReadOnlySpan<byte> s, ref int pos, ref Token token)
    {
        while (pos < s.Length)
        {
            var c = s[pos];
            if (c == '\\')
            {
                if (pos > 0 && s[pos - 1] >= 0x80 && !EndsUtf8Character(s[..pos]))
                {
                    token.Flags |= TokenFlags.Ambiguous;
                }

                pos += 2;
            }
            else if (c == '\'')
            {
                pos++;
                if (pos < s.Length && s[pos] == '\'')
                {
                    pos++;
                    continue;
                }

                return true;
            }
            else
            {
                pos++;
            }
        }

        return false;
    }

    /// <summary>
    /// '…' under standard_conforming_strings = on (the default since 9.1). A session that turned it off
    /// reads a backslash as an escape, and then a string like 'a\'' ends at a different quote: a second
    /// statement could hide behind what looks like string text here. When the two readings end the string
    /// at different places the token is marked ambiguous and the statement becomes unknown.
    /// </summary>
    private static bool SkipPlain(ReadOnlySpan<byte> s, ref int pos, ref Token token)
    {
        var start = pos;
        var sawBackslash = false;
        var end = -1;
        for (var p = pos; p < s.Length; p++)
        {
            var c = s[p];
            if (c == '\\')
            {
                sawBackslash = true;
            }
            else if (c == '\'')
            {
                if (p + 1 < s.Length && s[p + 1] == '\'')
                {
                    p++;
                    continue;
                }

                end = p + 1;
                break;
            }
        }

        if (sawBackslash)
        {
            var other = start;
            var escapedEnd = SkipEscaped(s, ref other, ref token) ? other : -1;
            if (escapedEnd != end)
            {
                token.Flags |= TokenFlags.Ambiguous;
            }
        }

        if (end < 0)
        {
            return false;
        }

        pos = end;
        return true;
    }

    /// <summary>Whether <paramref name="text"/> ends with a complete UTF-8 character (its last byte being non-ASCII).</summary>
    private static bool EndsUtf8Character(ReadOnlySpan<byte> text)
    {
        var continuation = 0;
        var i = text.Length - 1;
        while (i >= 0 && continuation < 4 && (text[i] & 0xC0) == 0x80)
        {
            continuation++;
            i--;
        }

        if (i < 0)
        {
            return false;
        }

        var lead = text[i];
        var expected = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
        return expected == continuation;
    }

    private static LexResult Dollar(ReadOnlySpan<byte> s, ref int pos, ref Token token)
    {
        var first = pos;
        var p = pos + 1;
        if (p < s.Length && IsDigit(s[p]))
        {
            while (p < s.Length && IsDigit(s[p]))
            {
                p++;
            }

            pos = p;
            return Finish(first, p, TokenKind.Parameter, ref token);
        }

        // scan.l: dolqdelim = \$({dolq_start}{dolq_cont}*)?\$ — a tag is an identifier without '$'.
        if (p < s.Length && IsIdentifierStart(s[p]))
        {
            p++;
            while (p < s.Length && (IsIdentifierStart(s[p]) || IsDigit(s[p])))
            {
                p++;
            }
        }

        if (p >= s.Length || s[p] != '$')
        {
            pos = first + 1;
            token.Char = (byte)'$';
            return Finish(first, pos, TokenKind.Punctuation, ref token);
        }

        var tag = s[first..(p + 1)];
        var body = p + 1;
        var offset = s[body..].IndexOf(tag);
        if (offset < 0)
        {
            return Unterminated(first, s.Length, ref pos, ref token);
        }

        pos = body + offset + tag.Length;
        return Finish(first, pos, TokenKind.String, ref token);
    }

    private static int SkipNumber(ReadOnlySpan<byte> s, int p)
    {
        // Digits with '_' separators, an optional fraction and exponent. Letters that follow start a new
        // token: before PostgreSQL 15, "1from" lexed as 1 and FROM, and a number must not swallow a keyword.
        while (p < s.Length && (IsDigit(s[p]) || s[p] == '_'))
        {
            p++;
        }

        if (p < s.Length && s[p] == '.' && !(p + 1 < s.Length && s[p + 1] == '.'))
        {
            p++;
            while (p < s.Length && (IsDigit(s[p]) || s[p] == '_'))
            {
                p++;
            }
        }

        if (p + 1 < s.Length && (s[p] | 0x20) == 'e')
        {
            var q = p + 1;
            if (s[q] is (byte)'+' or (byte)'-')
            {
                q++;
            }

            if (q < s.Length && IsDigit(s[q]))
            {
                p = q;
                while (p < s.Length && IsDigit(s[p]))
                {
                    p++;
                }
            }
        }

        return p;
    }
}
