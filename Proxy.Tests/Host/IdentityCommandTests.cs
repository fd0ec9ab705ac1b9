using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Proxy.Protocols.Postgres.Auth;

namespace Proxy.Tests.Host;

/// <summary>`proxy identity add` as a script runs it: the password piped on standard input.</summary>
[CancelAfter(60_000)]
public sealed class IdentityCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Prints_an_identity_entry_whose_verifier_verifies_the_password()
    {
        var (exitCode, stdout, stderr) = await RunAsync("correct horse ü\n", "identity", "add", "alice", "--groups", "dba, ops");

        Assert.That(exitCode, Is.Zero, stderr);
        using var entry = JsonDocument.Parse("{" + stdout + "}");
        var alice = entry.RootElement.GetProperty("alice");
        var verifier = ScramVerifier.Parse(alice.GetProperty("Scram").GetString()!);
        Assert.That(verifier.Iterations, Is.EqualTo(4096));
        Assert.That(verifier.Verifies("correct horse ü"), Is.True);
        Assert.That(verifier.Verifies("correct horse u"), Is.False);
        Assert.That(alice.GetProperty("Groups").EnumerateArray().Select(g => g.GetString()), Is.EqualTo(new[] { "dba", "ops" }));
        Assert.That(stdout, Does.StartWith("\"alice\": { \"Scram\": \"SCRAM-SHA-256$4096:").And.Not.Contain("\\u"), "base64 stays readable");
        Assert.That(stdout + stderr, Does.Not.Contain("correct horse"));
    }

    [Test]
    public async Task Takes_the_iteration_count_and_escapes_the_name_as_JSON()
    {
        var (exitCode, stdout, stderr) = await RunAsync("pw\r\n", "identity", "add", "o\"brien", "--iterations", "5000");

        Assert.That(exitCode, Is.Zero, stderr);
        using var entry = JsonDocument.Parse("{" + stdout + "}");
        var identity = entry.RootElement.GetProperty("o\"brien");
        var verifier = ScramVerifier.Parse(identity.GetProperty("Scram").GetString()!);
        Assert.That(verifier.Iterations, Is.EqualTo(5000));
        Assert.That(verifier.Verifies("pw"), Is.True, "the line ending is not part of the password");
        Assert.That(identity.GetProperty("Groups").GetArrayLength(), Is.Zero);
    }

    [TestCase("", TestName = "identity add: no input at all")]
    [TestCase("\n", TestName = "identity add: an empty line")]
    public async Task Refuses_an_empty_password(string input)
    {
        var (exitCode, stdout, stderr) = await RunAsync(input, "identity", "add", "alice");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("empty password"));
        Assert.That(stdout, Is.Empty);
    }

    [TestCase("a\tb", "control character", TestName = "identity add: name with a tab")]
    [TestCase(" alice", "white space", TestName = "identity add: name with leading space")]
    public async Task Refuses_a_bad_name(string name, string problem)
    {
        var (exitCode, stdout, stderr) = await RunAsync("pw\n", "identity", "add", name);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(problem));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Refuses_an_empty_name_a_bad_group_and_iterations_out_of_bounds()
    {
        var empty = await RunAsync("pw\n", "identity", "add", "");
        var group = await RunAsync("pw\n", "identity", "add", "alice", "--groups", "ok,bad\u0001group");
        var iterations = await RunAsync("pw\n", "identity", "add", "alice", "--iterations", "999");

        Assert.That(empty.ExitCode, Is.EqualTo(2));
        Assert.That(empty.Stderr, Does.Contain("identity name is empty"));
        Assert.That(group.ExitCode, Is.EqualTo(2));
        Assert.That(group.Stderr, Does.Contain("--groups: the group name contains a control character"));
        Assert.That(iterations.ExitCode, Is.EqualTo(2));
        Assert.That(iterations.Stderr, Does.Contain("--iterations must be from 1000 to 10000000, not 999"));
    }

    /// <summary>Runs `proxy ARGS…` with <paramref name="input"/> on a redirected standard input.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "proxy.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"proxy {string.Join(' ', args)} did not exit within {Timeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
