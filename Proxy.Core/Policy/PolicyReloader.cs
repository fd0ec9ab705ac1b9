using Microsoft.Extensions.Logging;
using Proxy.Core.Policy.Evaluation;

namespace Proxy.Core.Policy;

/// <summary>The outcome of the last reload, for the log and for an admin view: when, why, whether it took, and every diagnostic.</summary>
public sealed record PolicyReloadStatus(DateTimeOffset Time, string Trigger, bool Succeeded, int Rules, IReadOnlyList<Diagnostic> Diagnostics)
{
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// Reloads the policy into a <see cref="PolicyStore"/> when its files change or a reload signal (SIGHUP) arrives.
/// A valid policy is compiled whole and swapped in with one reference write, so a command in flight finishes
/// under the policy it read; an invalid one is rejected with every diagnostic logged, and the previous policy
/// stays. Reloads are serialized: two triggers at once load twice, one after the other, never interleaved.
/// </summary>
public sealed partial class PolicyReloader : IDisposable
{
    /// <summary>Editors save in several steps (truncate, write, rename a temporary file into place); one reload after the last.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly string _directory;
    private readonly string? _fileName;
    private readonly PolicyStore _store;
    private readonly ILogger _logger;
    private readonly TimeSpan _debounce;
    private readonly TimeProvider _time;
    private readonly Lock _reloadGate = new();
    private readonly Timer _debounceTimer;
    private FileSystemWatcher? _watcher;
    private IDisposable? _signal;
    private PolicyReloadStatus? _lastReload;
    private int _reloads;
    private int _failedReloads;
    private volatile bool _disposed;

