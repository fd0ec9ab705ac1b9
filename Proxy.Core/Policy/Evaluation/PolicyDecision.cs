using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy.Evaluation;

/// <summary>Ordered by strength: a stronger verdict wins over a weaker one.</summary>
public enum Verdict
{
    Allow,
    Approve,
    Block,
}

/// <summary>The arguments of `approve(…)`; absent ones are null.</summary>
public sealed record ApprovalParameters(string By, TimeSpan? Timeout, string? Mode, TimeSpan? Grant);

/// <summary>
/// `mask column …` (<see cref="Columns"/> set) or `mask pattern …` (<see cref="Pattern"/> set), from rule
/// <see cref="RuleId"/>. <see cref="PatternFlags"/> are a `/regex/flags` literal's flags ("" otherwise).
/// </summary>
public sealed record MaskDirective(string RuleId, IReadOnlyList<string>? Columns, string? Pattern, bool PatternIsRegex, string Function, IReadOnlyList<string> Arguments)
{
    public string PatternFlags { get; init; } = string.Empty;
}

/// <summary>What a `mode audit` rule would have done had it been enforced.</summary>
public sealed record AuditHit(string RuleId, Verdict WouldBe, string? Message, ApprovalParameters? Approval);

/// <summary>
/// The outcome of one command. <see cref="RuleId"/> is the rule that made the verdict (the first in file
/// order among the strongest), null when the policy's `default` did. The lists are shared with the compiled
/// policy when one rule contributes to them, so a typical decision allocates nothing.
/// </summary>
public readonly record struct PolicyDecision(
    Verdict Verdict,
    string? RuleId,
    string? Message,
    ApprovalParameters? Approval,
    IReadOnlyList<MaskDirective> Masks,
    IReadOnlyList<string> LogTags,
    IReadOnlyList<AuditHit> AuditHits)
{
    internal static Verdict FromDefault(DefaultDecision decision) => decision == DefaultDecision.Block ? Verdict.Block : Verdict.Allow;

    /// <summary>`block by no_unscoped_writes`, `allow by default`.</summary>
    public override string ToString() => $"{Verdict.ToString().ToLowerInvariant()} by {RuleId ?? "default"}";
}
