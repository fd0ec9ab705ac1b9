using System.ComponentModel;
using System.Diagnostics;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// A process the harness started: its stdout and stderr go to one log file (so a failure can show what
/// it said), and stopping it is a signal, a grace period, then SIGKILL — never left behind.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly TextWriter _log;
    private readonly int _stopSignal;
    private int _stopping;

    private ChildProcess(string name, Process process, TextWriter log, string logPath, int stopSignal)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
        _stopSignal = stopSignal;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <param name="stopSignal">What asks it to stop: SIGTERM for most, SIGINT for PostgreSQL's fast shutdown.</param>
    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string logDirectory,
        int stopSignal = Posix.SigTerm,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var log = TextWriter.Synchronized(new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true });
        log.WriteLine($"$ {fileName} {string.Join(' ', info.ArgumentList)}");
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            log.Dispose();
            process.Dispose();
            throw new MacroException($"cannot start {fileName}: {ex.Message}");
        }

        // Nothing reads stdin; closing it keeps a child that checks for a terminal from waiting on one.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(name, process, log, logPath, stopSignal);
    }

    /// <summary>Runs a command to completion; a non-zero exit, a timeout or cancellation is an error.</summary>
    public static async Task<string> RunAsync(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string logDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var child = Start(name, fileName, arguments, logDirectory, Posix.SigTerm, environment);
        var startedAt = new FileInfo(child.LogPath).Length;
        var exitCode = await child.WaitForExitAsync(timeout, cancellationToken);
        if (exitCode != 0)
        {
            throw new MacroException($"{name} exited with {exitCode}:\n{child.Tail()}");
        }

        return child.ReadLog(startedAt);
    }

    /// <summary>Waits for the process to end by itself; stops it and throws when it takes longer.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            // Also waits for the end of stdout and stderr, so the log is complete when this returns.
            await _process.WaitForExitAsync(limit.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await StopAsync();
            cancellationToken.ThrowIfCancellationRequested();
            throw new MacroException($"{Name} did not finish within {timeout.TotalSeconds:0}s:\n{Tail()}");
        }
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0 || _process.HasExited)
        {
            await WaitQuietlyAsync(TimeSpan.FromSeconds(5));
            return;
        }

        Posix.TrySignal(_process.Id, _stopSignal);
        if (!await WaitQuietlyAsync(StopGrace))
        {
            _log.WriteLine($"[harness] {Name} ignored signal {_stopSignal} for {StopGrace.TotalSeconds:0}s; killing it");
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }

            await WaitQuietlyAsync(TimeSpan.FromSeconds(5));
        }
    }

    public ProcStats Stats() => ProcStats.Read(_process.Id);

    /// <summary>The last lines the process printed, for an error message.</summary>
    public string Tail(int lines = 25)
    {
        var all = ReadLog(0).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var tail = all.Skip(Math.Max(0, all.Length - lines)).Select(l => "    | " + l);
        return $"  (last lines of {LogPath})\n" + string.Join('\n', tail);
    }

    /// <summary>Everything the process has printed so far.</summary>
    public string Log() => ReadLog(0);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        _log.Dispose();
    }

    private string ReadLog(long from)
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private async Task<bool> WaitQuietlyAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static void Append(TextWriter log, string? line)
    {
        if (line is not null)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A last line racing the dispose; the process is gone and so is interest in it.
            }
        }
    }
}

/// <summary>A failure the harness explains in its message; printed without a stack trace.</summary>
internal sealed class MacroException : Exception
{
    public MacroException(string message)
        : base(message)
    {
    }

    public MacroException()
    {
    }

    public MacroException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
