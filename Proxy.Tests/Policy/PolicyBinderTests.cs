using Proxy.Core.Policy;

namespace Proxy.Tests.Policy;

public sealed class PolicyBinderTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("proxy-policy-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void The_issue_example_binds()
    {
        Write("a.rules", PolicyGrammarTests.IssueExample);

        var (policy, diagnostics) = PolicyLoader.Load(_directory);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
        Assert.That(policy!.Rules, Has.Count.EqualTo(5));
        Assert.That(policy.Lists.Keys, Is.EqualTo(new[] { "pii_tables" }));
        Assert.That(policy.Default, Is.EqualTo(Core.Policy.Syntax.DefaultDecision.Allow));
    }

    // Each case: one rule file line with one mistake, where it is, and what is said about it.
    [TestCase("rule r { when sql.knd == update then allow }", 15, "unknown field 'sql.knd' (did you mean 'sql.kind'?)")]
    [TestCase("rule r { when sql.kind in [updte, delete] then allow }", 28, "unknown statement kind 'updte' (did you mean 'update'?)")]
    [TestCase("rule r { when sql.kind == \"selct\" then allow }", 27, "unknown statement kind 'selct' (did you mean 'select'?)")]
    [TestCase("rule r { when protocol == postgress then allow }", 27, "unknown protocol 'postgress' (did you mean 'postgres'?)")]
    [TestCase("rule r { when sql.where == \"x\" then allow }", 28, "type mismatch: sql.where is a boolean, not a string")]
    [TestCase("rule r { when time.hour in [\"a\"] then allow }", 29, "type mismatch: time.hour is a number, not a string")]
    [TestCase("rule r { when time.hour like \"1*\" then allow }", 25, "type mismatch: 'like' needs a string field; time.hour is a number")]
    [TestCase("rule r { when db == prod then allow }", 21, "type mismatch: db is a string, not the name 'prod' (quote it: \"prod\")")]
    [TestCase("rule r { when db then allow }", 15, "type mismatch: db is a string, not a condition")]
    [TestCase("rule r { when groups == \"x\" then allow }", 22, "type mismatch: groups is a list; use 'has', 'any in' or 'all in'")]
    [TestCase("rule r { when db any in [\"a\"] then allow }", 18, "type mismatch: 'any in' needs a list field (groups, sql.tables); db is a string")]
    [TestCase("rule r { when client.ip in [\"10.0.0.0/33\"] then allow }", 29, "'10.0.0.0/33' is not an IP address or a CIDR range")]
    [TestCase("rule r { when user in admins then allow }", 23, "unknown list 'admins'")]
    [TestCase("rule r { when sql.text ~ /(a)\\1/ then allow }", 26, "bad regex: ")]
    [TestCase("rule r { when sql.text ~ /[a/ then allow }", 26, "bad regex: ")]
    [TestCase("rule r { when sql.text ~ /a/g then allow }", 26, "unknown regex flag 'g'")]
    [TestCase("rule r { when sql.multi then mask column [\"a\"] with redakt }", 53, "unknown mask function 'redakt' (did you mean 'redact'?)")]
    [TestCase("rule r { when sql.multi then mask pattern credit_crd with redact }", 43, "unknown mask pattern 'credit_crd' (did you mean 'credit_card'?)")]
    [TestCase("rule r { when sql.multi then mask pattern /(?=a)/ with redact }", 43, "bad regex: ")]
    [TestCase("rule r { when sql.multi then mask column [\"a\"] with partial(4) }", 53, "partial takes one argument: partial(keep: N)")]
    [TestCase("rule r { when sql.multi then approve(by: \"dba\", timeot: 5m) }", 49, "unknown approve argument 'timeot' (did you mean 'timeout'?)")]
    [TestCase("rule r { when sql.multi then approve(by: \"dba\", timeout: \"5m\") }", 58, "type mismatch: 'timeout' is a duration such as 15m, not a string")]
    [TestCase("rule r { when sql.multi then approve(by: \"dba\", mode: wait) }", 55, "unknown approval mode 'wait'")]
    [TestCase("rule r { when sql.multi then approve(timeout: 5m) }", 30, "approve needs 'by: GROUP'")]
    [TestCase("rule r { when sql.multi then allow }\ntest \"t\" { expect block by rr }", 28, "test expects rule 'rr', which no file declares (did you mean 'r'?)", 2)]
    [TestCase("test \"t\" { given usr = \"a\" expect allow }", 18, "unknown field 'usr' (did you mean 'user'?)")]
    [TestCase("version 2", 1, "unsupported version 2; this proxy reads version 1")]
    public void Each_mistake_is_reported_at_its_place(string text, int column, string message, int line = 1)
    {
        Write("p.rules", text);

        var (policy, diagnostics) = PolicyLoader.Load(_directory);

        Assert.That(policy, Is.Null);
        var diagnostic = diagnostics.Single();
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That((diagnostic.Span.File, diagnostic.Span.Line, diagnostic.Span.Column), Is.EqualTo((Path.Combine(_directory, "p.rules"), line, column)));
        Assert.That(diagnostic.Message, Does.StartWith(message));
    }

    [Test]
    public void Names_are_shared_and_checked_across_the_directory()
    {
        Write("a.rules", """
            default allow
            list admins = ["alice"]
            rule r { when user in admins then allow }
            """);
        Write("b.rules", """
            default block
            list admins = ["bob"]
            rule r { when user in admins then block }
            test "uses a rule of a.rules" { expect allow by r }
            """);

        var (policy, diagnostics) = PolicyLoader.Load(_directory);

        Assert.That(policy, Is.Null);
        var b = Path.Combine(_directory, "b.rules");
        var a = Path.Combine(_directory, "a.rules");
        Assert.That(diagnostics.Select(d => $"{d.Span}: {d.Message}"), Is.EqualTo(new[]
        {
            $"{b}:1:1: 'default' is already declared at {a}:1:1; a policy directory declares it at most once",
            $"{b}:2:6: duplicate list 'admins': already declared at {a}:2:6",
            $"{b}:3:6: duplicate rule id 'r': already declared at {a}:3:6",
        }));
    }

    [Test]
    public void Every_error_in_every_file_is_reported_in_one_run()
    {
        Write("a.rules", """
            rule one {
              when sql.knd == update
              then block
            }
            rule two { when db == then allow }
            rule three { when protocol == tpc then allow }
            """);
        Write("b.rules", """
            rule four { when sql.where then mask pattern ssn with hsh }
            test "x" {
              given user = "a"
              expect block by fuor
            }
            lst oops = []
            """);

        var (policy, diagnostics) = PolicyLoader.Load(_directory);

        Assert.That(policy, Is.Null);
        Assert.That(diagnostics.Select(d => $"{Path.GetFileName(d.Span.File)}:{d.Span.Line}:{d.Span.Column}"), Is.EqualTo(new[]
        {
            "a.rules:2:8", "a.rules:5:23", "a.rules:6:31",
            "b.rules:1:55", "b.rules:4:19", "b.rules:6:1",
        }));
    }

    [Test]
    public void A_diagnostic_renders_with_the_source_line_and_a_caret()
    {
        Write("p.rules", "# header\n\trule r {  when sql.knd == update then allow }\n");

        var (_, diagnostics) = PolicyLoader.Load(_directory);

        var path = Path.Combine(_directory, "p.rules");
        Assert.That(diagnostics.Single().ToString(), Is.EqualTo(
            $"{path}:2:17: error: unknown field 'sql.knd' (did you mean 'sql.kind'?)\n" +
            "\trule r {  when sql.knd == update then allow }\n" +
            "\t               ^~~~~~~"));
    }

    [Test]
    public void A_missing_directory_is_one_diagnostic_without_a_position()
    {
        var missing = Path.Combine(_directory, "nope");

        var (policy, diagnostics) = PolicyLoader.Load(missing);

        Assert.That(policy, Is.Null);
        Assert.That(diagnostics.Single().ToString(), Is.EqualTo($"{missing}: error: no such file or directory"));
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);
}
