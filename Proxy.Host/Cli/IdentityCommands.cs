using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Proxy.Protocols.Postgres.Auth;

namespace Proxy.Host.Cli;

/// <summary>`proxy identity add`: make the configuration entry of an identity the proxy authenticates itself (held mode).</summary>
internal static class IdentityCommands
{
    // '+' and '/' of base64 stay as they are: the snippet is pasted by hand and read by people.
    private static readonly JsonSerializerOptions SnippetJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build()
    {
        var identity = new Command("identity", "Identities the proxy authenticates itself (held-credential listeners).");
        identity.Subcommands.Add(BuildAdd());
        return identity;
    }

    private static Command BuildAdd()
    {
        var name = new Argument<string>("name") { Description = "The name the client logs in with." };
        var groups = new Option<string?>("--groups") { Description = "Comma-separated groups, for policy rules (groups=…)." };
        var iterations = new Option<int>("--iterations")
        {
            Description = $"SCRAM-SHA-256 iteration count ({ScramVerifier.MinimumIterations}–{ScramVerifier.MaximumIterations}).",
            DefaultValueFactory = _ => ScramVerifier.DefaultIterations,
        };
        var command = new Command(
            "add",
            "Read a password (twice, without echo, on a terminal; one line from standard input otherwise) and print the "
            + "identity's entry for \"Identities\" in the configuration, with a SCRAM-SHA-256 verifier in place of the password.")
        {
            name, groups, iterations,
        };
        command.SetAction(parse => Add(
            parse.GetValue(name)!,
            parse.GetValue(groups),
            parse.GetValue(iterations),
            Console.IsInputRedirected ? new LinePasswordSource(Console.In) : new TerminalPasswordSource(Console.Error),
            Console.Out,
            Console.Error));
        return command;
    }

    /// <summary>Exit 0 with the snippet on <paramref name="output"/>; 2 for a bad argument, 1 for an unusable password.</summary>
    internal static int Add(string name, string? groups, int iterations, IPasswordSource passwords, TextWriter output, TextWriter error)
    {
        if (ValidateName(name, "identity name") is { } nameProblem)
        {
            error.WriteLine($"proxy: {nameProblem}");
            return ProxyCommandLine.InvalidConfiguration;
        }

        var groupList = (groups ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (groupList.Select(g => ValidateName(g, "group name")).FirstOrDefault(p => p is not null) is { } groupProblem)
        {
            error.WriteLine($"proxy: --groups: {groupProblem}");
            return ProxyCommandLine.InvalidConfiguration;
        }

        if (iterations is < ScramVerifier.MinimumIterations or > ScramVerifier.MaximumIterations)
        {
            error.WriteLine($"proxy: --iterations must be from {ScramVerifier.MinimumIterations} to {ScramVerifier.MaximumIterations}, not {iterations.ToString(CultureInfo.InvariantCulture)}");
            return ProxyCommandLine.InvalidConfiguration;
        }

        if (!passwords.TryRead(out var password, out var problem))
        {
            error.WriteLine($"proxy: {problem}");
            return 1;
        }

        string verifier;
        try
        {
            verifier = ScramVerifier.Create(password, iterations).Format();
        }
        finally
        {
            Array.Clear(password);
        }

        var groupJson = string.Join(", ", groupList.Select(g => JsonSerializer.Serialize(g, SnippetJson)));
        output.WriteLine($"{JsonSerializer.Serialize(name, SnippetJson)}: {{ \"Scram\": {JsonSerializer.Serialize(verifier, SnippetJson)}, \"Groups\": [{groupJson}] }}");
        return 0;
    }

    private static string? ValidateName(string name, string what) =>
        name.Length == 0 ? $"the {what} is empty"
        : name.Any(char.IsControl) ? $"the {what} contains a control character"
        : name.Trim().Length != name.Length ? $"the {what} '{name}' starts or ends with white space"
        : null;

    /// <summary>Where the password comes from; the caller clears the returned characters.</summary>
    internal interface IPasswordSource
    {
        bool TryRead(out char[] password, out string? problem);
    }

    /// <summary>A script pipes the password: the first line of standard input, without its line ending.</summary>
    internal sealed class LinePasswordSource(TextReader input) : IPasswordSource
    {
        public bool TryRead(out char[] password, out string? problem)
        {
            password = (input.ReadLine() ?? string.Empty).ToCharArray();
            problem = password.Length == 0 ? "empty password (standard input gave no line or an empty one)" : null;
            return problem is null;
        }
    }

    /// <summary>A person types the password twice, unseen; the prompts go to standard error so the snippet alone is on standard output.</summary>
    internal sealed class TerminalPasswordSource(TextWriter prompts) : IPasswordSource
    {
        public bool TryRead(out char[] password, out string? problem)
        {
            // Sets the terminal up (echo off) before the prompt, so keys typed ahead of the first ReadKey are not shown.
            _ = Console.KeyAvailable;
            password = ReadHidden("Password: ");
            var again = ReadHidden("Repeat password: ");
            try
            {
                problem = password.Length == 0 ? "empty password"
                    : !password.AsSpan().SequenceEqual(again) ? "the passwords do not match"
                    : null;
            }
            finally
            {
                Array.Clear(again);
            }

            if (problem is not null)
            {
                Array.Clear(password);
            }

            return problem is null;
        }

        private char[] ReadHidden(string prompt)
        {
            prompts.Write(prompt);
            var typed = new char[64];
            var length = 0;
            try
            {
                for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
                {
                    if (key.Key == ConsoleKey.Backspace)
                    {
                        length = Math.Max(0, length - 1);
                    }
                    else if (!char.IsControl(key.KeyChar))
                    {
                        if (length == typed.Length)
                        {
                            var larger = new char[typed.Length * 2];
                            typed.CopyTo(larger, 0);
                            Array.Clear(typed);
                            typed = larger;
                        }

                        typed[length++] = key.KeyChar;
                    }
                }

                prompts.WriteLine();
                return typed[..length];
            }
            finally
            {
                Array.Clear(typed);
            }
        }
    }
}
