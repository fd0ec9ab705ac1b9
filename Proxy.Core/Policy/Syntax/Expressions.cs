namespace Proxy.Core.Policy.Syntax;

/// <summary>A node of a `when` condition.</summary>
public abstract record Expression(SourceSpan Span);

/// <summary>A request field such as `db`, `sql.kind` or `client.ip`.</summary>
public sealed record FieldReference(string Name, SourceSpan Span) : Expression(Span);

/// <summary>`"text"`, with `\"` and `\\` unescaped.</summary>
public sealed record StringLiteral(string Value, SourceSpan Span) : Expression(Span);

/// <summary>An integer such as `9` (time.hour) or `4` (partial keep).</summary>
public sealed record NumberLiteral(long Value, SourceSpan Span) : Expression(Span);

/// <summary>`500ms`, `30s`, `15m`, `1h`, `7d`.</summary>
public sealed record DurationLiteral(TimeSpan Value, string Text, SourceSpan Span) : Expression(Span);

/// <summary>A bare word used as a value: a statement kind (`update`), a protocol (`postgres`), a weekday.</summary>
public sealed record IdentifierLiteral(string Name, SourceSpan Span) : Expression(Span);

/// <summary>`[a, b, c]`.</summary>
public sealed record ListLiteral(IReadOnlyList<Expression> Items, SourceSpan Span) : Expression(Span);

/// <summary>The name of a `list` declared in any file of the policy, on the right of an `in`.</summary>
public sealed record ListReference(string Name, SourceSpan Span) : Expression(Span);

/// <summary>`/pattern/flags`; `\/` stands for a slash inside the pattern.</summary>
public sealed record RegexLiteral(string Pattern, string Flags, SourceSpan Span) : Expression(Span);

public enum ComparisonOperator
{
    Equal,
    NotEqual,
    In,
    NotIn,
    AnyIn,
    AllIn,
    Has,
    Matches,
    Like,
}

public static class ComparisonOperatorText
{
    /// <summary>The operator as written in a rule file, for diagnostics and traces.</summary>
    public static string ToSourceText(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.In => "in",
        ComparisonOperator.NotIn => "not in",
        ComparisonOperator.AnyIn => "any in",
        ComparisonOperator.AllIn => "all in",
        ComparisonOperator.Has => "has",
        ComparisonOperator.Matches => "~",
        ComparisonOperator.Like => "like",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}

/// <summary>`FIELD OPERATOR VALUE`; <see cref="OperatorSpan"/> points at the operator.</summary>
public sealed record Comparison(Expression Left, ComparisonOperator Operator, SourceSpan OperatorSpan, Expression Right, SourceSpan Span)
    : Expression(Span);

/// <summary>`a and b`.</summary>
public sealed record AndExpression(Expression Left, Expression Right, SourceSpan Span) : Expression(Span);

/// <summary>`a or b`.</summary>
public sealed record OrExpression(Expression Left, Expression Right, SourceSpan Span) : Expression(Span);

/// <summary>`not a`.</summary>
public sealed record NotExpression(Expression Operand, SourceSpan Span) : Expression(Span);
