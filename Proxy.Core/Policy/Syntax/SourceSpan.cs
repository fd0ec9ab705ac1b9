namespace Proxy.Core.Policy.Syntax;

/// <summary>Where a node is written: 1-based line and column, and its length in characters.</summary>
public sealed record SourceSpan(string File, int Line, int Column, int Length)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
