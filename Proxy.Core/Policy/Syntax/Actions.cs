namespace Proxy.Core.Policy.Syntax;

/// <summary>What a rule does when its condition holds.</summary>
public abstract record ActionNode(SourceSpan Span);

/// <summary>`allow`.</summary>
public sealed record AllowAction(SourceSpan Span) : ActionNode(Span);

/// <summary>`block "message"`; the message is what the client is told.</summary>
public sealed record BlockAction(string? Message, SourceSpan Span) : ActionNode(Span);

/// <summary>
/// `approve(by: GROUP, timeout: DURATION, mode: hold|retry, grant: DURATION)`. Arguments stay as written
/// so the binder can name a misspelt or mistyped one at its own position.
/// </summary>
public sealed record ApproveAction(IReadOnlyList<Argument> Arguments, SourceSpan Span) : ActionNode(Span);

/// <summary>`mask column LIST with FUNCTION`; <see cref="Columns"/> is a list literal or a list reference.</summary>
public sealed record MaskColumnAction(Expression Columns, MaskFunction Function, SourceSpan Span) : ActionNode(Span);

/// <summary>`mask pattern NAME with FUNCTION` (<see cref="Pattern"/> is an identifier) or `mask pattern /regex/ with FUNCTION`.</summary>
public sealed record MaskPatternAction(Expression Pattern, MaskFunction Function, SourceSpan Span) : ActionNode(Span);

/// <summary>`log "tag"`.</summary>
public sealed record LogAction(string Tag, SourceSpan Span) : ActionNode(Span);

/// <summary>`redact`, `null`, `hash`, `email`, `partial(keep: 4)`, `fixed("text")`.</summary>
public sealed record MaskFunction(string Name, IReadOnlyList<Argument> Arguments, SourceSpan Span);

/// <summary>`name: value`, or a positional value when <see cref="Name"/> is null.</summary>
public sealed record Argument(string? Name, Expression Value, SourceSpan Span);
