using System.Collections.Frozen;
using System.Globalization;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy;

/// <summary>
/// What can be decided about rules without an input (docs/policy-language.md, Warnings): a rule that can never
/// match, a rule shadowed by an earlier one, and a mask on a protocol that has no results. The checks are sound
/// and deliberately simple: a warning is only given when it is certain, and many dead or shadowed rules that
/// would need real reasoning (overlapping CIDR ranges, regexes, globs) are not found.
/// </summary>
internal sealed class RuleAnalyzer(IReadOnlyDictionary<string, ListNode> lists, SourceLines lines, List<Diagnostic> diagnostics)
{
    /// <summary>The protocols whose commands return rows a mask can apply to.</summary>
    public static readonly FrozenSet<string> ProtocolsWithResults = FrozenSet.Create(StringComparer.Ordinal, ["postgres", "mysql", "http"]);

    public void Analyze(IReadOnlyList<RuleNode> rules)
    {
        var neverMatching = new HashSet<RuleNode>(ReferenceEqualityComparer.Instance);
        foreach (var rule in rules)
        {
            if (NeverHolds(rule.When) is { } reason)
            {
                neverMatching.Add(rule);
                Warning(reason.Span, $"rule '{rule.Id}' can never match: {reason.Text}");
                continue;
            }

            CheckMaskProtocol(rule);
        }

        var conjuncts = rules.Select(rule => Conjuncts(rule.When).Select(ExpressionText.Of).ToHashSet(StringComparer.Ordinal)).ToArray();
        for (var later = 0; later < rules.Count; later++)
        {
            var rule = rules[later];
            if (neverMatching.Contains(rule) || rule.Mode != RuleMode.Enforce || Verdict(rule) is not { } verdict || AddsOutput(rule))
            {
                continue;
            }

            for (var earlier = 0; earlier < later; earlier++)
            {
                var shadow = rules[earlier];
                if (shadow.Mode == RuleMode.Enforce && Verdict(shadow) is { } shadowVerdict && shadowVerdict >= verdict
                    && conjuncts[earlier].IsSubsetOf(conjuncts[later]))
                {
                    Warning(rule.IdSpan,
                        $"rule '{rule.Id}' is shadowed by rule '{shadow.Id}' at {shadow.IdSpan}: '{shadow.Id}' matches whenever '{rule.Id}' does "
                        + $"and its verdict ({Describe(shadowVerdict)}) is at least as strong, so '{rule.Id}' never decides");
                    break;
                }
            }
        }
    }

    private void CheckMaskProtocol(RuleNode rule)
    {
        var masks = rule.Actions.Where(action => action is MaskColumnAction or MaskPatternAction).ToArray();
        if (masks.Length == 0)
        {
            return;
        }

        var constraints = new Constraints(this);
        foreach (var conjunct in Conjuncts(rule.When))
        {
            constraints.Add(conjunct);
        }

        var possible = constraints.Possible("protocol", PolicyVocabulary.Protocols);
        if (possible.Count == 0 || possible.Overlaps(ProtocolsWithResults))
        {
            return;
        }

        var named = string.Join(" or ", possible.Order(StringComparer.Ordinal).Select(p => $"'{p}'"));
        foreach (var mask in masks)
        {
            Error(mask.Span, possible.Count == 1
                ? $"mask on protocol {named}, which has no results to mask"
                : $"mask on protocol {named}, which have no results to mask");
        }
    }

