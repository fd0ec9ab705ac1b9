using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy.Evaluation;

/// <summary>
/// A bound policy turned into an immutable evaluator: conditions compiled once, every action's output
/// (messages, approval parameters, masks, tags, audit hits) built once. <see cref="Decide"/> reads the input
/// and these precomputed values only; it allocates when more than one matching rule adds masks, tags or audit
/// hits (the lists are then joined), never otherwise.
/// </summary>
public sealed class CompiledPolicy
{
    private readonly CompiledRule[] _rules;
    private readonly Verdict _default;

    private CompiledPolicy(CompiledRule[] rules, Verdict defaultVerdict)
    {
        _rules = rules;
        _default = defaultVerdict;
    }

    public static CompiledPolicy Compile(PolicyDocument document)
    {
        var compiler = new ConditionCompiler(document.Lists);
        var rules = document.Rules.Select(rule => CompiledRule.Create(rule, compiler.Compile(rule.When), document)).ToArray();
        return new CompiledPolicy(rules, PolicyDecision.FromDefault(document.Default));
    }

    /// <summary>The rules in file order (files in name order).</summary>
    public IReadOnlyList<string> RuleIds => _rules.Select(rule => rule.Id).ToArray();

    public PolicyDecision Decide(in PolicyInput input)
    {
        CompiledRule? winner = null;
        MaskDirective[] masks = [];
        string[] tags = [];
        AuditHit[] audits = [];
        foreach (var rule in _rules)
        {
            if (!rule.Condition.Evaluate(input))
            {
                continue;
            }

            if (rule.Mode == RuleMode.Audit)
            {
                Accumulate(ref audits, rule.AuditHits);
                continue;
            }

            // Strictly stronger only: among equals the first in file order keeps the decision.
            if (rule.Verdict is { } verdict && (winner is null || verdict > winner.Verdict))
            {
                winner = rule;
            }

            Accumulate(ref masks, rule.Masks);
            Accumulate(ref tags, rule.LogTags);
        }

        return winner is null
            ? new PolicyDecision(_default, null, null, null, masks, tags, audits)
            : new PolicyDecision(winner.Verdict!.Value, winner.Id, winner.Message, winner.Approval, masks, tags, audits);
    }

    /// <summary>The decision and, for every rule in file order, whether it matched and, if not, the first condition that was false.</summary>
    public PolicyExplanation Explain(in PolicyInput input)
    {
        var traces = new List<RuleTrace>(_rules.Length);
        foreach (var rule in _rules)
        {
            var failed = rule.Condition.FirstFalse(input);
            traces.Add(new RuleTrace(rule.Id, rule.Mode, rule.Span, failed is null, failed is null ? null : ExpressionText.Of(failed), failed?.Span));
        }

        return new PolicyExplanation(Decide(input), traces);
    }

    /// <summary>Whether the rule's `when` holds, for test coverage.</summary>
    internal bool Matches(string ruleId, in PolicyInput input)
    {
        foreach (var rule in _rules)
        {
            if (rule.Id == ruleId)
            {
                return rule.Condition.Evaluate(input);
            }
        }

        return false;
    }

    private static void Accumulate<T>(ref T[] accumulated, T[] added)
    {
        if (added.Length == 0)
        {
            return;
        }

        accumulated = accumulated.Length == 0 ? added : [.. accumulated, .. added];
    }
}

/// <summary>One rule of a trace: <see cref="FailedCondition"/> is the first condition that was false, as policy text, and where it is written.</summary>
public sealed record RuleTrace(string RuleId, RuleMode Mode, SourceSpan Span, bool Matched, string? FailedCondition, SourceSpan? FailedSpan);

public sealed record PolicyExplanation(PolicyDecision Decision, IReadOnlyList<RuleTrace> Rules);

internal sealed class CompiledRule
{
    public required string Id { get; init; }

    public required SourceSpan Span { get; init; }

    public required RuleMode Mode { get; init; }

    public required Condition Condition { get; init; }

    /// <summary>The strongest verdict among the rule's actions; null for a rule that only masks or logs.</summary>
    public required Verdict? Verdict { get; init; }

    public required string? Message { get; init; }

    public required ApprovalParameters? Approval { get; init; }

    public required MaskDirective[] Masks { get; init; }

    public required string[] LogTags { get; init; }

    public required AuditHit[] AuditHits { get; init; }

    public static CompiledRule Create(RuleNode rule, Condition condition, PolicyDocument document)
    {
        Verdict? verdict = null;
        string? message = null;
        ApprovalParameters? approval = null;
        var masks = new List<MaskDirective>();
        var tags = new List<string>();
        foreach (var action in rule.Actions)
        {
            switch (action)
            {
                case AllowAction when verdict is null:
                    verdict = Evaluation.Verdict.Allow;
                    break;
                case ApproveAction approve when verdict is not Evaluation.Verdict.Block && approval is null:
                    verdict = Evaluation.Verdict.Approve;
                    approval = ReadApproval(approve);
                    break;
                case BlockAction block when verdict is not Evaluation.Verdict.Block:
                    verdict = Evaluation.Verdict.Block;
                    message = block.Message;
                    break;
                case MaskColumnAction column:
                    var columns = (column.Columns is ListReference reference ? document.Lists[reference.Name].Items.Items : ((ListLiteral)column.Columns).Items)
                        .Select(ConditionCompiler.Text).ToArray();
                    masks.Add(new MaskDirective(rule.Id, columns, null, false, column.Function.Name, Arguments(column.Function)));
                    break;
                case MaskPatternAction pattern:
                    var isRegex = pattern.Pattern is RegexLiteral;
                    var text = pattern.Pattern is RegexLiteral regex ? regex.Pattern : ConditionCompiler.Text(pattern.Pattern);
                    masks.Add(new MaskDirective(rule.Id, null, text, isRegex, pattern.Function.Name, Arguments(pattern.Function)));
                    break;
                case LogAction log:
                    tags.Add(log.Tag);
                    break;
            }
        }

        var audit = rule.Mode == RuleMode.Audit && verdict is Evaluation.Verdict.Block or Evaluation.Verdict.Approve
            ? new[] { new AuditHit(rule.Id, verdict.Value, message, approval) }
            : [];
        return new CompiledRule
        {
            Id = rule.Id,
            Span = rule.Span,
            Mode = rule.Mode,
            Condition = condition,
            Verdict = verdict,
            Message = message,
            Approval = approval,
            Masks = [.. masks],
            LogTags = [.. tags],
            AuditHits = audit,
        };
    }

    private static ApprovalParameters ReadApproval(ApproveAction approve)
    {
        Expression? Argument(string name) => approve.Arguments.FirstOrDefault(a => a.Name == name)?.Value;
        return new ApprovalParameters(
            ConditionCompiler.Text(Argument("by")!),
            (Argument("timeout") as DurationLiteral)?.Value,
            Argument("mode") is { } mode ? ConditionCompiler.Text(mode) : null,
            (Argument("grant") as DurationLiteral)?.Value);
    }

    private static string[] Arguments(MaskFunction function) =>
        function.Arguments.Select(argument => ConditionCompiler.Text(argument.Value)).ToArray();
}
