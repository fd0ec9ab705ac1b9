using System.Collections.Frozen;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy.Evaluation;

/// <summary>
/// Skips rules that cannot match before their conditions run. A rule whose top-level `and` chain holds a
/// positive comparison on a text field (`db == "x"`, `sql.kind in [...]`) or a list field (`groups has "x"`,
/// `sql.tables any in [...]`) is filed under the values that comparison accepts; for an input, only the rules
/// filed under its values, and those with no such comparison, are candidates. Sound because a positive
/// comparison is false for any other value and for a missing one, so a rule skipped here would not have matched.
/// Measured on a generated 100-rule policy: most rules are guarded by a database, user, group or table name,
/// and a typical statement leaves a handful of candidates.
/// </summary>
internal sealed class RuleIndex
{
    /// <summary>Candidates live in a stack-allocated bit set; past this many rules every rule is evaluated.</summary>
    public const int MaxRules = 64 * 64;

    private readonly ulong[] _all;
    private readonly TextGuard[] _textGuards;
    private readonly ListGuard[] _listGuards;

    private RuleIndex(int words, ulong[] all, TextGuard[] textGuards, ListGuard[] listGuards)
    {
        Words = words;
        _all = all;
        _textGuards = textGuards;
        _listGuards = listGuards;
    }

    /// <summary>Bit-set length, in 64-bit words.</summary>
    public int Words { get; }

    /// <summary>An index for <paramref name="rules"/>, or null when no rule has a usable comparison (or there are too many rules).</summary>
    public static RuleIndex? Build(IReadOnlyList<RuleNode> rules, FrozenDictionary<string, ListNode> lists)
    {
        if (rules.Count == 0 || rules.Count > MaxRules)
        {
            return null;
        }

        var words = (rules.Count + 63) / 64;
        var textFiled = new Dictionary<TextField, (ulong[] Guarded, Dictionary<string, ulong[]> ByValue)>();
        var listFiled = new Dictionary<ListField, (ulong[] Guarded, Dictionary<string, ulong[]> ByValue)>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (Guard(rules[i].When, lists) is not { } guard)
            {
                continue;
            }

            var (guarded, byValue) = guard.Text is { } text
                ? Entry(textFiled, text, words)
                : Entry(listFiled, guard.List!.Value, words);
            Set(guarded, i);
            foreach (var value in guard.Values)
            {
                if (!byValue.TryGetValue(value, out var bits))
                {
                    byValue[value] = bits = new ulong[words];
                }

                Set(bits, i);
            }
        }

        if (textFiled.Count == 0 && listFiled.Count == 0)
        {
            return null;
        }

        var all = new ulong[words];
        for (var i = 0; i < rules.Count; i++)
        {
            Set(all, i);
        }

        return new RuleIndex(
            words,
            all,
            textFiled.Select(e => new TextGuard(e.Key, Unguarded(all, e.Value.Guarded), e.Value.ByValue.ToFrozenDictionary(StringComparer.Ordinal))).ToArray(),
            listFiled.Select(e => new ListGuard(e.Key, Unguarded(all, e.Value.Guarded), e.Value.ByValue.ToFrozenDictionary(StringComparer.Ordinal))).ToArray());
    }

    /// <summary>Writes into <paramref name="candidates"/> (<see cref="Words"/> long) the rules that may match <paramref name="input"/>.</summary>
    public void Candidates(in PolicyInput input, Span<ulong> candidates, Span<ulong> scratch)
    {
        _all.CopyTo(candidates);
        foreach (var guard in _textGuards)
        {
            var unguarded = guard.Unguarded;
            if (Fields.Text(input, guard.Field) is { } value && guard.ByValue.TryGetValue(value, out var filed))
            {
                for (var w = 0; w < candidates.Length; w++)
                {
                    candidates[w] &= unguarded[w] | filed[w];
                }
            }
            else
            {
                for (var w = 0; w < candidates.Length; w++)
                {
                    candidates[w] &= unguarded[w];
                }
            }
        }

        foreach (var guard in _listGuards)
        {
            guard.Unguarded.CopyTo(scratch);
            var items = Fields.List(input, guard.Field);
            for (var i = 0; i < items.Count; i++)
            {
                if (guard.ByValue.TryGetValue(items[i], out var filed))
                {
                    for (var w = 0; w < scratch.Length; w++)
                    {
                        scratch[w] |= filed[w];
                    }
                }
            }

            for (var w = 0; w < candidates.Length; w++)
            {
                candidates[w] &= scratch[w];
            }
        }
    }

    /// <summary>The first comparison of the top-level `and` chain that only some values of one field satisfy.</summary>
    private static (TextField? Text, ListField? List, IEnumerable<string> Values)? Guard(Expression when, FrozenDictionary<string, ListNode> lists)
    {
        switch (when)
        {
            case AndExpression and:
                return Guard(and.Left, lists) ?? Guard(and.Right, lists);
            case Comparison { Left: FieldReference field } comparison when PolicyVocabulary.Fields.TryGetValue(field.Name, out var type):
                var isTextField = type is FieldType.Text or FieldType.Protocol or FieldType.StatementKind;
                return comparison.Operator switch
                {
                    ComparisonOperator.Equal when isTextField => (ConditionCompiler.TextFieldOf(field.Name), null, [ConditionCompiler.Text(comparison.Right)]),
                    ComparisonOperator.In when isTextField => (ConditionCompiler.TextFieldOf(field.Name), null, Items(comparison.Right, lists).Select(ConditionCompiler.Text)),
                    ComparisonOperator.Has when type == FieldType.TextList => (null, ConditionCompiler.ListFieldOf(field.Name), [ConditionCompiler.Text(comparison.Right)]),
                    ComparisonOperator.AnyIn when type == FieldType.TextList => (null, ConditionCompiler.ListFieldOf(field.Name), Items(comparison.Right, lists).Select(ConditionCompiler.Text)),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static IReadOnlyList<Expression> Items(Expression list, FrozenDictionary<string, ListNode> lists) =>
        list is ListReference reference ? lists[reference.Name].Items.Items : ((ListLiteral)list).Items;

    private static (ulong[] Guarded, Dictionary<string, ulong[]> ByValue) Entry<TField>(
        Dictionary<TField, (ulong[] Guarded, Dictionary<string, ulong[]> ByValue)> filed, TField field, int words)
        where TField : notnull
    {
        if (!filed.TryGetValue(field, out var entry))
        {
            filed[field] = entry = (new ulong[words], new Dictionary<string, ulong[]>(StringComparer.Ordinal));
        }

        return entry;
    }

    private static ulong[] Unguarded(ulong[] all, ulong[] guarded) => all.Select((bits, w) => bits & ~guarded[w]).ToArray();

    private static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << (index & 63);

    private sealed record TextGuard(TextField Field, ulong[] Unguarded, FrozenDictionary<string, ulong[]> ByValue);

    private sealed record ListGuard(ListField Field, ulong[] Unguarded, FrozenDictionary<string, ulong[]> ByValue);
}
