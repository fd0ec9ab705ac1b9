using System.Globalization;
using System.Text;

namespace Proxy.Core.Policy.Syntax;

/// <summary>
/// Writes a <see cref="PolicyFile"/> back as rule-language source that parses to the same tree (spans aside):
/// version, default, lists, rules, then tests. Comments and the original layout are not kept. Parentheses are
/// written only where the tree needs them: `a or b` under an `and` or a `not`, `a and b` under a `not`, and a
/// right operand of the same operator (the parser chains `a and b and c` to the left).
/// </summary>
public static class PolicyPrinter
{
    public static string Print(PolicyFile file)
    {
        var text = new StringBuilder();
        if (file.Version is { } version)
        {
            text.Append("version ").Append(version.Number.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        if (file.Default is { } defaultNode)
        {
            text.Append("default ").Append(defaultNode.Decision == DefaultDecision.Block ? "block" : "allow").Append('\n');
        }

        foreach (var list in file.Lists)
        {
            text.Append("list ").Append(list.Name).Append(" = ").Append(Value(list.Items)).Append('\n');
        }

        foreach (var rule in file.Rules)
        {
            text.Append('\n').Append(Rule(rule));
        }

        foreach (var test in file.Tests)
        {
            text.Append('\n').Append(Test(test));
        }

        return text.ToString();
    }

    public static string Rule(RuleNode rule)
    {
        var text = new StringBuilder("rule ").Append(rule.Id);
        if (rule.Description is { } description)
        {
            text.Append(' ').Append(Quote(description));
        }

        if (rule.Mode == RuleMode.Audit)
        {
            text.Append(" mode audit");
        }

        text.Append(" {\n  when ").Append(Condition(rule.When)).Append("\n  then ");
        text.AppendJoin(",\n       ", rule.Actions.Select(Action)).Append("\n}\n");
        return text.ToString();
    }

    public static string Test(TestNode test)
    {
        var text = new StringBuilder("test ").Append(Quote(test.Name)).Append(" {\n");
        if (test.Given.Count > 0)
        {
            text.Append("  given ").AppendJoin(", ", test.Given.Select(g => $"{g.Name} = {Value(g.Value)}")).Append('\n');
        }

        text.Append("  expect ").Append(test.Expect.Decision.ToString().ToLowerInvariant());
        if (test.Expect.RuleId is { } ruleId)
        {
            text.Append(" by ").Append(ruleId);
        }

        return text.Append("\n}\n").ToString();
    }

    public static string Condition(Expression expression) => expression switch
    {
        OrExpression or => $"{Condition(or.Left)} or {Grouped(or.Right, or.Right is OrExpression)}",
        AndExpression and => $"{Grouped(and.Left, and.Left is OrExpression)} and {Grouped(and.Right, and.Right is OrExpression or AndExpression)}",
        NotExpression not => $"not {Grouped(not.Operand, not.Operand is OrExpression or AndExpression)}",
        Comparison comparison => $"{Condition(comparison.Left)} {comparison.Operator.ToSourceText()} {Value(comparison.Right)}",
        FieldReference field => field.Name,
        _ => Value(expression),
    };

    public static string Action(ActionNode action) => action switch
    {
        AllowAction => "allow",
        BlockAction { Message: null } => "block",
        BlockAction block => $"block {Quote(block.Message)}",
        ApproveAction approve => $"approve({Arguments(approve.Arguments)})",
        MaskColumnAction column => $"mask column {Value(column.Columns)} with {Function(column.Function)}",
        MaskPatternAction pattern => $"mask pattern {Value(pattern.Pattern)} with {Function(pattern.Function)}",
        LogAction log => $"log {Quote(log.Tag)}",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown action"),
    };

    public static string Value(Expression value) => value switch
    {
        StringLiteral text => Quote(text.Value),
        NumberLiteral number => number.Value.ToString(CultureInfo.InvariantCulture),
        DurationLiteral duration => duration.Text,
        IdentifierLiteral identifier => identifier.Name,
        ListReference reference => reference.Name,
        ListLiteral list => $"[{string.Join(", ", list.Items.Select(Value))}]",

        // Inside a regex only the delimiter is escaped; every other backslash pair is the regex's own.
        RegexLiteral regex => $"/{EscapeSlashes(regex.Pattern)}/{regex.Flags}",
        _ => $"({Condition(value)})",
    };

    /// <summary>`"…"` with `\` and `"` escaped, the only escapes the language has.</summary>
    public static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Grouped(Expression expression, bool parenthesize) =>
        parenthesize ? $"({Condition(expression)})" : Condition(expression);

    private static string Function(MaskFunction function) =>
        function.Arguments.Count == 0 ? function.Name : $"{function.Name}({Arguments(function.Arguments)})";

    private static string Arguments(IReadOnlyList<Argument> arguments) =>
        string.Join(", ", arguments.Select(a => a.Name is null ? Value(a.Value) : $"{a.Name}: {Value(a.Value)}"));

    private static string EscapeSlashes(string pattern)
    {
        var text = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                // A backslash pair stays as written (`\d`, `\\`), so its second character is never taken for the delimiter.
                text.Append(pattern[i]).Append(pattern[i + 1]);
                i++;
            }
            else if (pattern[i] == '/')
            {
                text.Append("\\/");
            }
            else
            {
                text.Append(pattern[i]);
            }
        }

        return text.ToString();
    }
}
