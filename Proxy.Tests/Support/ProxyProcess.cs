using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Proxy.Tests.Support;

/// <summary>
/// The real `proxy` executable as a child process, for what only a process can show: exit codes, signals,
/// a SIGKILL in the middle of traffic. Its bound addresses are read from its own log lines.
/// </summary>
internal sealed partial class ProxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, IPEndPoint> _listeners = [];
    private readonly object _gate = new();

    private ProxyProcess(Process process) => _process = process;

    /// <summary>The host is a project reference, so its build sits beside the tests.</summary>
    private static string ProxyDll => Path.Combine(AppContext.BaseDirectory, "proxy.dll");

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts `proxy ARGS…` in <paramref name="workingDirectory"/>.</summary>
    public static ProxyProcess Start(string workingDirectory, params string[] args) => Start("dotnet", [ProxyDll, .. args], workingDirectory);

    /// <summary>
    /// As <see cref="Start(string, string[])"/>, with SIGHUP ignored from the start, as `nohup` or a supervisor
    /// leaves it: a shell sets the disposition and execs the proxy, which keeps the shell's pid.
    /// </summary>
    public static ProxyProcess StartWithHangupIgnored(string workingDirectory, params string[] args) =>
        Start("/bin/sh", ["-c", "trap '' HUP; exec dotnet \"$@\"", "sh", ProxyDll, .. args], workingDirectory);

    private static ProxyProcess Start(string fileName, string[] args, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var proxy = new ProxyProcess(process);
        process.OutputDataReceived += (_, e) => proxy.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return proxy;
    }

    /// <summary>Runs `proxy ARGS…` to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var result = await ExternalProcess.RunAsync("dotnet", [ProxyDll, .. args], timeout, workingDirectory);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>Runs `proxy ARGS…` to completion, keeping standard output and standard error apart.</summary>
    public static Task<ProcessResult> RunToExitSeparatelyAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [ProxyDll, .. args], timeout, workingDirectory);

    /// <summary>As <see cref="RunToExitSeparatelyAsync(string, TimeSpan, string[])"/>, with variables added to the environment.</summary>
    public static Task<ProcessResult> RunToExitSeparatelyAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [ProxyDll, .. args], timeout, workingDirectory, environment);

    /// <summary>Waits until the admin API has logged where it listens.</summary>
    public async Task<Uri> WaitForAdminAsync(TimeSpan timeout)
    {
        await WaitForOutputAsync(o => AdminLine().IsMatch(o), "the admin API's address", timeout);
        return new Uri(AdminLine().Match(Output).Groups["url"].Value);
    }

    /// <summary>Waits until the output (both streams) satisfies <paramref name="condition"/>; fails on exit or timeout.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition(Output))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"proxy exited with code {_process.ExitCode} while waiting for {what}:\n{Output}");
            }

            if (deadline.Elapsed > timeout)
            {
                Assert.Fail($"no {what} within {timeout}:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the named listener has logged its bound address.</summary>
    public async Task<IPEndPoint> WaitForListenerAsync(string name, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            lock (_gate)
            {
                if (_listeners.TryGetValue(name, out var endpoint))
                {
                    return endpoint;
                }
            }

            if (_process.HasExited)
            {
                Assert.Fail($"proxy exited with code {_process.ExitCode} before listening:\n{Output}");
            }

            await Task.Delay(50);
        }

        Assert.Fail($"proxy did not start listener '{name}' within {timeout}:\n{Output}");
        return null!;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"proxy did not exit within {timeout}:\n{Output}");
        }
    }

    /// <summary>SIGTERM: what a service manager sends to stop it.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGHUP: reload the policy.</summary>
    public void Hangup() => Signal("HUP");

    /// <summary>SIGKILL: no chance to flush anything.</summary>
    public void KillHard() => Signal("KILL");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                _listeners[match.Groups["name"].Value] = IPEndPoint.Parse(match.Groups["endpoint"].Value);
            }
        }
    }

    [GeneratedRegex(@"Listener (?<name>\S+) \(\S+\) on (?<endpoint>\S+) →")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"Admin API on (?<url>http://\S+)")]
    private static partial Regex AdminLine();
}
