using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy.Evaluation;

/// <summary>One `test` block's outcome; <see cref="Failure"/> says what went wrong, null when it passed.</summary>
public sealed record PolicyTestResult(TestNode Test, PolicyDecision? Actual, string? Failure)
{
    public bool Passed => Failure is null;
}

/// <summary>Runs the `test` blocks of a policy against its compiled form.</summary>
public static class PolicyTestRunner
{
    public static (IReadOnlyList<PolicyTestResult> Results, IReadOnlyList<string> UncoveredRules) Run(PolicyDocument document, CompiledPolicy policy, IStatementClassifier classifier)
    {
        var results = new List<PolicyTestResult>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var test in document.Tests)
        {
            var input = PolicyInputBuilder.FromGiven(test.Given, classifier, out var error);
            if (error is not null)
            {
                results.Add(new PolicyTestResult(test, null, error));
                continue;
            }

            foreach (var rule in document.Rules)
            {
                if (policy.Matches(rule.Id, input))
                {
                    covered.Add(rule.Id);
                }
            }

            var actual = policy.Decide(input);
            var expected = test.Expect;
            var verdictMatches = actual.Verdict == expected.Decision switch
            {
                ExpectedDecision.Block => Verdict.Block,
                ExpectedDecision.Approve => Verdict.Approve,
                _ => Verdict.Allow,
            };
            var passed = verdictMatches && (expected.RuleId is null || expected.RuleId == actual.RuleId);
            results.Add(new PolicyTestResult(test, actual, passed ? null : $"expected {Describe(expected)}, got {actual}"));
        }

        var uncovered = document.Rules.Select(rule => rule.Id).Where(id => !covered.Contains(id)).ToArray();
        return (results, uncovered);
    }

    private static string Describe(Expectation expectation) =>
        expectation.Decision.ToString().ToLowerInvariant() + (expectation.RuleId is null ? string.Empty : $" by {expectation.RuleId}");
}
