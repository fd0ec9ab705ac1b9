using System.Buffers;

namespace Proxy.Core.Masking;

/// <summary>
/// The `mask pattern` rules that apply to every value: each detector's matches are replaced by its function's
/// output of the matched bytes, the rest is copied. Overlapping matches (from different rules) merge into one
/// region covering all of them, masked by the function of the match that starts first (the longest among those
/// starting there, then the earliest rule), so no byte any rule matched survives. If a rule whose function is
/// `null` matches anywhere, the whole value becomes NULL: part of a value cannot be NULL. A value with no match
/// writes nothing, allocates nothing and returns <see cref="MaskResult.Unchanged"/>. Immutable and thread-safe.
/// </summary>
public sealed class PatternMask
{
    public static readonly PatternMask Empty = new([]);

    private readonly ValuePattern[] _patterns;
    private readonly ValueMask[] _functions;

    public PatternMask(IReadOnlyList<(ValuePattern Pattern, ValueMask Function)> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _patterns = new ValuePattern[rules.Count];
        _functions = new ValueMask[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            _patterns[i] = rules[i].Pattern ?? throw new ArgumentException($"rule {i} has no pattern", nameof(rules));
            _functions[i] = rules[i].Function ?? throw new ArgumentException($"rule {i} has no function", nameof(rules));
        }

        MinMatchLength = _patterns.Length == 0 ? int.MaxValue : _patterns.Min(p => p.MinMatchLength);
    }

    public PatternMask(ValuePattern pattern, ValueMask function)
        : this([(pattern, function)])
    {
    }

    /// <summary>The rules, in policy order.</summary>
    public IReadOnlyList<(ValuePattern Pattern, ValueMask Function)> Rules => _patterns.Zip(_functions).ToArray();

    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>No rule matches fewer bytes than this (0 when some rule has no known bound): shorter values cannot change.</summary>
    public int MinMatchLength { get; }

    public MaskResult Apply(ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output) => Apply(utf8Value, output, out _);

    /// <summary>
    /// As <see cref="Apply(ReadOnlySpan{byte}, IBufferWriter{byte})"/>; <paramref name="matchedRules"/> has bit i set
    /// when rule i (of the first 64) matched, so a caller can count what each pattern masked.
    /// </summary>
    public MaskResult Apply(ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output, out ulong matchedRules)
    {
        ArgumentNullException.ThrowIfNull(output);
        matchedRules = 0;
        if (_patterns.Length == 0 || utf8Value.IsEmpty)
        {
            return MaskResult.Unchanged;
        }

        var scan = new TextScan(utf8Value);
        var matches = default(MatchList);
        try
        {
            for (var rule = 0; rule < _patterns.Length; rule++)
            {
                _patterns[rule].FindAll(utf8Value, ref scan, ref matches, rule);
            }

            if (matches.Count == 0)
            {
                return MaskResult.Unchanged;
            }

            var items = matches.Items;
            foreach (var match in items)
            {
                matchedRules |= match.Rule < 64 ? 1UL << match.Rule : 0;
            }

            foreach (var match in items)
            {
                if (_functions[match.Rule] is NullMask)
                {
                    return MaskResult.Null;
                }
            }

            items.Sort();
            var copied = 0;
            var next = 0;
            while (next < items.Length)
            {
                var first = items[next++];
                var end = first.End;
                while (next < items.Length && items[next].Start < end)
                {
                    end = Math.Max(end, items[next++].End);
                }

                Copy(utf8Value[copied..first.Start], output);
                _functions[first.Rule].Apply(utf8Value[first.Start..end], output);
                copied = end;
            }

            Copy(utf8Value[copied..], output);
            return MaskResult.Written;
        }
        finally
        {
            matches.Dispose();
            scan.Dispose();
        }
    }

    private static void Copy(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        if (!bytes.IsEmpty)
        {
            bytes.CopyTo(output.GetSpan(bytes.Length));
            output.Advance(bytes.Length);
        }
    }
}
