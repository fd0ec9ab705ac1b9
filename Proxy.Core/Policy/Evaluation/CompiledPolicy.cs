using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy.Evaluation;

/// <summary>
/// A bound policy turned into an immutable evaluator: conditions compiled once, every action's output
/// (messages, approval parameters, masks, tags, audit hits) built once. <see cref="Decide"/> reads the input
/// and these precomputed values only. When several matching rules add masks, tags or audit hits, their lists
/// are joined once per combination of rules and cached, so after warm-up a decision allocates nothing.
/// </summary>
public sealed class CompiledPolicy
{
    /// <summary>The cache key is a bit per contributing rule.</summary>
    private const int MaxCachedContributors = 64;

    /// <summary>Bounds the cache: a policy whose rules combine in more ways than this joins the rest afresh.</summary>
    private const int MaxCachedCombinations = 4096;

    private readonly CompiledRule[] _rules;
    private readonly CompiledRule[] _contributors;
    private readonly RuleIndex? _index;
    private readonly Verdict _default;
    private readonly ConcurrentDictionary<ulong, Contribution> _joined = new();
    private int _joinedCount;

    private CompiledPolicy(PolicyDocument document, CompiledRule[] rules, RuleIndex? index, Verdict defaultVerdict)
    {
        Document = document;
        _rules = rules;
        _index = index;
        _contributors = rules.Where(rule => rule.ContributionBit >= 0).ToArray();
        _default = defaultVerdict;
    }

    public static CompiledPolicy Compile(PolicyDocument document) => Compile(document, indexed: true);

    /// <summary><paramref name="indexed"/> false: every rule's condition runs for every input (tests compare the two).</summary>
    internal static CompiledPolicy Compile(PolicyDocument document, bool indexed)
    {
        var compiler = new ConditionCompiler(document.Lists);
        var contributors = 0;
        var rules = document.Rules.Select(rule =>
        {
            var compiled = CompiledRule.Create(rule, compiler.Compile(rule.When), document);
            return compiled.Output.IsEmpty ? compiled : compiled with { ContributionBit = Math.Min(contributors++, MaxCachedContributors) };
        }).ToArray();
        return new CompiledPolicy(document, rules, indexed ? RuleIndex.Build(document.Rules, document.Lists) : null, PolicyDecision.FromDefault(document.Default));
    }

    /// <summary>How many rules contribute masks, tags or audit hits (the rest only decide).</summary>
    internal int ContributingRules => _contributors.Length;

    public int RuleCount => _rules.Length;

    /// <summary>The bound policy this was compiled from: what the admin API prints as the policy in force.</summary>
    public PolicyDocument Document { get; }

    /// <summary>The rules in file order (files in name order).</summary>
    public IReadOnlyList<string> RuleIds => _rules.Select(rule => rule.Id).ToArray();

