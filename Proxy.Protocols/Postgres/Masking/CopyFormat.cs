using System.Text.RegularExpressions;

namespace Proxy.Protocols.Postgres.Masking;

/// <summary>
/// How a `COPY … TO STDOUT` writes its rows (PostgreSQL COPY, "File Formats"), as its statement says: text or CSV,
/// the delimiter, the NULL string, CSV's quote and escape, and whether a header line comes first. Also the query
/// whose columns the rows carry, so the catalog can describe them.
/// </summary>
internal sealed partial record CopyFormat(bool Csv, byte Delimiter, byte[] Null, byte Quote, byte Escape, bool Header, string Source)
{
    /// <summary>COPY's defaults: text, tab-delimited, `\N` for NULL (for a COPY whose statement was not read).</summary>
    public static readonly CopyFormat Text = new(false, (byte)'\t', "\\N"u8.ToArray(), (byte)'"', (byte)'"', false, string.Empty);

    /// <summary>
    /// Reads a COPY statement. False when it does not copy out (COPY … FROM), or uses a form masking cannot read
    /// (a multi-byte or escaped option value); <paramref name="problem"/> then says which, or is null for COPY FROM.
    /// </summary>
    public static bool TryRead(string statement, out CopyFormat? format, out string? problem)
    {
        format = null;
        problem = null;
        var text = statement.TrimStart();
        if (!text.StartsWith("copy", StringComparison.OrdinalIgnoreCase))
        {
            problem = "not a COPY statement";
            return false;
        }

        var rest = text[4..].TrimStart();
        string source;
        string options;
        if (rest.StartsWith('('))
        {
            var close = ClosingParenthesis(rest);
            if (close < 0)
            {
                problem = "the COPY query's parentheses do not close";
                return false;
            }

            source = rest[1..close];
            options = rest[(close + 1)..];
        }
        else
        {
            var table = TableSource().Match(rest);
            if (!table.Success)
            {
                // COPY … FROM, or a shape this reader does not know: not a copy out.
                problem = TableFrom().IsMatch(rest) ? null : "the COPY statement's table could not be read";
                return false;
            }

            source = $"SELECT {(table.Groups["columns"].Success ? table.Groups["columns"].Value : "*")} FROM {table.Groups["table"].Value}";
            options = rest[table.Length..];
        }

        if (!ToStdout().IsMatch(options))
        {
            problem = null;
            return false;
        }

        var csv = Option(options, "format") is { } named ? named.Equals("csv", StringComparison.OrdinalIgnoreCase) : CsvWord().IsMatch(options);
        if (Option(options, "null") is Unreadable)
        {
            problem = "a COPY NULL written as an escape or Unicode string";
            return false;
        }

        if (!TryByte(Option(options, "delimiter"), csv ? (byte)',' : (byte)'\t', out var delimiter)
            || !TryByte(Option(options, "quote"), (byte)'"', out var quote)
            || !TryByte(Option(options, "escape"), quote, out var escape))
        {
            problem = "a COPY DELIMITER, QUOTE or ESCAPE of more than one ASCII character, or written as an escape or Unicode string";
            return false;
        }

        var nullText = Option(options, "null") ?? (csv ? string.Empty : "\\N");
        var header = HeaderOption().Match(options) is { Success: true } h && !h.Groups["off"].Success;
        format = new CopyFormat(csv, delimiter, System.Text.Encoding.UTF8.GetBytes(nullText), quote, escape, header, source);
        return true;
    }

    private static bool TryByte(string? value, byte fallback, out byte result)
    {
        result = fallback;
        if (value is null)
        {
            return true;
        }

        if (value.Length != 1 || value[0] > 127)
        {
            return false;
        }

        result = (byte)value[0];
        return true;
    }

    /// <summary>
    /// An option's value: `DELIMITER ','`, `DELIMITER AS ','`, `(DELIMITER ',')`, `FORMAT csv`. Null when absent;
    /// <see cref="Unreadable"/> for an escape or Unicode string (`E'\x01'`, `U&amp;'\0001'`), whose value is not read here.
    /// </summary>
    private static string? Option(string options, string name)
    {
        var match = Regex.Match(options, $@"\b{name}\s+(?:as\s+)?(?:'(?<quoted>(?:[^']|'')*)'|(?<special>[a-z]+(?:'|&))|(?<word>[a-z_]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal)
            : match.Groups["special"].Success ? Unreadable
            : match.Groups["word"].Value;
    }

    /// <summary>What <see cref="Option"/> gives for a value it cannot read: more than one character, so no option byte takes it.</summary>
    private const string Unreadable = "\uFFFF\uFFFF";

    /// <summary>The index of the parenthesis closing the one at 0, skipping quoted text; -1 when it does not close.</summary>
    private static int ClosingParenthesis(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'' or '"':
                    var quote = text[i];
                    i++;
                    while (i < text.Length && text[i] != quote)
                    {
                        i++;
                    }

                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return i;
            }
        }

        return -1;
    }

    [GeneratedRegex("""^(?<table>(?:"(?:[^"]|"")*"|[^\s("])+)\s*(?:\((?<columns>[^)]*)\))?\s*(?=to\b)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TableSource();

    [GeneratedRegex("""^(?:"(?:[^"]|"")*"|[^\s("])+\s*(?:\([^)]*\))?\s*from\b""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TableFrom();

    [GeneratedRegex(@"^\s*to\s+stdout\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ToStdout();

    [GeneratedRegex(@"\bcsv\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CsvWord();

    [GeneratedRegex(@"\bheader\b(?<off>\s+(?:false|off|0)\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderOption();
}
