using System.Text.RegularExpressions;

namespace Proxy.Core.Masking;

/// <summary>
/// A detector that finds every match of one kind of sensitive value in a UTF-8 text (docs/masking.md). The
/// built-in ones work on bytes; a custom regex decodes the text to UTF-16 once per value, shared by every regex
/// of the same <see cref="PatternMask"/>. Immutable and thread-safe.
/// </summary>
public abstract class ValuePattern
{
    private protected ValuePattern(string name) => Name = name;

    /// <summary>The built-in name (`credit_card`) or `/regex/flags`.</summary>
    public string Name { get; }

    /// <summary>
    /// No match is shorter than this many bytes; 0 when no bound is known (a custom regex). A value whose text is
    /// always shorter (an int4 is at most 11 characters) need not be scanned.
    /// </summary>
    public virtual int MinMatchLength => 0;

    /// <summary>Every match in <paramref name="utf8Text"/> as byte ranges, in order, not overlapping. Allocates the list: for tests and tools, not the data path.</summary>
    public IReadOnlyList<Range> Matches(ReadOnlySpan<byte> utf8Text)
    {
        var scan = new TextScan(utf8Text);
        var matches = default(MatchList);
        try
        {
            FindAll(utf8Text, ref scan, ref matches, 0);
            var result = new Range[matches.Count];
            var items = matches.Items;
            for (var i = 0; i < items.Length; i++)
            {
                result[i] = new Range(items[i].Start, items[i].Start + items[i].Length);
            }

            return result;
        }
        finally
        {
            matches.Dispose();
            scan.Dispose();
        }
    }

    internal abstract void FindAll(ReadOnlySpan<byte> text, ref TextScan scan, ref MatchList matches, int rule);

    public override string ToString() => Name;
}

/// <summary>A built-in detector: finds the leftmost match at or after a position, over bytes.</summary>
internal abstract class ByteScanner : ValuePattern
{
    private protected ByteScanner(string name)
        : base(name)
    {
    }

    /// <summary>The start of the leftmost match at or after <paramref name="start"/>, or -1; matches never reach before <paramref name="start"/>.</summary>
    public abstract int FindNext(ReadOnlySpan<byte> text, int start, out int length);

    internal sealed override void FindAll(ReadOnlySpan<byte> text, ref TextScan scan, ref MatchList matches, int rule)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = FindNext(text, position, out var length);
            if (found < 0)
            {
                return;
            }

            matches.Add(found, length, rule);
            position = found + Math.Max(length, 1);
        }
    }

    private protected static bool IsWordByte(byte b) => char.IsAsciiLetterOrDigit((char)b);

    private protected static bool IsDigit(byte b) => b - (uint)'0' <= 9;
}

/// <summary>`mask pattern /regex/flags`: .NET regex over the decoded text, NonBacktracking so matching is linear in the value.</summary>
internal sealed class RegexPattern : ValuePattern
{
    private readonly Regex _regex;

    public RegexPattern(string pattern, string flags)
        : base($"/{pattern}/{flags}")
    {
        // NonBacktracking: matching is linear in the input, so no pattern an operator writes can stall a result stream.
        var options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
        foreach (var flag in flags)
        {
            options |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => throw new ArgumentException($"unknown regex flag '{flag}' (flags: i, m, s, x)", nameof(flags)),
            };
        }

        _regex = new Regex(pattern, options);
    }

    internal override void FindAll(ReadOnlySpan<byte> text, ref TextScan scan, ref MatchList matches, int rule)
    {
        foreach (var match in _regex.EnumerateMatches(scan.Chars))
        {
            var start = scan.ByteStart(match.Index);
            var end = scan.ByteEnd(match.Index + match.Length);
            if (end > start)
            {
                matches.Add(start, end - start, rule);
            }
        }
    }
}
