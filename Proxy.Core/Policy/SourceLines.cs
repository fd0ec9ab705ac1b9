using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy;

/// <summary>The text of every file read, by line, so a diagnostic can quote the line it points at.</summary>
public sealed class SourceLines
{
    private readonly Dictionary<string, string[]> _files = new(StringComparer.Ordinal);

    public void Add(string path, string text) =>
        _files[path] = text.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();

    public string LineAt(SourceSpan span) =>
        _files.TryGetValue(span.File, out var lines) && span.Line >= 1 && span.Line <= lines.Length
            ? lines[span.Line - 1]
            : string.Empty;

    public Diagnostic Error(SourceSpan span, string message) => Diagnostic.Error(span, message, LineAt(span));
}
