using System.Globalization;
using System.Net;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy.Evaluation;

/// <summary>
/// Builds a <see cref="PolicyInput"/> from `field = value` pairs, as a `test` block's `given` or
/// `proxy policy explain --given` writes them. Values arrive as text: a scalar is one item, a list many.
/// </summary>
public static class PolicyInputBuilder
{
    /// <summary>The input a test's `given` describes; an error names the binding that cannot become a value.</summary>
    public static PolicyInput FromGiven(IEnumerable<GivenBinding> given, IStatementClassifier classifier, out string? error)
    {
        var input = new PolicyInput();
        error = null;
        foreach (var binding in given)
        {
            var values = binding.Value is ListLiteral list ? list.Items.Select(ConditionCompiler.Text).ToArray() : [ConditionCompiler.Text(binding.Value)];
            if (!TrySet(ref input, binding.Name, values, classifier, out var problem))
            {
                error ??= $"{binding.NameSpan}: {problem}";
            }
        }

        return input;
    }

    /// <summary>
    /// Sets one field. `sql` is the statement text: it sets sql.text and, through <paramref name="classifier"/>,
    /// every other sql.* field; a later explicit sql.* binding overrides what the classifier found.
    /// </summary>
    public static bool TrySet(ref PolicyInput input, string name, IReadOnlyList<string> values, IStatementClassifier classifier, out string? error)
    {
        error = null;
        if (name == PolicyVocabulary.GivenStatement)
        {
            var text = string.Join(' ', values);
            var facts = classifier.Classify(text);
            input = input with
            {
                SqlText = text,
                SqlKind = facts.Kind,
                SqlTables = facts.Tables,
                SqlWhere = facts.Where,
                SqlMulti = facts.Multi,
                SqlCteWrite = facts.CteWrite,
                SqlDynamic = facts.Dynamic,
                SqlUnknown = facts.Unknown,
            };
            return true;
        }

        if (!PolicyVocabulary.Fields.TryGetValue(name, out var type))
        {
            error = $"unknown field '{name}'";
            return false;
        }

        if (type != FieldType.TextList && values.Count != 1)
        {
            error = $"{name} takes one value";
            return false;
        }

        var value = type == FieldType.TextList ? string.Empty : values[0];
        switch (name)
        {
            case "protocol": input = input with { Protocol = value }; break;
            case "listener": input = input with { Listener = value }; break;
            case "user": input = input with { User = value }; break;
            case "groups": input = input with { Groups = [.. values] }; break;
            case "db": input = input with { Db = value }; break;
            case "db.user": input = input with { DbUser = value }; break;
            case "sql.kind": input = input with { SqlKind = value }; break;
            case "sql.tables": input = input with { SqlTables = [.. values] }; break;
            case "sql.text": input = input with { SqlText = value }; break;
            case "client.ip":
                if (!IPAddress.TryParse(value, out var address) || value.Contains('/', StringComparison.Ordinal))
                {
                    error = $"client.ip is one address, not '{value}'";
                    return false;
                }

                input = input with { ClientIp = address };
                break;
            case "time.hour":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour > 23)
                {
                    error = $"time.hour is 0-23, not '{value}'";
                    return false;
                }

                input = input with { TimeHour = hour };
                break;
            case "time.weekday":
                if (!PolicyVocabulary.Weekdays.Contains(value))
                {
                    error = $"unknown weekday '{value}'";
                    return false;
                }

                input = input with { TimeWeekday = ConditionCompiler.Weekday(value) };
                break;
            default:
                if (value is not ("true" or "false"))
                {
                    error = $"{name} is true or false, not '{value}'";
                    return false;
                }

                var flag = value == "true";
                input = name switch
                {
                    "sql.where" => input with { SqlWhere = flag },
                    "sql.multi" => input with { SqlMulti = flag },
                    "sql.cte_write" => input with { SqlCteWrite = flag },
                    "sql.dynamic" => input with { SqlDynamic = flag },
                    _ => input with { SqlUnknown = flag },
                };
                break;
        }

        return true;
    }
}

/// <summary>What a statement classifier reports about one statement text (several statements: the batch as a whole).</summary>
public readonly record struct StatementFacts(string Kind, IReadOnlyList<string> Tables, bool Where, bool Multi, bool CteWrite, bool Dynamic, bool Unknown);

/// <summary>
/// Turns `sql = "…"` of a test's `given` (or of `proxy policy explain --given`) into the sql.* fields, with the
/// classifier the protocol uses, so a policy test sees a statement exactly as the running proxy would.
/// </summary>
public interface IStatementClassifier
{
    StatementFacts Classify(string sql);
}
