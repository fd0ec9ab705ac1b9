using Proxy.Host.Cli;
using Proxy.Tests.Support;

namespace Proxy.Tests.Policy;

public sealed class PolicyCheckCommandTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("proxy-policy-check-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_valid_policy_exits_0_with_a_summary()
    {
        File.WriteAllText(Path.Combine(_directory, "a.rules"), PolicyGrammarTests.IssueExample);
        File.WriteAllText(Path.Combine(_directory, "b.rules"), "list admins = [\"alice\"]\nrule admins_anything { when user in admins then allow }\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = PolicyCommands.Check(_directory, output, error);

        Assert.That(exitCode, Is.Zero);
        Assert.That(error.ToString(), Is.Empty);
        Assert.That(output.ToString(), Is.EqualTo($"{_directory}: 2 files, 6 rules, 1 test: ok{Environment.NewLine}"));
    }

    [Test]
    public void An_invalid_policy_exits_1_with_every_diagnostic()
    {
        File.WriteAllText(Path.Combine(_directory, "a.rules"), "rule r { when sql.knd == update then allow }\n");
        File.WriteAllText(Path.Combine(_directory, "b.rules"), "rule s { when db == then allow }\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = PolicyCommands.Check(_directory, output, error);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output.ToString(), Is.Empty);
        Assert.That(error.ToString(), Does.Contain("a.rules:1:15: error: unknown field 'sql.knd'"));
        Assert.That(error.ToString(), Does.Contain("b.rules:1:21: error: unexpected 'then'"));
        Assert.That(error.ToString(), Does.EndWith($"{_directory}: 2 errors{Environment.NewLine}"));
    }

    [Test]
    public async Task The_executable_reports_the_exit_code()
    {
        File.WriteAllText(Path.Combine(_directory, "ok.rules"), "version 1\ndefault block\n");
        var (validExit, validOutput) = await ProxyProcess.RunToExitAsync(_directory, TimeSpan.FromSeconds(30), "policy", "check", ".");

        File.WriteAllText(Path.Combine(_directory, "bad.rules"), "rule r { when usr == \"a\" then allow }\n");
        var (invalidExit, invalidOutput) = await ProxyProcess.RunToExitAsync(_directory, TimeSpan.FromSeconds(30), "policy", "check", ".");

        Assert.That(validExit, Is.Zero, validOutput);
        Assert.That(validOutput, Does.Contain(".: 1 file, 0 rules, 0 tests: ok"));
        Assert.That(invalidExit, Is.EqualTo(1), invalidOutput);
        Assert.That(invalidOutput, Does.Contain($"bad.rules:1:15: error: unknown field 'usr' (did you mean 'user'?)"));
    }
}
