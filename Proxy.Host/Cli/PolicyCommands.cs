using System.CommandLine;
using Proxy.Core.Policy;

namespace Proxy.Host.Cli;

/// <summary>`proxy policy check`: parse and bind a policy directory without starting anything.</summary>
internal static class PolicyCommands
{
    public static Command Build()
    {
        var policy = new Command("policy", "Work with rule files (docs/policy-language.md).");
        policy.Subcommands.Add(BuildCheck());
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

        output.WriteLine($"{path}: {Count(policy.Files.Count, "file")}, {Count(policy.Rules.Count, "rule")}, {Count(policy.Tests.Count, "test")}: ok");
        return 0;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
