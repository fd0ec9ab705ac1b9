namespace Proxy.Core.Policy.Syntax;

/// <summary>`audit` rules are evaluated and recorded as "would block / would approve" but not enforced.</summary>
public enum RuleMode
{
    Enforce,
    Audit,
}

/// <summary>`rule ID ["description"] [mode enforce|audit] { when EXPRESSION then ACTION, … }`.</summary>
public sealed record RuleNode(
    string Id,
    SourceSpan IdSpan,
    string? Description,
    RuleMode Mode,
    Expression When,
    IReadOnlyList<ActionNode> Actions,
    SourceSpan Span);
