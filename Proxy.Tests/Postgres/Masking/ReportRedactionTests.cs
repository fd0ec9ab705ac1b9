using Proxy.Protocols.Postgres;

namespace Proxy.Tests.Postgres.Masking;

/// <summary>The message of an error or notice about a statement that reads masked columns keeps nothing between its first and last quote mark.</summary>
public sealed class ReportRedactionTests
{
    [TestCase("invalid input syntax for type integer: \"alice@example.com\"", "invalid input syntax for type integer: \"[redacted]\"")]
    [TestCase("invalid input syntax for type integer: \"pre\"alice\"post\"", "invalid input syntax for type integer: \"[redacted]\"", Description = "a value holding quote marks")]
    [TestCase("ungültige Eingabesyntax für Typ integer: „alice“", "ungültige Eingabesyntax für Typ integer: \"[redacted]\"")]
    [TestCase("syntaxe en entrée invalide pour le type integer : « alice »", "syntaxe en entrée invalide pour le type integer : \"[redacted]\"")]
    [TestCase("value \"alice is cut", "value \"[redacted]\"", Description = "one mark: the rest goes")]
    [TestCase("division by zero", "division by zero")]
    public void Redacts_from_the_first_quote_mark_to_the_last(string message, string expected) =>
        Assert.That(PostgresConversation.RedactQuoted(message), Is.EqualTo(expected));
}