    public PolicyDecision Decide(in PolicyInput input)
    {
        var state = default(DecideState);
        if (_index is { } index)
        {
            Span<ulong> candidates = stackalloc ulong[index.Words];
            Span<ulong> scratch = stackalloc ulong[index.Words];
            index.Candidates(input, candidates, scratch);
            for (var word = 0; word < candidates.Length; word++)
            {
                for (var bits = candidates[word]; bits != 0; bits &= bits - 1)
                {
                    Consider(_rules[(word << 6) + BitOperations.TrailingZeroCount(bits)], input, ref state);
                }
            }
        }
        else
        {
            foreach (var rule in _rules)
            {
                Consider(rule, input, ref state);
            }
        }

        var output = state.Contributors switch
        {
            0 => Contribution.None,
            1 => state.OnlyContributor!.Output,
            _ => Joined(state.Matched, input),
        };
        return state.Winner is not { } winner
            ? new PolicyDecision(_default, null, null, null, output.Masks, output.LogTags, output.AuditHits)
            : new PolicyDecision(winner.Verdict!.Value, winner.Id, winner.Message, winner.Approval, output.Masks, output.LogTags, output.AuditHits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Consider(CompiledRule rule, in PolicyInput input, ref DecideState state)
    {
        if (!rule.Condition.Evaluate(input))
        {
            return;
        }

        if (rule.ContributionBit >= 0)
        {
            state.OnlyContributor = rule;
            state.Contributors++;
            state.Matched |= 1UL << rule.ContributionBit;
        }

        // Strictly stronger only: among equals the first in file order keeps the decision; audit rules have no verdict here.
        if (rule.Mode == RuleMode.Enforce && rule.Verdict is { } verdict && (state.Winner is null || verdict > state.Winner.Verdict))
        {
            state.Winner = rule;
        }
    }

    /// <summary>What one decision has found so far; rules are considered in file order.</summary>
    private struct DecideState
    {
        public CompiledRule? Winner;
        public CompiledRule? OnlyContributor;
        public int Contributors;
        public ulong Matched;
    }

    /// <summary>
    /// The joined masks, tags and audit hits of several contributing rules. Cached by the set of rules, so a
    /// combination seen before costs a dictionary lookup and no allocation; the cache is bounded, and a policy
    /// with more contributing rules than bits in the key joins afresh every time.
    /// </summary>
    private Contribution Joined(ulong matched, in PolicyInput input)
    {
        var exact = _contributors.Length <= MaxCachedContributors;
        if (exact && _joined.TryGetValue(matched, out var cached))
        {
            return cached;
        }

        var masks = new List<MaskDirective>();
        var tags = new List<string>();
        var audits = new List<AuditHit>();
        if (exact)
        {
            foreach (var rule in _contributors)
            {
                if ((matched & (1UL << rule.ContributionBit)) != 0)
                {
                    rule.Output.AppendTo(masks, tags, audits);
                }
            }
        }
        else
        {
            // Past 64 contributors the bits do not say which rules matched: evaluate again (conditions are pure).
            foreach (var rule in _rules)
            {
                if (rule.ContributionBit >= 0 && rule.Condition.Evaluate(input))
                {
                    rule.Output.AppendTo(masks, tags, audits);
                }
            }
        }

        var joined = new Contribution([.. masks], [.. tags], [.. audits]);
        if (exact && Interlocked.Increment(ref _joinedCount) <= MaxCachedCombinations)
        {
            joined = _joined.GetOrAdd(matched, joined);
        }

        return joined;
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

}

/// <summary>The masks, tags and audit hits of one rule, or joined for several; immutable, shared by every decision that uses it.</summary>
internal sealed record Contribution(MaskDirective[] Masks, string[] LogTags, AuditHit[] AuditHits)
{
    public static readonly Contribution None = new([], [], []);

    public bool IsEmpty => Masks.Length == 0 && LogTags.Length == 0 && AuditHits.Length == 0;

    public void AppendTo(List<MaskDirective> masks, List<string> tags, List<AuditHit> audits)
    {
        masks.AddRange(Masks);
        tags.AddRange(LogTags);
        audits.AddRange(AuditHits);
    }
}

/// <summary>One rule of a trace: <see cref="FailedCondition"/> is the first condition that was false, as policy text, and where it is written.</summary>
public sealed record RuleTrace(string RuleId, RuleMode Mode, SourceSpan Span, bool Matched, string? FailedCondition, SourceSpan? FailedSpan);

public sealed record PolicyExplanation(PolicyDecision Decision, IReadOnlyList<RuleTrace> Rules);

internal sealed record CompiledRule
{
    public required string Id { get; init; }

    public required SourceSpan Span { get; init; }

    public required RuleMode Mode { get; init; }

    public required Condition Condition { get; init; }

    /// <summary>The strongest verdict among the rule's actions; null for a rule that only masks or logs.</summary>
    public required Verdict? Verdict { get; init; }

    public required string? Message { get; init; }

    public required ApprovalParameters? Approval { get; init; }

    /// <summary>What the rule adds to a decision when it matches: masks and tags when enforced, its audit hit when audited.</summary>
    public required Contribution Output { get; init; }

    /// <summary>The rule's bit in the contribution cache key; -1 for a rule that contributes nothing.</summary>
    public int ContributionBit { get; init; } = -1;

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
                    masks.Add(new MaskDirective(rule.Id, null, text, isRegex, pattern.Function.Name, Arguments(pattern.Function))
                    {
                        PatternFlags = pattern.Pattern is RegexLiteral { Flags: var flags } ? flags : string.Empty,
                    });
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
            Output = rule.Mode == RuleMode.Audit ? new Contribution([], [], audit) : new Contribution([.. masks], [.. tags], []),
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
