using Proxy.Core.Policy;
using Proxy.Host.Cli;

namespace Proxy.Tests.Policy;

/// <summary>The warnings (a rule that can never match, a shadowed rule) and the mask-on-a-protocol-without-results error.</summary>
public sealed class RuleAnalyzerTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("proxy-policy-analysis-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    // Each case: a rule that can never match, where the warning points, and why.
    [TestCase("rule r { when sql.kind == select and sql.kind == delete then block }", 38,
        "rule 'r' can never match: no value of sql.kind satisfies both 'sql.kind == select' and 'sql.kind == delete'")]
    [TestCase("rule r { when sql.kind in [select, show] and sql.kind in [delete, update] then block }", 46,
        "rule 'r' can never match: no value of sql.kind satisfies both 'sql.kind in [select, show]' and 'sql.kind in [delete, update]'")]
    [TestCase("rule r { when db == \"a\" and db != \"a\" then block }", 29,
        "rule 'r' can never match: no value of db satisfies both 'db == \"a\"' and 'db != \"a\"'")]
    [TestCase("rule r { when protocol in [postgres] and not (protocol == postgres) then block }", 42,
        "rule 'r' can never match: no value of protocol satisfies both 'protocol in [postgres]' and 'not protocol == postgres'")]
    [TestCase("rule r { when time.weekday == mon and time.weekday == tuesday then block }", 39,
        "rule 'r' can never match: no value of time.weekday satisfies both")]
    [TestCase("rule r { when time.hour in [1, 2] and time.hour not in [1, 2] then block }", 39,
        "rule 'r' can never match: no value of time.hour satisfies both 'time.hour in [1, 2]' and 'time.hour not in [1, 2]'")]
    [TestCase("rule r { when sql.where and not sql.where then block }", 29,
        "rule 'r' can never match: no value of sql.where satisfies both 'sql.where' and 'not sql.where'")]
    [TestCase("rule r { when sql.multi == true and sql.multi == false then block }", 37,
        "rule 'r' can never match: no value of sql.multi satisfies both")]
    [TestCase("rule r { when db in [] then block }", 15, "rule 'r' can never match: 'db in []' holds for no value (the list is empty)")]
    [TestCase("rule r { when groups any in [] then block }", 15, "rule 'r' can never match: 'groups any in []' holds for no value")]
    [TestCase("list none = []\nrule r { when user in none then block }", 15, "rule 'r' can never match: 'user in none' holds for no value", 2)]
    [TestCase("rule r { when sql.multi and (db in [] or user in []) then block }", 30, "rule 'r' can never match: neither side of 'db in [] or user in []' can hold")]
    [TestCase("rule r { when not (db not in []) then block }", 15, "rule 'r' can never match: 'db not in []' always holds, so 'not db not in []' never does")]
    public void A_rule_that_can_never_match_is_a_warning(string text, int column, string message, int line = 1)
    {
        var diagnostic = LoadSingle(text, expectValid: true);

        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That((diagnostic.Span.Line, diagnostic.Span.Column), Is.EqualTo((line, column)));
        Assert.That(diagnostic.Message, Does.StartWith(message));
    }

    // Conditions that look alike but can hold: no warning.
    [TestCase("rule r { when sql.kind in [select, delete] and sql.kind == delete then block }")]
    [TestCase("rule r { when db != \"a\" and db != \"b\" then block }")]
    [TestCase("rule r { when sql.where or not sql.where then block }")]
    [TestCase("rule r { when time.weekday == mon and time.weekday in [monday, tue] then block }")]
    [TestCase("rule r { when groups all in [] then block }")]
    [TestCase("rule r { when db not in [] then block }")]
    [TestCase("rule r { when client.ip in [\"10.0.0.0/8\"] and client.ip in [\"192.168.0.0/16\"] then block }")]
    public void A_condition_that_can_hold_is_not_reported(string text)
    {
        Write("p.rules", text);

        var (policy, diagnostics) = PolicyLoader.Load(_directory);

        Assert.That(policy, Is.Not.Null);
        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    // Each case: two rules; the second is shadowed by the first.
    [TestCase("rule a { when sql.multi then block }\nrule b { when sql.multi then block \"other message\" }")]
    [TestCase("rule a { when sql.multi then block }\nrule b { when sql.multi and db == \"prod\" then approve(by: dba) }")]
    [TestCase("rule a { when db == \"prod\" then approve(by: dba) }\nrule b { when sql.kind == drop and db == \"prod\" then allow }")]
    [TestCase("rule a { when db == \"prod\" and sql.multi then block }\nrule b { when sql.multi and user == \"x\" and db == \"prod\" then block }")]
    public void A_rule_shadowed_by_an_earlier_rule_is_a_warning(string text)
    {
        var diagnostic = LoadSingle(text, expectValid: true);

        var path = Path.Combine(_directory, "p.rules");
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That((diagnostic.Span.Line, diagnostic.Span.Column), Is.EqualTo((2, 6)));
        Assert.That(diagnostic.Message, Does.StartWith($"rule 'b' is shadowed by rule 'a' at {path}:1:6: 'a' matches whenever 'b' does"));
    }

    // Each case: a later rule that still has something to say.
    [TestCase("rule a { when sql.multi then approve(by: dba) }\nrule b { when sql.multi then block }", TestName = "a stronger verdict can win")]
    [TestCase("rule a { when sql.multi then block }\nrule b { when sql.multi then block, log \"x\" }", TestName = "a log tag still accumulates")]
    [TestCase("rule a { when sql.multi then block }\nrule b { when sql.multi then block, mask pattern ssn with redact }", TestName = "a mask still accumulates")]
    [TestCase("rule a { when sql.multi and db == \"p\" then block }\nrule b { when sql.multi then block }", TestName = "the earlier condition is narrower")]
    [TestCase("rule a mode audit { when sql.multi then block }\nrule b { when sql.multi then block }", TestName = "an audit rule decides nothing")]
    [TestCase("rule a { when sql.multi then log \"x\" }\nrule b { when sql.multi then block }", TestName = "a rule without a verdict decides nothing")]
    public void A_later_rule_that_can_still_contribute_is_not_shadowed(string text)
    {
        Write("p.rules", text);

        var (_, diagnostics) = PolicyLoader.Load(_directory);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [TestCase("rule r { when protocol == tcp then mask pattern ssn with redact }", 36, "mask on protocol 'tcp', which has no results to mask")]
    [TestCase("rule r { when protocol == ssh and user == \"a\" then block, mask column [\"a\"] with redact }", 59, "mask on protocol 'ssh', which has no results to mask")]
    [TestCase("rule r { when protocol in [ssh, tcp] then mask pattern ssn with redact }", 43, "mask on protocol 'ssh' or 'tcp', which have no results to mask")]
    [TestCase("rule r { when protocol not in [postgres, mysql, http] then mask pattern ssn with redact }", 60, "mask on protocol 'ssh' or 'tcp', which have no results to mask")]
    public void A_mask_on_a_protocol_without_results_is_an_error(string text, int column, string message)
    {
        var diagnostic = LoadSingle(text, expectValid: false);

        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That((diagnostic.Span.Line, diagnostic.Span.Column), Is.EqualTo((1, column)));
        Assert.That(diagnostic.Message, Is.EqualTo(message));
    }

    [TestCase("rule r { when protocol in [tcp, postgres] then mask pattern ssn with redact }")]
    [TestCase("rule r { when protocol != tcp then mask pattern ssn with redact }")]
    [TestCase("rule r { when user == \"a\" then mask pattern ssn with redact }")]
    [TestCase("rule r { when protocol == tcp or protocol == mysql then mask pattern ssn with redact }")]
    public void A_mask_that_can_apply_to_results_is_accepted(string text)
    {
        Write("p.rules", text);

        var (policy, diagnostics) = PolicyLoader.Load(_directory);

        Assert.That(policy, Is.Not.Null);
        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void Check_prints_warnings_and_exits_0()
    {
        Write("p.rules", "rule a { when sql.multi then block }\nrule b { when sql.multi then block }\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = PolicyCommands.Check(_directory, output, error);

        var path = Path.Combine(_directory, "p.rules");
        Assert.That(exitCode, Is.Zero);
        Assert.That(error.ToString(), Does.StartWith(
            $"{path}:2:6: warning: rule 'b' is shadowed by rule 'a' at {path}:1:6: 'a' matches whenever 'b' does and its verdict (block) is at least as strong, so 'b' never decides\n"
            + "rule b { when sql.multi then block }\n"
            + "     ^"));
        Assert.That(output.ToString(), Is.EqualTo($"{_directory}: 1 file, 2 rules, 0 tests: ok, 1 warning{Environment.NewLine}"));
    }

    private Diagnostic LoadSingle(string text, bool expectValid)
    {
        Write("p.rules", text);

        var (policy, diagnostics) = PolicyLoader.Load(_directory);

        Assert.That(policy, expectValid ? Is.Not.Null : Is.Null);
        Assert.That(diagnostics, Has.Count.EqualTo(1), string.Join("\n", diagnostics));
        return diagnostics[0];
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);
}
