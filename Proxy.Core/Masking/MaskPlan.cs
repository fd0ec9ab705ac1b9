using System.Collections.Frozen;
using Proxy.Core.Policy.Evaluation;

namespace Proxy.Core.Masking;

/// <summary>
/// The masks of one decision, compiled once per distinct directive list: column masks by name and the pattern
/// rules for every value. Immutable and thread-safe.
/// </summary>
public sealed class MaskPlan
{
    public static readonly MaskPlan Empty = new(FrozenDictionary<string, (ValueMask, string)>.Empty, PatternMask.Empty, []);

    private readonly FrozenDictionary<string, (ValueMask Function, string RuleId)> _columns;

    private MaskPlan(FrozenDictionary<string, (ValueMask, string)> columns, PatternMask patterns, string[] patternNames)
    {
        _columns = columns;
        Patterns = patterns;
        PatternNames = patternNames;
    }

    /// <summary>The name of each rule of <see cref="Patterns"/>, in order: a built-in's name, or `/regex/flags`.</summary>
    public IReadOnlyList<string> PatternNames { get; }

    /// <summary>The `mask pattern` rules, in policy order, duplicates removed.</summary>
    public PatternMask Patterns { get; }

    public bool HasColumnMasks => _columns.Count > 0;

    public bool IsEmpty => _columns.Count == 0 && Patterns.IsEmpty;

    /// <summary>
    /// Compiles directives in policy order. <paramref name="hashKey"/> is the configured HMAC key of `hash`.
    /// Throws <see cref="ArgumentException"/> for a function, argument or pattern name the binder would have
    /// rejected, naming the rule; <see cref="InvalidOperationException"/> for `hash` without a key.
    /// </summary>
    public static MaskPlan Compile(IReadOnlyList<MaskDirective> directives, byte[]? hashKey = null)
    {
        ArgumentNullException.ThrowIfNull(directives);
        if (directives.Count == 0)
        {
            return Empty;
        }

        var columns = new Dictionary<string, (ValueMask Function, string RuleId)>(StringComparer.OrdinalIgnoreCase);
        var rules = new List<(ValuePattern, ValueMask)>();
        var patternNames = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directive in directives)
        {
            ValueMask function;
            try
            {
                function = ValueMask.Create(directive.Function, directive.Arguments, hashKey);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"rule '{directive.RuleId}': {e.Message}", nameof(directives), e);
            }

            if (directive.Columns is { } names)
            {
                foreach (var name in names)
                {
                    // Several masks on one column: the one that reveals least wins, whatever the rule order.
                    if (!columns.TryGetValue(name, out var existing) || function.Disclosure < existing.Function.Disclosure)
                    {
                        columns[name] = (function, directive.RuleId);
                    }
                }
            }
            else if (directive.Pattern is { } pattern)
            {
                var key = $"{directive.PatternIsRegex}\u0000{pattern}\u0000{directive.PatternFlags}\u0000{directive.Function}\u0000{string.Join('\u0000', directive.Arguments)}";
                if (!seen.Add(key))
                {
                    continue;
                }

                try
                {
                    rules.Add((directive.PatternIsRegex ? ValuePatterns.Regex(pattern, directive.PatternFlags) : ValuePatterns.Get(pattern), function));
                    patternNames.Add(directive.PatternIsRegex ? $"/{pattern}/{directive.PatternFlags}" : pattern);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"rule '{directive.RuleId}': {e.Message}", nameof(directives), e);
                }
            }
            else
            {
                throw new ArgumentException($"rule '{directive.RuleId}': a mask directive names neither columns nor a pattern", nameof(directives));
            }
        }

        return new MaskPlan(columns.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), rules.Count == 0 ? PatternMask.Empty : new PatternMask(rules), [.. patternNames]);
    }

    /// <summary>
    /// The mask of a result column, or null. A directive's `"column"` matches that column of any table,
    /// `"table.column"` that column of that table in any schema, `"schema.table.column"` exactly; names compare
    /// case-insensitively (PostgreSQL folds unquoted identifiers to lower case). When several match, the one that
    /// reveals least wins. <paramref name="schema"/> and <paramref name="table"/> are null when the column does not
    /// come straight from a table (an expression).
    /// </summary>
    public ValueMask? ColumnMask(string? schema, string? table, string column) => ColumnMask(schema, table, column, out _);

    /// <summary>As <see cref="ColumnMask(string?, string?, string)"/>, with the id of the rule whose mask it is.</summary>
    public ValueMask? ColumnMask(string? schema, string? table, string column, out string? ruleId)
    {
        ArgumentNullException.ThrowIfNull(column);
        ruleId = null;
        if (_columns.Count == 0)
        {
            return null;
        }

        (ValueMask? Function, string? RuleId) best = _columns.TryGetValue(column, out var bare) ? bare : default;
        if (table is not null)
        {
            best = Stronger(best, _columns.GetValueOrDefault($"{table}.{column}"));
            if (schema is not null)
            {
                best = Stronger(best, _columns.GetValueOrDefault($"{schema}.{table}.{column}"));
            }
        }

        ruleId = best.RuleId;
        return best.Function;
    }

    private static (ValueMask? Function, string? RuleId) Stronger((ValueMask? Function, string? RuleId) a, (ValueMask Function, string RuleId) b) =>
        a.Function is null ? b : b.Function is null ? a : b.Function.Disclosure < a.Function.Disclosure ? b : a;
}
