using System.Diagnostics;
using System.Text;

namespace Proxy.Tests.Support;

public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The whole run, for the message of a failed assertion.</summary>
    public override string ToString() =>
        $"{CommandLine}{Environment.NewLine}exit code {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}"
        + Truncate(StandardOutput) + $"{Environment.NewLine}--- stderr ---{Environment.NewLine}" + Truncate(StandardError);

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + $"… ({text.Length} chars)";
}

/// <summary>Runs a client program (psql, pgbench, pg_ctl …) to completion, bounded in time.</summary>
public static class ExternalProcess
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null)
                {
                    startInfo.Environment.Remove(name);
                }
                else
                {
                    startInfo.Environment[name] = value;
                }
            }
        }

        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(fileName).Select(Quote));
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {commandLine}");

        // No input: a client that would prompt (a password, a confirmation) fails instead of hanging.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            var partial = new ProcessResult(commandLine, -1, await ReadWhatCameAsync(stdout), await ReadWhatCameAsync(stderr));
            throw new TimeoutException(
                cancellationToken.IsCancellationRequested
                    ? $"cancelled, killed: {partial}"
                    : $"did not exit within {timeout.TotalSeconds:0.###}s, killed: {partial}");
        }

        return new ProcessResult(commandLine, process.ExitCode, await stdout, await stderr);
    }

    private static async Task<string> ReadWhatCameAsync(Task<string> reading)
    {
        try
        {
            // A grandchild that kept the pipe open (a daemon) would keep the read going forever.
            return await reading.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            return "(output still open)";
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' or '$')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
