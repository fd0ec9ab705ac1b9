using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;
using Proxy.Protocols.Postgres.Sql;
using Proxy.Host.Cli;

namespace Proxy.Tests.Policy;

public sealed class PolicyTestCommandTests
{
    private const string Rules = """
        rule no_unscoped_writes { when sql.kind in [update, delete] and not sql.where then block "add a WHERE clause" }
        rule ddl { when sql.kind in [drop, truncate] then approve(by: "dba") }
        rule never_tested { when sql.multi then block }
        """;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("proxy-policy-test-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Passing_tests_exit_0_and_coverage_lists_untested_rules()
    {
        Write("a.rules", Rules + "\n" + """
            test "unscoped delete" { given sql = "DELETE FROM t" expect block by no_unscoped_writes }
            test "scoped delete" { given sql = "DELETE FROM t WHERE id = 1" expect allow }
            test "drop" { given sql.kind = drop expect approve by ddl }
            """);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = PolicyCommands.Test(_directory, coverage: true, output, error);

        Assert.That(exitCode, Is.Zero);
        Assert.That(error.ToString(), Is.Empty);
        Assert.That(output.ToString(), Is.EqualTo($"not covered: rule never_tested{Environment.NewLine}3 passed, 0 failed{Environment.NewLine}"));
    }

    [Test]
    public void A_failing_test_prints_expected_and_actual_and_exits_1()
    {
        Write("a.rules", Rules + "\n" + """
            test "wrong verdict" { given sql = "DELETE FROM t" expect allow }
            test "wrong rule" { given sql = "DROP TABLE t" expect approve by no_unscoped_writes }
            test "right" { given sql = "SELECT 1" expect allow }
            """);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = PolicyCommands.Test(_directory, coverage: false, output, error);

        Assert.That(exitCode, Is.EqualTo(1));
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"{Path.Combine(_directory, "a.rules")}:4:1: FAIL \"wrong verdict\": expected allow, got block by no_unscoped_writes",
            $"{Path.Combine(_directory, "a.rules")}:5:1: FAIL \"wrong rule\": expected approve by no_unscoped_writes, got approve by ddl",
            "1 passed, 2 failed",
        }));
    }

    [Test]
    public void An_invalid_policy_exits_1_with_its_diagnostics()
    {
        Write("a.rules", "rule r { when sql.knd == update then allow }\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = PolicyCommands.Test(_directory, coverage: false, output, error);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error.ToString(), Does.Contain("unknown field 'sql.knd'"));
    }

    [Test]
    public void Explain_prints_the_decision_and_the_trace()
    {
        Write("a.rules", Rules + "\nrule mask { when groups has \"agents\" then mask column [\"email\"] with partial(keep: 4), log \"agent\" }\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = PolicyCommands.Explain(_directory, ["groups=agents,dev", "sql=\"DELETE FROM t\""], output, error);

        Assert.That(exitCode, Is.Zero, error.ToString());
        var file = Path.Combine(_directory, "a.rules");
        Assert.That(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "decision: block by no_unscoped_writes \"add a WHERE clause\"",
            "mask: column email with partial(4) (rule mask)",
            "log: agent",
            "  matched  no_unscoped_writes",
            $"  no match ddl: false at {file}:2:17: sql.kind in [drop, truncate]",
            $"  no match never_tested: false at {file}:3:26: sql.multi",
            "  matched  mask",
        }));
    }

    [Test]
    public void Explain_rejects_an_unknown_field()
    {
        Write("a.rules", Rules);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = PolicyCommands.Explain(_directory, ["sql.knd=update"], output, error);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error.ToString(), Does.Contain("unknown field 'sql.knd'"));
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);
}

/// <summary>The policies shipped in `policies/` are valid and their own tests pass.</summary>
public sealed class ShippedPolicyTests
{
    private static string PoliciesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "proxy.sln")))
            {
                return Path.Combine(directory.FullName, "policies");
            }
        }

        throw new InvalidOperationException($"no proxy.sln above {AppContext.BaseDirectory}");
    }

    [Test]
    public void The_shipped_policies_check_clean()
    {
        var (policy, diagnostics) = PolicyLoader.Load(PoliciesDirectory());

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
        Assert.That(policy!.Files.Select(f => Path.GetFileName(f.Path)), Is.EqualTo(new[] { "ai-agents.rules", "default.rules" }));
    }

    [Test]
    public void Every_shipped_test_passes_and_every_rule_is_exercised()
    {
        var (policy, _) = PolicyLoader.Load(PoliciesDirectory());

        var (results, uncovered) = PolicyTestRunner.Run(policy!, CompiledPolicy.Compile(policy!), PostgresStatementFacts.Instance);

        Assert.That(results.Where(r => !r.Passed).Select(r => $"{r.Test.Name}: {r.Failure}"), Is.Empty);
        Assert.That(results, Has.Count.GreaterThan(10));
        Assert.That(uncovered, Is.Empty);
    }
}
