using System.Collections.Frozen;
using System.Net;
using System.Text.RegularExpressions;
using Proxy.Core.Diagnostics;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy;

/// <summary>The bound policy of one directory: every file, in name order, with its names checked and lists resolved.</summary>
public sealed record PolicyDocument(
    IReadOnlyList<PolicyFile> Files,
    DefaultDecision Default,
    FrozenDictionary<string, ListNode> Lists,
    IReadOnlyList<RuleNode> Rules,
    IReadOnlyList<TestNode> Tests);

/// <summary>
/// Checks names and types after parsing, across all files of a policy at once (lists, rule ids and `default`
/// are shared by the directory). Like the parser, it reports every problem rather than stopping at the first.
/// </summary>
public sealed class PolicyBinder
{
    private readonly SourceLines _lines;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, ListNode> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleNode> _rules = new(StringComparer.Ordinal);

    private PolicyBinder(SourceLines lines) => _lines = lines;

    /// <summary>Binds <paramref name="files"/> (already parsed); the document is null when any error was found.</summary>
    public static (PolicyDocument? Policy, IReadOnlyList<Diagnostic> Diagnostics) Bind(IReadOnlyList<PolicyFile> files, SourceLines lines)
    {
        var binder = new PolicyBinder(lines);
        var document = binder.BindAll(files);
        return (binder._diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error) ? null : document, binder._diagnostics);
    }

    private PolicyDocument BindAll(IReadOnlyList<PolicyFile> files)
    {
        DefaultNode? defaultNode = null;
        foreach (var file in files)
        {
            if (file.Version is { Number: not 1 } version)
            {
                Error(version.Span, $"unsupported version {version.Number}; this proxy reads version 1");
            }

            if (file.Default is { } declared)
            {
                if (defaultNode is null)
                {
                    defaultNode = declared;
                }
                else
                {
                    Error(declared.Span, $"'default' is already declared at {defaultNode.Span}; a policy directory declares it at most once");
                }
            }

            foreach (var list in file.Lists)
            {
                if (!_lists.TryAdd(list.Name, list))
                {
                    Error(list.NameSpan, $"duplicate list '{list.Name}': already declared at {_lists[list.Name].NameSpan}");
                }
            }

            foreach (var rule in file.Rules)
            {
                if (!_rules.TryAdd(rule.Id, rule))
                {
                    Error(rule.IdSpan, $"duplicate rule id '{rule.Id}': already declared at {_rules[rule.Id].IdSpan}");
                }
            }
        }

        foreach (var list in _lists.Values)
        {
            foreach (var item in list.Items.Items)
            {
                if (item is DurationLiteral)
                {
                    Error(item.Span, "a list holds strings, numbers or names, not durations");
                }
            }
        }

        foreach (var file in files)
        {
            foreach (var rule in file.Rules)
            {
                CheckCondition(rule.When);
                foreach (var action in rule.Actions)
                {
                    CheckAction(action);
                }
            }

            foreach (var test in file.Tests)
            {
                CheckTest(test);
            }
        }

        var rules = files.SelectMany(f => f.Rules).ToArray();
        new RuleAnalyzer(_lists, _lines, _diagnostics).Analyze(rules);
        return new PolicyDocument(
            files,
            defaultNode?.Decision ?? DefaultDecision.Allow,
            _lists.ToFrozenDictionary(StringComparer.Ordinal),
            rules,
            files.SelectMany(f => f.Tests).ToArray());
    }

    private void CheckCondition(Expression expression)
    {
        switch (expression)
        {
            case AndExpression and:
                CheckCondition(and.Left);
                CheckCondition(and.Right);
                break;
            case OrExpression or:
                CheckCondition(or.Left);
                CheckCondition(or.Right);
                break;
            case NotExpression not:
                CheckCondition(not.Operand);
                break;
            case FieldReference field:
                if (ResolveField(field) is { } type && type != FieldType.Flag)
                {
                    Error(field.Span, $"type mismatch: {field.Name} is {PolicyVocabulary.Describe(type)}, not a condition; compare it with a value");
                }

                break;
            case Comparison comparison:
                CheckComparison(comparison);
                break;
        }
    }

    private void CheckComparison(Comparison comparison)
    {
        if (comparison.Left is not FieldReference field || ResolveField(field) is not { } type)
        {
            return;
        }

        var op = comparison.Operator.ToSourceText();
        switch (comparison.Operator)
        {
            case ComparisonOperator.Equal or ComparisonOperator.NotEqual:
                if (type == FieldType.TextList)
                {
                    Error(comparison.OperatorSpan, $"type mismatch: {field.Name} is a list; use 'has', 'any in' or 'all in'");
                }
                else
                {
                    CheckValue(field.Name, type, comparison.Right);
                }

                break;
            case ComparisonOperator.In or ComparisonOperator.NotIn:
                if (type == FieldType.TextList)
                {
                    Error(comparison.OperatorSpan, $"type mismatch: {field.Name} is a list; use 'any in' or 'all in'");
                    break;
                }

                if (type == FieldType.Flag)
                {
                    Error(comparison.OperatorSpan, $"type mismatch: '{op}' needs a field with values; {field.Name} is a boolean");
                    break;
                }

                foreach (var item in ListItems(comparison.Right))
                {
                    CheckValue(field.Name, type, item);
                }

                break;
            case ComparisonOperator.AnyIn or ComparisonOperator.AllIn:
                if (type != FieldType.TextList)
                {
                    Error(comparison.OperatorSpan, $"type mismatch: '{op}' needs a list field (groups, sql.tables); {field.Name} is {PolicyVocabulary.Describe(type)}");
                    break;
                }

                foreach (var item in ListItems(comparison.Right))
                {
                    CheckValue(field.Name, FieldType.Text, item);
                }

                break;
            case ComparisonOperator.Has:
                if (type != FieldType.TextList)
                {
                    Error(comparison.OperatorSpan, $"type mismatch: 'has' needs a list field (groups, sql.tables); {field.Name} is {PolicyVocabulary.Describe(type)}");
                    break;
                }

                CheckValue(field.Name, FieldType.Text, comparison.Right);
                break;
            case ComparisonOperator.Like:
                if (type != FieldType.Text)
                {
                    Error(comparison.OperatorSpan, $"type mismatch: 'like' needs a string field; {field.Name} is {PolicyVocabulary.Describe(type)}");
                    break;
                }

                if (comparison.Right is not StringLiteral)
                {
                    Error(comparison.Right.Span, $"type mismatch: 'like' takes a \"glob*\" string, not {Describe(comparison.Right)}");
                }

                break;
            case ComparisonOperator.Matches:
                if (type != FieldType.Text)
                {
                    Error(comparison.OperatorSpan, $"type mismatch: '~' needs a string field; {field.Name} is {PolicyVocabulary.Describe(type)}");
                    break;
                }

                if (comparison.Right is RegexLiteral regex)
                {
                    CheckRegex(regex);
                }
                else
                {
                    Error(comparison.Right.Span, $"type mismatch: '~' takes a /regex/, not {Describe(comparison.Right)}");
                }

                break;
        }
    }

    /// <summary>The items of a list literal or of the list a reference names (an unknown name is reported here).</summary>
    private IEnumerable<Expression> ListItems(Expression list)
    {
        switch (list)
        {
            case ListLiteral literal:
                return literal.Items;
            case ListReference reference when _lists.TryGetValue(reference.Name, out var declared):
                return declared.Items.Items;
            case ListReference reference:
                Error(reference.Span, $"unknown list '{reference.Name}'{Suggestion.DidYouMean(reference.Name, _lists.Keys)}");
                return [];
            default:
                Error(list.Span, $"type mismatch: expected a list [ … ] or a list name, not {Describe(list)}");
                return [];
        }
    }

    private void CheckValue(string fieldName, FieldType type, Expression value)
    {
        switch (type)
        {
            case FieldType.Text:
                Expect<StringLiteral>(fieldName, type, value);
                break;
            case FieldType.Number:
                if (Expect<NumberLiteral>(fieldName, type, value) is { } number && fieldName == "time.hour" && number.Value > 23)
                {
                    Error(number.Span, $"time.hour is 0-23, not {number.Value}");
                }

                break;
            case FieldType.Flag:
                if (value is not IdentifierLiteral { Name: "true" or "false" })
                {
                    Error(value.Span, $"type mismatch: {fieldName} is a boolean, not {Describe(value)}");
                }

                break;
            case FieldType.IpAddress:
                if (Expect<StringLiteral>(fieldName, type, value) is { } address
                    && !IPNetwork.TryParse(address.Value, out _) && !IPAddress.TryParse(address.Value, out _))
                {
                    Error(address.Span, $"'{address.Value}' is not an IP address or a CIDR range such as \"10.0.0.0/8\"");
                }

                break;
            case FieldType.Protocol:
                CheckName(value, PolicyVocabulary.Protocols, "protocol", fieldName, type);
                break;
            case FieldType.StatementKind:
                CheckName(value, PolicyVocabulary.StatementKinds, "statement kind", fieldName, type);
                break;
            case FieldType.Weekday:
                CheckName(value, PolicyVocabulary.Weekdays, "weekday", fieldName, type);
                break;
            case FieldType.TextList:
                foreach (var item in ListItems(value))
                {
                    CheckValue(fieldName, FieldType.Text, item);
                }

                break;
        }
    }

    /// <summary>Protocols, statement kinds and weekdays are written bare (`postgres`) or quoted (`"postgres"`).</summary>
    private void CheckName(Expression value, FrozenSet<string> known, string what, string fieldName, FieldType type)
    {
        var name = value switch
        {
            IdentifierLiteral identifier => identifier.Name,
            StringLiteral text => text.Value,
            _ => null,
        };
        if (name is null)
        {
            Error(value.Span, $"type mismatch: {fieldName} is {PolicyVocabulary.Describe(type)}, not {Describe(value)}");
        }
        else if (!known.Contains(name))
        {
            Error(value.Span, $"unknown {what} '{name}'{Suggestion.DidYouMean(name, known)}");
        }
    }

    private T? Expect<T>(string fieldName, FieldType type, Expression value)
        where T : Expression
    {
        if (value is T typed)
        {
            return typed;
        }

        var hint = value is IdentifierLiteral identifier && typeof(T) == typeof(StringLiteral) ? $" (quote it: \"{identifier.Name}\")" : string.Empty;
        Error(value.Span, $"type mismatch: {fieldName} is {PolicyVocabulary.Describe(type)}, not {Describe(value)}{hint}");
        return null;
    }

    private FieldType? ResolveField(FieldReference field)
    {
        if (PolicyVocabulary.Fields.TryGetValue(field.Name, out var type))
        {
            return type;
        }

        Error(field.Span, $"unknown field '{field.Name}'{Suggestion.DidYouMean(field.Name, PolicyVocabulary.Fields.Keys)}");
        return null;
    }

    private void CheckRegex(RegexLiteral regex)
    {
        // NonBacktracking: matching is linear in the input, so no pattern an operator writes can stall the proxy.
        var options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
        foreach (var flag in regex.Flags)
        {
            switch (flag)
            {
                case 'i':
                    options |= RegexOptions.IgnoreCase;
                    break;
                case 'm':
                    options |= RegexOptions.Multiline;
                    break;
                case 's':
                    options |= RegexOptions.Singleline;
                    break;
                case 'x':
                    options |= RegexOptions.IgnorePatternWhitespace;
                    break;
                default:
                    Error(regex.Span, $"unknown regex flag '{flag}' (flags: i, m, s, x)");
                    return;
            }
        }

        try
        {
            _ = new Regex(regex.Pattern, options);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            Error(regex.Span, $"bad regex: {ex.Message}");
        }
    }

    private void CheckAction(ActionNode action)
    {
        switch (action)
        {
            case ApproveAction approve:
                CheckApprove(approve);
                break;
            case MaskColumnAction column:
                foreach (var item in ListItems(column.Columns))
                {
                    if (item is not StringLiteral)
                    {
                        Error(item.Span, $"type mismatch: a column is a \"name\" string, not {Describe(item)}");
                    }
                }

                CheckMaskFunction(column.Function);
                break;
            case MaskPatternAction pattern:
                if (pattern.Pattern is RegexLiteral regex)
                {
                    CheckRegex(regex);
                }
                else if (pattern.Pattern is IdentifierLiteral name && !PolicyVocabulary.MaskPatterns.Contains(name.Name))
                {
                    Error(name.Span, $"unknown mask pattern '{name.Name}'{Suggestion.DidYouMean(name.Name, PolicyVocabulary.MaskPatterns)}");
                }

                CheckMaskFunction(pattern.Function);
                break;
        }
    }

    private void CheckApprove(ApproveAction approve)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in approve.Arguments)
        {
            if (argument.Name is null)
            {
                Error(argument.Span, "approve takes named arguments: approve(by: GROUP, timeout: DURATION, mode: hold|retry, grant: DURATION)");
                continue;
            }

            if (!PolicyVocabulary.ApproveArguments.Contains(argument.Name))
            {
                Error(argument.Span, $"unknown approve argument '{argument.Name}'{Suggestion.DidYouMean(argument.Name, PolicyVocabulary.ApproveArguments)}");
                continue;
            }

            if (!seen.Add(argument.Name))
            {
                Error(argument.Span, $"approve argument '{argument.Name}' is given twice");
                continue;
            }

            switch (argument.Name)
            {
                case "by" when argument.Value is not (StringLiteral or IdentifierLiteral):
                    Error(argument.Value.Span, $"type mismatch: 'by' names a group, not {Describe(argument.Value)}");
                    break;
                case "timeout" or "grant" when argument.Value is not DurationLiteral:
                    Error(argument.Value.Span, $"type mismatch: '{argument.Name}' is a duration such as 15m, not {Describe(argument.Value)}");
                    break;
                case "mode":
                    CheckName(argument.Value, PolicyVocabulary.ApproveModes, "approval mode", "mode", FieldType.Text);
                    break;
            }
        }

        if (!seen.Contains("by"))
        {
            Error(approve.Span, "approve needs 'by: GROUP': who may approve");
        }
    }

    private void CheckMaskFunction(MaskFunction function)
    {
        if (!PolicyVocabulary.MaskFunctions.Contains(function.Name))
        {
            Error(function.Span, $"unknown mask function '{function.Name}'{Suggestion.DidYouMean(function.Name, PolicyVocabulary.MaskFunctions)}");
            return;
        }

        var arguments = function.Arguments;
        switch (function.Name)
        {
            case "partial":
                if (arguments is not [{ Name: "keep", Value: NumberLiteral }])
                {
                    Error(function.Span, "partial takes one argument: partial(keep: N)");
                }

                break;
            case "fixed":
                if (arguments is not [{ Name: null, Value: StringLiteral }])
                {
                    Error(function.Span, "fixed takes one string: fixed(\"text\")");
                }

                break;
            default:
                if (arguments.Count > 0)
                {
                    Error(function.Span, $"{function.Name} takes no arguments");
                }

                break;
        }
    }

    private void CheckTest(TestNode test)
    {
        foreach (var given in test.Given)
        {
            if (given.Name == PolicyVocabulary.GivenStatement)
            {
                if (given.Value is not StringLiteral)
                {
                    Error(given.Value.Span, $"type mismatch: sql is the statement text, a string, not {Describe(given.Value)}");
                }

                continue;
            }

            if (!PolicyVocabulary.Fields.TryGetValue(given.Name, out var type))
            {
                Error(given.NameSpan, $"unknown field '{given.Name}'{Suggestion.DidYouMean(given.Name, PolicyVocabulary.Fields.Keys.Append(PolicyVocabulary.GivenStatement))}");
                continue;
            }

            CheckValue(given.Name, type, given.Value);
        }

        if (test.Expect is { RuleId: { } ruleId, RuleSpan: { } span } && !_rules.ContainsKey(ruleId))
        {
            Error(span, $"test expects rule '{ruleId}', which no file declares{Suggestion.DidYouMean(ruleId, _rules.Keys)}");
        }
    }

    private static string Describe(Expression value) => value switch
    {
        StringLiteral => "a string",
        NumberLiteral => "a number",
        DurationLiteral => "a duration",
        IdentifierLiteral identifier => $"the name '{identifier.Name}'",
        ListLiteral => "a list",
        ListReference reference => $"the list '{reference.Name}'",
        RegexLiteral => "a regex",
        _ => "an expression",
    };

    private void Error(SourceSpan span, string message) => _diagnostics.Add(_lines.Error(span, message));
}