    /// <param name="path">The policy directory, or one `.rules` file, as given to <see cref="PolicyLoader.Load"/>.</param>
    public PolicyReloader(string path, PolicyStore store, ILogger logger, TimeSpan? debounce = null, TimeProvider? time = null)
    {
        _path = Path.GetFullPath(path);
        if (File.Exists(_path))
        {
            _directory = Path.GetDirectoryName(_path)!;
            _fileName = Path.GetFileName(_path);
        }
        else
        {
            _directory = Path.TrimEndingDirectorySeparator(_path);
        }

        _store = store;
        _logger = logger;
        _debounce = debounce ?? DefaultDebounce;
        _time = time ?? TimeProvider.System;
        _debounceTimer = new Timer(_ => ReloadIfRunning("file change"), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The last reload's outcome; null until the first reload (the policy loaded at startup is not a reload).</summary>
    public PolicyReloadStatus? LastReload => Volatile.Read(ref _lastReload);

    /// <summary>How many reloads ran, successful or not.</summary>
    public int ReloadCount => Volatile.Read(ref _reloads);

    /// <summary>How many of <see cref="ReloadCount"/> were rejected (the previous policy stayed).</summary>
    public int FailedReloadCount => Volatile.Read(ref _failedReloads);

    /// <summary>
    /// Watches the policy's files and, when <paramref name="subscribeToReloadSignal"/> is given, reloads when it
    /// calls back: the host passes a SIGHUP registration, tests a trigger of their own.
    /// </summary>
    public void Start(Func<Action, IDisposable>? subscribeToReloadSignal = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var watcher = new FileSystemWatcher(_directory)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };

        // No name filter on the watcher: a rename into place must be seen whichever of its two names matches.
        watcher.Changed += (_, e) => OnFileEvent(e.FullPath, null);
        watcher.Created += (_, e) => OnFileEvent(e.FullPath, null);
        watcher.Deleted += (_, e) => OnFileEvent(e.FullPath, null);
        watcher.Renamed += (_, e) => OnFileEvent(e.FullPath, e.OldFullPath);
        watcher.Error += (_, e) =>
        {
            // The watcher's buffer overflowed or the directory went away: changes may have been missed, so reload.
            LogWatcherFailed(_logger, e.GetException().Message);
            ScheduleReload();
        };
        watcher.EnableRaisingEvents = true;
        _watcher = watcher;
        _signal = subscribeToReloadSignal?.Invoke(() => ThreadPool.UnsafeQueueUserWorkItem(_ => ReloadIfRunning("SIGHUP"), null));
    }

    /// <summary>Loads, checks and compiles the policy now; swaps it in if it is valid, keeps the current one if not.</summary>
    public PolicyReloadStatus Reload(string trigger)
    {
        lock (_reloadGate)
        {
            var (document, diagnostics) = PolicyLoader.Load(_path);
            PolicyReloadStatus status;
            if (document is null)
            {
                foreach (var error in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                {
                    LogReloadError(_logger, error.ToString());
                }

                var current = _store.Current.RuleCount;
                status = new PolicyReloadStatus(_time.GetUtcNow(), trigger, false, current, diagnostics);
                LogReloadRejected(_logger, trigger, status.Errors.Count(), current);
            }
            else
            {
                var compiled = CompiledPolicy.Compile(document);
                _store.Replace(compiled);
                foreach (var warning in diagnostics)
                {
                    LogWarning(_logger, warning.ToString());
                }

                status = new PolicyReloadStatus(_time.GetUtcNow(), trigger, true, compiled.RuleCount, diagnostics);
                LogReloaded(_logger, compiled.RuleCount, trigger);
            }

            Volatile.Write(ref _lastReload, status);
            Interlocked.Increment(ref _reloads);
            if (!status.Succeeded)
            {
                Interlocked.Increment(ref _failedReloads);
            }

            return status;
        }
    }

    /// <summary>A file event for <paramref name="path"/> (and, for a rename, its old name): reload once the burst is over.</summary>
    internal void OnFileEvent(string path, string? oldPath)
    {
        if (IsPolicyFile(path) || (oldPath is not null && IsPolicyFile(oldPath)))
        {
            ScheduleReload();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _signal?.Dispose();
        _watcher?.Dispose();
        _debounceTimer.Dispose();
    }

    internal bool IsPolicyFile(string path) =>
        _fileName is null
            ? path.EndsWith(".rules", StringComparison.Ordinal) && string.Equals(Path.GetDirectoryName(path), _directory, StringComparison.Ordinal)
            : string.Equals(Path.GetFileName(path), _fileName, StringComparison.Ordinal);

    private void ScheduleReload()
    {
        if (!_disposed)
        {
            try
            {
                _debounceTimer.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the check and the call: shutting down, nothing to reload.
            }
        }
    }

    private void ReloadIfRunning(string trigger)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Reload(trigger);
        }
        catch (Exception ex)
        {
            // A bug in loading must not take the proxy down from a timer thread; the previous policy stays.
            LogReloadFailed(_logger, trigger, ex);
        }
    }

    [LoggerMessage(3001, LogLevel.Information, "Policy reloaded: {Rules} rules (on {Trigger})")]
    private static partial void LogReloaded(ILogger logger, int rules, string trigger);

    [LoggerMessage(3002, LogLevel.Error, "Policy reload: {Diagnostic}")]
    private static partial void LogReloadError(ILogger logger, string diagnostic);

    [LoggerMessage(3003, LogLevel.Error, "Policy reload rejected (on {Trigger}): {Errors} error(s); still enforcing the previous policy ({Rules} rules)")]
    private static partial void LogReloadRejected(ILogger logger, string trigger, int errors, int rules);

    [LoggerMessage(3004, LogLevel.Warning, "Policy: {Diagnostic}")]
    private static partial void LogWarning(ILogger logger, string diagnostic);

    [LoggerMessage(3005, LogLevel.Error, "Policy watcher failed: {Error}; reloading to catch up")]
    private static partial void LogWatcherFailed(ILogger logger, string error);

    [LoggerMessage(3006, LogLevel.Error, "Policy reload (on {Trigger}) failed unexpectedly; still enforcing the previous policy")]
    private static partial void LogReloadFailed(ILogger logger, string trigger, Exception exception);
}
