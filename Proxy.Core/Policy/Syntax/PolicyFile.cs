namespace Proxy.Core.Policy.Syntax;

/// <summary>One parsed `*.rules` file. Any part may be absent: a file may hold only tests or only lists.</summary>
public sealed record PolicyFile(
    string Path,
    VersionNode? Version,
    DefaultNode? Default,
    IReadOnlyList<ListNode> Lists,
    IReadOnlyList<RuleNode> Rules,
    IReadOnlyList<TestNode> Tests,
    SourceSpan Span);

/// <summary>`version 1`.</summary>
public sealed record VersionNode(int Number, SourceSpan Span);

/// <summary>What happens when no rule decides.</summary>
public enum DefaultDecision
{
    Allow,
    Block,
}

/// <summary>`default allow|block`.</summary>
public sealed record DefaultNode(DefaultDecision Decision, SourceSpan Span);

/// <summary>`list NAME = [ … ]`.</summary>
public sealed record ListNode(string Name, SourceSpan NameSpan, ListLiteral Items, SourceSpan Span);
