namespace Proxy.Core.SessionLog;

/// <summary>Tuning of <see cref="SqliteSessionLog"/>; the defaults suit a production proxy.</summary>
public sealed record SessionLogOptions
{
    /// <summary>
    /// Events held in memory while the writer is behind or the database cannot be written. Past it,
    /// <see cref="ISessionLog.TryAppend"/> drops and counts.
    /// </summary>
    public int QueueCapacity { get; init; } = 65536;

    /// <summary>Most events committed in one transaction.</summary>
    public int MaxBatchSize { get; init; } = 1024;

    /// <summary>
    /// In normal durability, how long the writer lets events gather after the first one arrives, so a busy
    /// proxy commits many per transaction and wakes the writer rarely; nothing waits for a normal commit.
    /// Strict durability never lingers: there a statement waits for its commit.
    /// </summary>
    public TimeSpan NormalCommitDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// How long one write waits for a lock held by another connection before it counts as a fault: SQLite's
    /// busy handler for the batch's BEGIN IMMEDIATE (on SQLite's C API); the commands on the sessions table
    /// and the schema's, through Microsoft.Data.Sqlite, wait about this rounded up to a second on top.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait before the first retry of a failed batch; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long closing the log keeps retrying a faulted database before giving up on what is queued.</summary>
    public TimeSpan DisposeRetryLimit { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(NormalCommitDelay, TimeSpan.Zero, nameof(NormalCommitDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BusyTimeout, TimeSpan.Zero, nameof(BusyTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay, nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(DisposeRetryLimit, TimeSpan.Zero, nameof(DisposeRetryLimit));
    }
}
