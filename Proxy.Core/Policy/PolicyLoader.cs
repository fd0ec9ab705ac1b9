using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy;

/// <summary>Reads a policy directory: every `*.rules` file, in name order, parsed and bound as one policy.</summary>
public static class PolicyLoader
{
    /// <summary>
    /// Loads <paramref name="directory"/> (a single `.rules` file is accepted too). The policy is null when any
    /// file has an error; the diagnostics hold every error of every file, in file then line order.
    /// </summary>
    public static (PolicyDocument? Policy, IReadOnlyList<Diagnostic> Diagnostics) Load(string directory)
    {
        string[] paths;
        if (File.Exists(directory))
        {
            paths = [directory];
        }
        else if (Directory.Exists(directory))
        {
            paths = Directory.GetFiles(directory, "*.rules")
                .Select(path => Path.Combine(directory, Path.GetFileName(path)))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (paths.Length == 0)
            {
                return (null, [Unpositioned(directory, "no *.rules files in this directory")]);
            }
        }
        else
        {
            return (null, [Unpositioned(directory, "no such file or directory")]);
        }

        var lines = new SourceLines();
        var files = new List<PolicyFile>();
        var diagnostics = new List<Diagnostic>();
        foreach (var path in paths)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(Unpositioned(path, $"cannot read: {ex.Message}"));
                continue;
            }

            lines.Add(path, text);
            var (file, syntaxErrors) = PolicyGrammar.ParseFile(path, text);
            files.Add(file);
            diagnostics.AddRange(syntaxErrors);
        }

        var (policy, bindErrors) = PolicyBinder.Bind(files, lines);
        diagnostics.AddRange(bindErrors);
        var fileOrder = paths.Select((path, index) => (path, index)).ToDictionary(p => p.path, p => p.index, StringComparer.Ordinal);
        var ordered = diagnostics
            .OrderBy(d => fileOrder.GetValueOrDefault(d.Span.File))
            .ThenBy(d => d.Span.Line)
            .ThenBy(d => d.Span.Column)
            .ToArray();
        return (ordered.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : policy, ordered);
    }

    /// <summary>A problem with a path rather than with a place in a file: line 0, no source line, no caret.</summary>
    private static Diagnostic Unpositioned(string path, string message) =>
        Diagnostic.Error(new SourceSpan(path, 0, 0, 0), message, string.Empty);
}
