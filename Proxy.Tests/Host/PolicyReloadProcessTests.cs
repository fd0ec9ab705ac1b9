using System.Text.RegularExpressions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Host;

/// <summary>`proxy run --policies DIR` as an operator runs it: loaded at startup, fail closed, reloaded on change and on SIGHUP.</summary>
[NonParallelizable]
public sealed class PolicyReloadProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private string _directory = null!;

    private string DataDirectory => Path.Combine(_directory, "data");

    private string PolicyDirectory => Path.Combine(_directory, "policies");

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("proxy-policy-process-").FullName;
        Directory.CreateDirectory(PolicyDirectory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(120_000)]
    public async Task A_running_proxy_rejects_an_invalid_change_and_reloads_a_valid_one_and_on_sighup(CancellationToken cancellationToken)
    {
        var rules = Path.Combine(PolicyDirectory, "a.rules");
        await File.WriteAllTextAsync(rules, "rule no_deletes { when sql.kind == delete then block }\n", cancellationToken);
        await using var echo = FakeUpstream.Echo();
        await using var proxy = ProxyProcess.Start(
            _directory, "run", "--upstream", echo.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--data", DataDirectory, "--policies", "policies");
        var endpoint = await proxy.WaitForListenerAsync("default", Timeout);
        await proxy.WaitForOutputAsync(o => o.Contains("Ready.", StringComparison.Ordinal), "the ready line", Timeout);
        Assert.That(proxy.Output, Does.Contain($"Policy loaded from {PolicyDirectory}: 1 rules"));
        Assert.That(proxy.Output, Does.Not.Contain("NO POLICY"));

        // An invalid change: rejected with its position, and the proxy keeps serving.
        await File.WriteAllTextAsync(rules, "rule no_deletes {\n  when sql.knd == delete\n  then block\n}\n", cancellationToken);
        await proxy.WaitForOutputAsync(o => o.Contains("Policy reload rejected", StringComparison.Ordinal), "the rejection", Timeout);
        Assert.That(proxy.Output, Does.Contain($"{rules}:2:8: error: unknown field 'sql.knd' (did you mean 'sql.kind'?)"));
        using (var client = await TestSockets.ConnectAsync(endpoint, cancellationToken))
        {
            await client.RoundTripAsync(cancellationToken);
        }

        // A valid change.
        await File.WriteAllTextAsync(rules, "rule no_deletes { when sql.kind == delete then block }\nrule no_drops { when sql.kind == drop then block }\n", cancellationToken);
        await proxy.WaitForOutputAsync(o => o.Contains("Policy reloaded: 2 rules (on file change)", StringComparison.Ordinal), "the reload", Timeout);

        // SIGHUP reloads too, and does not end the process.
        proxy.Hangup();
        await proxy.WaitForOutputAsync(o => o.Contains("Policy reloaded: 2 rules (on SIGHUP)", StringComparison.Ordinal), "the reload on SIGHUP", Timeout);
        Assert.That(proxy.HasExited, Is.False);

        proxy.Terminate();
        await proxy.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.That(proxy.ExitCode, Is.Zero, proxy.Output);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Sighup_reloads_also_when_the_proxy_was_started_with_it_ignored(CancellationToken cancellationToken)
    {
        // `nohup proxy run …`: the runtime alone would leave SIGHUP ignored, and the reload would never come.
        var rules = Path.Combine(PolicyDirectory, "a.rules");
        await File.WriteAllTextAsync(rules, "rule no_deletes { when sql.kind == delete then block }\n", cancellationToken);
        await using var echo = FakeUpstream.Echo();
        await using var proxy = ProxyProcess.StartWithHangupIgnored(
            _directory, "run", "--upstream", echo.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--data", DataDirectory, "--policies", "policies");
        await proxy.WaitForOutputAsync(o => o.Contains("Ready.", StringComparison.Ordinal), "the ready line", Timeout);

        proxy.Hangup();
        await proxy.WaitForOutputAsync(o => o.Contains("Policy reloaded: 1 rules (on SIGHUP)", StringComparison.Ordinal), "the reload on SIGHUP", Timeout);
        Assert.That(proxy.HasExited, Is.False);

        proxy.Terminate();
        await proxy.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.That(proxy.ExitCode, Is.Zero, proxy.Output);
    }

    [Test]
    public async Task An_invalid_policy_at_startup_exits_with_code_2_and_listens_on_nothing()
    {
        var rules = Path.Combine(PolicyDirectory, "a.rules");
        await File.WriteAllTextAsync(rules, "rule a { when sql.knd == delete then block }\nrule b { when db == then allow }\n");
        await using var echo = FakeUpstream.Echo();

        var result = await ProxyProcess.RunToExitSeparatelyAsync(
            _directory, Timeout, "run", "--upstream", echo.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--data", DataDirectory, "--policies", "policies");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.StandardOutput + result.StandardError);
        Assert.That(result.StandardError, Does.Contain($"{rules}:1:15: error: unknown field 'sql.knd' (did you mean 'sql.kind'?)\nrule a {{ when sql.knd == delete then block }}\n              ^~~~~~~"));
        Assert.That(result.StandardError, Does.Contain($"{rules}:2:21: error: unexpected 'then'"));
        Assert.That(result.StandardError, Does.Contain($"{PolicyDirectory}: 2 errors"));
        Assert.That(result.StandardError, Does.Contain("proxy: invalid policy; nothing started"));
        Assert.That(Regex.IsMatch(result.StandardOutput + result.StandardError, "Listener .* on "), Is.False, "nothing may listen");
        Assert.That(File.Exists(Path.Combine(DataDirectory, "sessions.db")), Is.False, "nothing may start");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_policy_using_hash_without_a_configured_key_does_not_start()
    {
        var rules = Path.Combine(PolicyDirectory, "a.rules");
        await File.WriteAllTextAsync(rules, "rule h {\n  when protocol == postgres\n  then mask column [\"email\"] with hash\n}\n");
        await using var echo = FakeUpstream.Echo();

        var result = await ProxyProcess.RunToExitSeparatelyAsync(
            _directory, Timeout, "run", "--upstream", echo.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--data", DataDirectory, "--policies", "policies");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.StandardOutput + result.StandardError);
        Assert.That(result.StandardError, Does.Contain($"{rules}:3:").And.Contain("error: mask function 'hash' needs a key: set MaskHashKeyEnv or MaskHashKeyFile"));
        Assert.That(File.Exists(Path.Combine(DataDirectory, "sessions.db")), Is.False, "nothing may start");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Without_a_policy_the_warning_stays()
    {
        await using var echo = FakeUpstream.Echo();
        await using var proxy = ProxyProcess.Start(_directory, "run", "--upstream", echo.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--data", DataDirectory);
        await proxy.WaitForListenerAsync("default", Timeout);

        await proxy.WaitForOutputAsync(o => o.Contains("NO POLICY LOADED", StringComparison.Ordinal), "the no-policy warning", Timeout);
        proxy.Terminate();
        await proxy.WaitForExitAsync(TimeSpan.FromSeconds(20));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Warnings_at_startup_are_logged_and_the_proxy_runs(CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(PolicyDirectory, "a.rules"), "rule a { when sql.multi then block }\nrule b { when sql.multi then block }\n", cancellationToken);
        await using var echo = FakeUpstream.Echo();
        await using var proxy = ProxyProcess.Start(
            _directory, "run", "--upstream", echo.EndPoint.ToString(), "--listen", "127.0.0.1:0", "--data", DataDirectory, "--policies", PolicyDirectory);
        await proxy.WaitForListenerAsync("default", Timeout);

        await proxy.WaitForOutputAsync(o => o.Contains("Policy loaded from", StringComparison.Ordinal), "the policy line", Timeout);
        Assert.That(proxy.Output, Does.Contain("warn: Proxy.Policy").And.Contain("a.rules:2:6: warning: rule 'b' is shadowed by rule 'a'"));
        proxy.Terminate();
        await proxy.WaitForExitAsync(TimeSpan.FromSeconds(20));
    }
}
