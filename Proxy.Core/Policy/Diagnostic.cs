using System.Text;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>
/// A problem in a policy, at the place it is written. <see cref="SourceLine"/> is the text of that line, kept
/// so the message can be printed with a caret long after the file was read.
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, SourceSpan Span, string Message, string SourceLine)
{
    public static Diagnostic Error(SourceSpan span, string message, string sourceLine) =>
        new(DiagnosticSeverity.Error, span, message, sourceLine);

    public static Diagnostic Warning(SourceSpan span, string message, string sourceLine) =>
        new(DiagnosticSeverity.Warning, span, message, sourceLine);

    /// <summary>`file:line:column: error: message`, the source line, and a caret under the column.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Span.File);

        // Line 0: about a path (missing, unreadable), not a place in it, so there is nothing to quote.
        if (Span.Line > 0)
        {
            text.Append(':').Append(Span.Line).Append(':').Append(Span.Column);
        }

        text.Append(": ").Append(Severity == DiagnosticSeverity.Error ? "error" : "warning").Append(": ").Append(Message);
        if (Span.Line == 0)
        {
            return text.ToString();
        }

        text.Append('\n').Append(SourceLine).Append('\n');

        // Tabs are copied so the caret lines up however the terminal expands them.
        var column = Math.Clamp(Span.Column - 1, 0, SourceLine.Length);
        for (var i = 0; i < column; i++)
        {
            text.Append(SourceLine[i] == '\t' ? '\t' : ' ');
        }

        var underline = Math.Max(1, Math.Min(Span.Length, SourceLine.Length - column));
        text.Append('^').Append('~', underline - 1);
        return text.ToString();
    }
}
