using System.CommandLine;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;
using Proxy.Protocols.Postgres.Sql;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Host.Cli;

/// <summary>`proxy policy check|test|explain`: work with a policy directory without starting anything.</summary>
internal static class PolicyCommands
{
    public static Command Build()
    {
        var policy = new Command("policy", "Work with rule files (docs/policy-language.md).");
        policy.Subcommands.Add(BuildCheck());
        policy.Subcommands.Add(BuildTest());
        policy.Subcommands.Add(BuildExplain());
        return policy;
    }

    private static Command BuildCheck()
    {
        var path = new Argument<string>("path") { Description = "Policy directory (every *.rules file in it) or one .rules file." };
        var command = new Command("check", "Report every error in every file; exit 0 when the policy is valid, else 1.") { path };
        command.SetAction(parse => Check(parse.GetValue(path)!, Console.Out, Console.Error));
        return command;
    }

    /// <summary>Diagnostics go to <paramref name="error"/>, the one-line verdict of a valid policy to <paramref name="output"/>.</summary>
    internal static int Check(string path, TextWriter output, TextWriter error)
    {
        var (policy, diagnostics) = PolicyLoader.Load(path);
        foreach (var diagnostic in diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        if (policy is null)
        {
            var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            error.WriteLine($"{path}: {Count(errors, "error")}");
            return 1;
        }

        var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        output.WriteLine($"{path}: {Count(policy.Files.Count, "file")}, {Count(policy.Rules.Count, "rule")}, {Count(policy.Tests.Count, "test")}: ok"
            + (warnings == 0 ? string.Empty : $", {Count(warnings, "warning")}"));
        return 0;
    }

    private static Command BuildTest()
    {
        var path = new Argument<string>("path") { Description = "Policy directory (every *.rules file in it) or one .rules file." };
        var coverage = new Option<bool>("--coverage") { Description = "Also list the rules no test exercises." };
        var command = new Command("test", "Run every test block; exit 0 when all pass, else 1.") { path, coverage };
        command.SetAction(parse => Test(parse.GetValue(path)!, parse.GetValue(coverage), Console.Out, Console.Error));
        return command;
    }

    private static Command BuildExplain()
    {
        var path = new Argument<string>("path") { Description = "Policy directory (every *.rules file in it) or one .rules file." };
        var given = new Option<string[]>("--given")
        {
            Description = "FIELD=VALUE pairs: protocol=postgres groups=a,b sql=\"DELETE FROM t\" …",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("explain", "Print the decision for one command and, for every rule, whether it matched and which condition did not.") { path, given };
        command.SetAction(parse => Explain(parse.GetValue(path)!, parse.GetValue(given) ?? [], Console.Out, Console.Error));
        return command;
    }

    /// <summary>Failures and the summary go to <paramref name="output"/>; an invalid policy's diagnostics to <paramref name="error"/>.</summary>
    internal static int Test(string path, bool coverage, TextWriter output, TextWriter error)
    {
        if (LoadOrReport(path, error) is not { } policy)
        {
            return 1;
        }

        var (results, uncovered) = PolicyTestRunner.Run(policy, CompiledPolicy.Compile(policy), PostgresStatementFacts.Instance);
        foreach (var failure in results.Where(r => !r.Passed))
        {
            output.WriteLine($"{failure.Test.Span}: FAIL \"{failure.Test.Name}\": {failure.Failure}");
        }

        if (coverage)
        {
            foreach (var rule in uncovered)
            {
                output.WriteLine($"not covered: rule {rule}");
            }
        }

        var failed = results.Count(r => !r.Passed);
        output.WriteLine($"{results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    internal static int Explain(string path, IReadOnlyList<string> given, TextWriter output, TextWriter error)
    {
        if (LoadOrReport(path, error) is not { } policy)
        {
            return 1;
        }

        var input = new PolicyInput();
        foreach (var pair in given)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error.WriteLine($"--given {pair}: expected FIELD=VALUE");
                return 1;
            }

            var name = pair[..equals].Trim();
            var value = pair[(equals + 1)..].Trim();

            // Only list fields split on commas: a statement text keeps its own.
            IReadOnlyList<string> values = PolicyVocabulary.Fields.GetValueOrDefault(name) == FieldType.TextList
                ? value.TrimStart('[').TrimEnd(']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Unquote).ToArray()
                : [Unquote(value)];
            if (!PolicyInputBuilder.TrySet(ref input, name, values, PostgresStatementFacts.Instance, out var problem))
            {
                error.WriteLine($"--given {pair}: {problem}");
                return 1;
            }
        }

        var explanation = CompiledPolicy.Compile(policy).Explain(input);
        var decision = explanation.Decision;
        output.WriteLine($"decision: {decision}{(decision.Message is null ? string.Empty : $" \"{decision.Message}\"")}");
        if (decision.Approval is { } approval)
        {
            output.WriteLine($"approval: by {approval.By}, timeout {approval.Timeout?.ToString() ?? "none"}, mode {approval.Mode ?? "hold"}, grant {approval.Grant?.ToString() ?? "none"}");
        }

        foreach (var hit in decision.AuditHits)
        {
            output.WriteLine($"audit: would {hit.WouldBe.ToString().ToLowerInvariant()} by {hit.RuleId}");
        }

        foreach (var mask in decision.Masks)
        {
            output.WriteLine($"mask: {(mask.Columns is { } columns ? "column " + string.Join(", ", columns) : "pattern " + mask.Pattern)} with {mask.Function}{(mask.Arguments.Count == 0 ? string.Empty : $"({string.Join(", ", mask.Arguments)})")} (rule {mask.RuleId})");
        }

        foreach (var tag in decision.LogTags)
        {
            output.WriteLine($"log: {tag}");
        }

        foreach (var rule in explanation.Rules)
        {
            var mode = rule.Mode == RuleMode.Audit ? " (audit)" : string.Empty;
            output.WriteLine(rule.Matched
                ? $"  matched  {rule.RuleId}{mode}"
                : $"  no match {rule.RuleId}{mode}: false at {rule.FailedSpan}: {rule.FailedCondition}");
        }

        return 0;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static PolicyDocument? LoadOrReport(string path, TextWriter error)
    {
        var (policy, diagnostics) = PolicyLoader.Load(path);
        foreach (var diagnostic in diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        if (policy is null)
        {
            error.WriteLine($"{path}: {Count(diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error), "error")}");
        }

        return policy;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
