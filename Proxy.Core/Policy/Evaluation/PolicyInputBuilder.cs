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
    public static PolicyInput FromGiven(IEnumerable<GivenBinding> given, out string? error)
    {
        var input = new PolicyInput();
        error = null;
        foreach (var binding in given)
        {
            var values = binding.Value is ListLiteral list ? list.Items.Select(ConditionCompiler.Text).ToArray() : [ConditionCompiler.Text(binding.Value)];
            if (!TrySet(ref input, binding.Name, values, out var problem))
            {
                error ??= $"{binding.NameSpan}: {problem}";
            }
        }

        return input;
    }

    /// <summary>
    /// Sets one field. `sql` is the statement text: it sets sql.text, and sql.kind and sql.where through
    /// <see cref="StatementGuess"/>; a later explicit sql.kind or sql.where overrides the guess.
    /// </summary>
    public static bool TrySet(ref PolicyInput input, string name, IReadOnlyList<string> values, out string? error)
    {
        error = null;
        if (name == PolicyVocabulary.GivenStatement)
        {
            var text = string.Join(' ', values);
            input = input with { SqlText = text, SqlKind = StatementGuess.Kind(text), SqlWhere = StatementGuess.HasWhere(text) };
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

/// <summary>
/// A stand-in for the SQL statement classifier, for `given sql = "…"` in policy tests and explain only: the
/// kind is the first keyword (lower case, when it is a known kind, else `unknown`), and the statement has a
/// WHERE clause when the word WHERE appears anywhere. It knows nothing of tables, CTEs or dynamic SQL; a test
/// that depends on those gives them explicitly (`sql.tables = […]`, `sql.dynamic = true`).
/// </summary>
public static class StatementGuess
{
    public static string Kind(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        var end = 0;
        while (end < trimmed.Length && char.IsAsciiLetter(trimmed[end]))
        {
            end++;
        }

        var word = trimmed[..end].ToString().ToLowerInvariant();
        return PolicyVocabulary.StatementKinds.Contains(word) ? word : "unknown";
    }

    public static bool HasWhere(string text)
    {
        foreach (var word in text.Split([' ', '\t', '\n', '\r', '(', ')', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Equals("where", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