    /// <summary>Why <paramref name="expression"/> holds for no input, or null when that is not certain.</summary>
    private (SourceSpan Span, string Text)? NeverHolds(Expression expression)
    {
        switch (expression)
        {
            case Comparison { Operator: ComparisonOperator.In or ComparisonOperator.AnyIn } comparison when IsEmptyList(comparison.Right):
                return (comparison.Span, $"'{ExpressionText.Of(comparison)}' holds for no value (the list is empty)");
            case OrExpression either when NeverHolds(either.Left) is not null && NeverHolds(either.Right) is not null:
                return (either.Span, $"neither side of '{ExpressionText.Of(either)}' can hold");
            case NotExpression negation when AlwaysHolds(negation.Operand):
                return (negation.Span, $"'{ExpressionText.Of(negation.Operand)}' always holds, so '{ExpressionText.Of(negation)}' never does");
            case AndExpression both:
                var conjuncts = Conjuncts(both).ToArray();
                foreach (var conjunct in conjuncts)
                {
                    if (NeverHolds(conjunct) is { } inner)
                    {
                        return inner;
                    }
                }

                var constraints = new Constraints(this);
                foreach (var conjunct in conjuncts)
                {
                    if (constraints.Add(conjunct) is { } conflict)
                    {
                        return (conjunct.Span, conflict);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private bool AlwaysHolds(Expression expression) => expression switch
    {
        Comparison { Operator: ComparisonOperator.NotIn } comparison => IsEmptyList(comparison.Right),
        OrExpression or => AlwaysHolds(or.Left) || AlwaysHolds(or.Right),
        AndExpression and => AlwaysHolds(and.Left) && AlwaysHolds(and.Right),
        NotExpression not => NeverHolds(not.Operand) is not null,
        _ => false,
    };

    private bool IsEmptyList(Expression list) => list switch
    {
        ListLiteral literal => literal.Items.Count == 0,
        ListReference reference => lists.TryGetValue(reference.Name, out var declared) && declared.Items.Items.Count == 0,
        _ => false,
    };

    /// <summary>The top-level `and` operands, in written order.</summary>
    private static IEnumerable<Expression> Conjuncts(Expression expression)
    {
        if (expression is AndExpression and)
        {
            foreach (var part in Conjuncts(and.Left).Concat(Conjuncts(and.Right)))
            {
                yield return part;
            }
        }
        else
        {
            yield return expression;
        }
    }

    private static Verdict? Verdict(RuleNode rule)
    {
        Verdict? verdict = null;
        foreach (var action in rule.Actions)
        {
            Verdict? of = action switch
            {
                AllowAction => Evaluation.Verdict.Allow,
                ApproveAction => Evaluation.Verdict.Approve,
                BlockAction => Evaluation.Verdict.Block,
                _ => null,
            };
            if (of is { } found && (verdict is null || found > verdict))
            {
                verdict = found;
            }
        }

        return verdict;
    }

    private static bool AddsOutput(RuleNode rule) => rule.Actions.Any(action => action is MaskColumnAction or MaskPatternAction or LogAction);

    private static string Describe(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    private IEnumerable<Expression> Items(Expression list) => list switch
    {
        ListLiteral literal => literal.Items,
        ListReference reference when lists.TryGetValue(reference.Name, out var declared) => declared.Items.Items,
        _ => [],
    };

    private void Warning(SourceSpan span, string message) => diagnostics.Add(Diagnostic.Warning(span, message, lines.LineAt(span)));

    private void Error(SourceSpan span, string message) => diagnostics.Add(lines.Error(span, message));

    /// <summary>
    /// What a conjunction requires of each single-valued field: the values it may take (from `==` and `in`) and
    /// those it may not (`!=`, `not in`), and of each boolean field its value. A positive comparison is false on
    /// a missing value, so once a field has one, the value must be present and in every positive set.
    /// </summary>
    private sealed class Constraints(RuleAnalyzer analyzer)
    {
        private readonly Dictionary<string, (HashSet<string>? Allowed, Expression? AllowedBy, HashSet<string> Excluded)> _fields = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (bool Value, Expression By)> _flags = new(StringComparer.Ordinal);

        /// <summary>Adds one conjunct; returns why the conjunction can no longer hold, or null.</summary>
        public string? Add(Expression conjunct)
        {
            if (Flag(conjunct) is { } flag)
            {
                if (_flags.TryGetValue(flag.Field, out var earlier))
                {
                    return earlier.Value == flag.Value ? null : Conflict(flag.Field, earlier.By, conjunct);
                }

                _flags[flag.Field] = (flag.Value, conjunct);
                return null;
            }

            if (Values(conjunct) is not { } values)
            {
                return null;
            }

            var state = _fields.TryGetValue(values.Field, out var known) ? known : (null, null, new HashSet<string>(StringComparer.Ordinal));
            if (values.Positive)
            {
                var by = state.AllowedBy;
                state.Allowed = state.Allowed is null ? values.Set : state.Allowed.Intersect(values.Set, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
                state.AllowedBy ??= conjunct;
                _fields[values.Field] = state;
                if (state.Allowed.Except(state.Excluded).Any())
                {
                    return null;
                }

                return by is null ? $"no value of {values.Field} satisfies '{ExpressionText.Of(conjunct)}' and the conditions before it" : Conflict(values.Field, by, conjunct);
            }

            state.Excluded.UnionWith(values.Set);
            _fields[values.Field] = state;
            return state.Allowed is null || state.Allowed.Except(state.Excluded).Any() ? null : Conflict(values.Field, state.AllowedBy!, conjunct);
        }

        /// <summary>The values of <paramref name="field"/> that can still satisfy the conjunction.</summary>
        public HashSet<string> Possible(string field, IEnumerable<string> all)
        {
            if (!_fields.TryGetValue(field, out var state))
            {
                return all.ToHashSet(StringComparer.Ordinal);
            }

            return (state.Allowed ?? all).Except(state.Excluded, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        }

        private static string Conflict(string field, Expression first, Expression second) =>
            $"no value of {field} satisfies both '{ExpressionText.Of(first)}' and '{ExpressionText.Of(second)}'";

        private static (string Field, bool Value)? Flag(Expression conjunct)
        {
            switch (conjunct)
            {
                case FieldReference field when IsFlag(field.Name):
                    return (field.Name, true);
                case NotExpression { Operand: FieldReference field } when IsFlag(field.Name):
                    return (field.Name, false);
                case Comparison { Left: FieldReference field, Operator: ComparisonOperator.Equal or ComparisonOperator.NotEqual, Right: IdentifierLiteral { Name: "true" or "false" } value } comparison
                    when IsFlag(field.Name):
                    return (field.Name, (value.Name == "true") == (comparison.Operator == ComparisonOperator.Equal));
                default:
                    return null;
            }
        }

        private static bool IsFlag(string name) => PolicyVocabulary.Fields.TryGetValue(name, out var type) && type == FieldType.Flag;

        private (string Field, bool Positive, HashSet<string> Set)? Values(Expression conjunct)
        {
            var negated = false;
            if (conjunct is NotExpression { Operand: Comparison inner })
            {
                negated = true;
                conjunct = inner;
            }

            if (conjunct is not Comparison { Left: FieldReference field } comparison
                || !PolicyVocabulary.Fields.TryGetValue(field.Name, out var type)
                || type is not (FieldType.Text or FieldType.Number or FieldType.Protocol or FieldType.StatementKind or FieldType.Weekday))
            {
                return null;
            }

            IEnumerable<Expression> items;
            switch (comparison.Operator)
            {
                case ComparisonOperator.Equal:
                    items = [comparison.Right];
                    break;
                case ComparisonOperator.NotEqual:
                    items = [comparison.Right];
                    negated = !negated;
                    break;
                case ComparisonOperator.In:
                    items = analyzer.Items(comparison.Right);
                    break;
                case ComparisonOperator.NotIn:
                    items = analyzer.Items(comparison.Right);
                    negated = !negated;
                    break;
                default:
                    return null;
            }

            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (Value(item, type) is not { } value)
                {
                    return null;
                }

                set.Add(value);
            }

            return (field.Name, !negated, set);
        }

        /// <summary>The value as the evaluator compares it: weekdays by their three-letter name, numbers in digits.</summary>
        private static string? Value(Expression item, FieldType type)
        {
            var text = item switch
            {
                StringLiteral s => s.Value,
                IdentifierLiteral i => i.Name,
                NumberLiteral n => n.Value.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            return type == FieldType.Weekday && text is { Length: >= 3 } ? text[..3] : text;
        }
    }
}
