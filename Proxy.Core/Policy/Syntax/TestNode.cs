namespace Proxy.Core.Policy.Syntax;

/// <summary>`test "name" { given k = v, … expect DECISION [by RULE] }`.</summary>
public sealed record TestNode(string Name, IReadOnlyList<GivenBinding> Given, Expectation Expect, SourceSpan Span);

/// <summary>`sql.kind = update` inside `given`; `sql = "…"` gives the statement text to classify.</summary>
public sealed record GivenBinding(string Name, SourceSpan NameSpan, Expression Value, SourceSpan Span);

public enum ExpectedDecision
{
    Allow,
    Block,
    Approve,
}

/// <summary>`expect block by no_unscoped_writes`.</summary>
public sealed record Expectation(ExpectedDecision Decision, string? RuleId, SourceSpan? RuleSpan, SourceSpan Span);
