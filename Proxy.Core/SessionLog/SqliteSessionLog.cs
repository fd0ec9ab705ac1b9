using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Proxy.Core.Sessions;

namespace Proxy.Core.SessionLog;

/// <summary>
/// The session log in an embedded SQLite database (WAL). Producers only touch a bounded queue; one
/// writer thread owns the connection and commits everything queued as one transaction (group commit),
/// so a strict append costs one fsync shared with every other append of its batch.
/// </summary>
/// <remarks>
/// A batch that fails is kept and retried with backoff until it commits or the log is closed: a fault
/// (disk full, a lock held by another process, an I/O error) delays events, it does not lose them.
/// Only <see cref="TryAppend"/> on a full queue loses events, and the gap is then itself recorded as
/// an <see cref="EventsDropped"/> event.
/// </remarks>
public sealed class SqliteSessionLog : ISessionLog, IAsyncDisposable
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly SessionLogOptions _options;
    private readonly SqliteConnection _connection;
    private readonly Statements _statements;
    private readonly Channel<Pending> _queue;
    private readonly string _queueFullFault;

    // The writer sleeps here when the queue is empty, and a producer sets it only when _sleeping says the writer
    // went (or is going) to sleep. No spinning: the writer used to block on WaitToReadAsync's Task, whose wait spins
    // with sched_yield before it sleeps (under pgbench -c 1, 530 of the proxy's 532 sched_yield calls came from that
    // wait), CPU a 2-core proxy's socket threads need. SpinCount 0 makes Wait go straight to its monitor.
    private readonly ManualResetEventSlim _work = new(initialState: false, spinCount: 0);
    private int _sleeping;

    // Strict waiters and flush markers that are queued or in the batch being written. The writer fails
    // them all when a fault begins, so no caller waits on a write that is being retried with backoff.
    private readonly Lock _waitersLock = new();
    private readonly HashSet<TaskCompletionSource> _strictWaiters = [];
    private readonly HashSet<TaskCompletionSource> _flushWaiters = [];

    private readonly CancellationTokenSource _giveUp = new();
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _jsonWriter;
    private readonly Task _writer;

    private volatile string? _fault;
    private long _faultStarted;
    private string? _dropFault;
    private long _dropped;
    private long _droppedUnreported;
    private int _inFlight;
    private int _disposed;

    private SqliteSessionLog(
        string path,
        Durability durability,
        ILogger logger,
        SessionLogOptions options,
        SqliteConnection connection)
    {
        _path = path;
        Durability = durability;
        _logger = logger;
        _options = options;
        _connection = connection;
        _statements = new Statements(connection);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _queueFullFault = string.Create(
            CultureInfo.InvariantCulture,
            $"{path}: session log queue full ({options.QueueCapacity} events); the writer is behind");

        // Relaxed escaping keeps SQL text and non-ASCII names readable in the database; the data is
        // never embedded in HTML by the proxy.
        _jsonWriter = new Utf8JsonWriter(_json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        // A dedicated thread, not a pool thread: every commit blocks in fsync, and on a 2-core
        // machine a pool thread parked there is a pool thread the data path does not get.
        _writer = Task.Factory.StartNew(
            RunWriter,
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    public Durability Durability { get; }

    /// <summary>Called by the writer after it found the queue empty and before it announces its sleep; tests only.</summary>
    internal Action? GoingToSleep { get; set; }

    public SessionLogHealth Health =>
        new(_fault, Interlocked.Read(ref _dropped), _queue.Reader.Count + Volatile.Read(ref _inFlight));

    /// <summary>
    /// Opens (creating the directory and file if missing) and migrates the database, then starts the
    /// writer. Throws if the file cannot be opened or its schema is newer than this build.
    /// </summary>
    public static SqliteSessionLog Open(string path, Durability durability, ILogger logger, SessionLogOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(logger);
        options ??= new SessionLogOptions();
        options.Validate();

        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,

            // A pooled connection would keep the file open after Dispose.
            Pooling = false,

            // Microsoft.Data.Sqlite retries BUSY/LOCKED itself until the command timeout (whole seconds,
            // 0 meaning forever), on top of SQLite's own busy handler below.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString());

        try
        {
            connection.Open();
            Configure(connection, durability, options);
            var (from, to) = SessionLogSchema.Migrate(connection, fullPath);
            if (from != to)
            {
                SessionLogLog.Migrated(logger, fullPath, from, to);
            }

            var log = new SqliteSessionLog(fullPath, durability, logger, options, connection);
            SessionLogLog.Opened(logger, fullPath, to, durability);
            return log;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public bool TryAppend(SessionEvent sessionEvent)
    {
        ArgumentNullException.ThrowIfNull(sessionEvent);
        if (TryEnqueue(new Pending(sessionEvent, null)))
        {
            return true;
        }

        if (Volatile.Read(ref _disposed) == 0)
        {
            CountDropped();
        }

        return false;
    }

    public ValueTask AppendCommittedAsync(SessionEvent sessionEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionEvent);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? fault;
        lock (_waitersLock)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return ValueTask.FromException(Closed());
            }

            fault = _fault;
            if (fault is null)
            {
                _strictWaiters.Add(completion);
            }
        }

        if (fault is not null)
        {
            // Fail fast while faulted: the event could not be committed before the retry succeeds, and
            // strict callers must refuse traffic now rather than after a busy timeout each. The event is
            // kept all the same, so the record of what was refused arrives once the log recovers.
            TryAppend(sessionEvent);
            return ValueTask.FromException(new SessionLogUnavailableException(fault));
        }

        if (!TryEnqueue(new Pending(sessionEvent, completion)))
        {
            lock (_waitersLock)
            {
                _strictWaiters.Remove(completion);
            }

            // Refuse rather than wait for room: a full queue means the log is not keeping up, and
            // strict durability refuses traffic it cannot record.
            if (Volatile.Read(ref _disposed) != 0)
            {
                return ValueTask.FromException(Closed());
            }

            CountDropped();
            return ValueTask.FromException(new SessionLogUnavailableException(_queueFullFault));
        }

        return new ValueTask(completion.Task.WaitAsync(cancellationToken));
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            // Faulted: what is queued "has failed" for now. Closed: everything was drained.
            if (_fault is not null || Volatile.Read(ref _disposed) != 0)
            {
                return Task.CompletedTask;
            }

            _flushWaiters.Add(marker);
        }

        return TryEnqueue(new Pending(null, marker))
            ? marker.Task.WaitAsync(cancellationToken)
            : FlushWhenRoomAsync(marker, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        bool first;
        lock (_waitersLock)
        {
            // Under the lock: an append that saw the log open has registered its waiter before this.
            first = Interlocked.Exchange(ref _disposed, 1) == 0;
        }

        if (!first)
        {
            await _writer.ConfigureAwait(false);
            return;
        }

        _queue.Writer.TryComplete();
        WakeWriter();
        _giveUp.CancelAfter(_options.DisposeRetryLimit);
        await _writer.ConfigureAwait(false);
        _giveUp.Dispose();
        SessionLogLog.Closed(_logger, _path);
    }

    private static void Configure(SqliteConnection connection, Durability durability, SessionLogOptions options)
    {
        using var command = connection.CreateCommand();

        // WAL: readers (the CLI) never block the writer, and a commit is one append plus one fsync.
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{connection.DataSource}: SQLite refused WAL journal mode (got '{mode}'); the session log needs it");
        }

        // FULL fsyncs the WAL on every commit, so a committed strict event survives power loss;
        // NORMAL only survives a crash of the process, which is the promise of normal durability.
        command.CommandText = durability == Durability.Strict ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();

        command.CommandText = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout={(long)options.BusyTimeout.TotalMilliseconds};");
        command.ExecuteNonQuery();
    }

    /// <summary>An event that found the queue full: counted now, recorded as a gap once the log is writable.</summary>
    private void CountDropped()
    {
        // The text first: the writer reads it once it sees the count.
        Volatile.Write(ref _dropFault, _fault ?? _queueFullFault);
        Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _droppedUnreported);
    }

    private SessionLogUnavailableException Closed() => new($"{_path}: session log is closed");

    private async Task FlushWhenRoomAsync(TaskCompletionSource marker, CancellationToken cancellationToken)
    {
        // The queue is full: the writer is behind or faulted. A fault completes the marker before it
        // is even queued (everything before it has failed), which must also end the wait for room.
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var write = _queue.Writer.WriteAsync(new Pending(null, marker), stopWaiting.Token).AsTask();
        if (await Task.WhenAny(write, marker.Task).ConfigureAwait(false) != write)
        {
            await stopWaiting.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await write.ConfigureAwait(false);
            WakeWriter();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            lock (_waitersLock)
            {
                _flushWaiters.Remove(marker);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (ex is ChannelClosedException)
            {
                // Closed while waiting: closing drains the queue, which is what this flush waited for.
                await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await marker.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void RunWriter()
    {
        var batch = new List<Pending>(_options.MaxBatchSize + 1);
        try
        {
            while (Interlocked.Read(ref _droppedUnreported) > 0 || WaitForWork())
            {
                LingerForMore();
                while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                // Last in the batch: the dropped events came after everything that was in the full queue.
                var dropped = Interlocked.Exchange(ref _droppedUnreported, 0);
                if (dropped > 0)
                {
                    var fault = Volatile.Read(ref _dropFault) ?? _queueFullFault;
                    SessionLogLog.EventsDropped(_logger, _path, dropped, fault);
                    batch.Add(new Pending(new EventsDropped(DateTimeOffset.UtcNow, dropped, fault), null));
                }

                Volatile.Write(ref _inFlight, batch.Count);
                if (!CommitWithRetry(batch))
                {
                    Abandon(batch);
                    return;
                }

                batch.Clear();
            }
        }
        catch (Exception ex)
        {
            // Not a write failure (those are retried): a bug. Stay faulted for good so strict
            // traffic is refused instead of waiting on a writer that is gone.
            SessionLogLog.WriterStopped(_logger, _path, ex);
            EnterFault($"{_path}: session log writer stopped: {ex.Message}", ex, log: false);
            Abandon(batch);
        }
        finally
        {
            _statements.Dispose();
            _connection.Dispose();
            _jsonWriter.Dispose();
        }
    }

    /// <summary>
    /// Normal durability: waits <see cref="SessionLogOptions.NormalCommitDelay"/> unless a full batch is already
    /// queued. Measured under pgbench: without it the writer woke for almost every statement and committed
    /// batches of one or two, a transaction and a WAL write each.
    /// </summary>
    private void LingerForMore()
    {
        if (Durability == Durability.Normal && _options.NormalCommitDelay > TimeSpan.Zero && _queue.Reader.Count < _options.MaxBatchSize)
        {
            Thread.Sleep(_options.NormalCommitDelay);
        }
    }

    /// <summary>Queues without waiting for room, and wakes the writer if it sleeps.</summary>
    private bool TryEnqueue(Pending pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            return false;
        }

        WakeWriter();
        return true;
    }

    /// <summary>
    /// After a write to the queue (or its completion): the fence orders the write before the read of
    /// <see cref="_sleeping"/>, and <see cref="WaitForWork"/> announces its sleep before it looks at the queue,
    /// so one of the two sees the other.
    /// </summary>
    private void WakeWriter()
    {
        // The queue's lock release is not a full fence on every platform: without this the read below could be
        // done before the write to the queue is visible, and both sides would miss the other.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _sleeping) != 0 && Interlocked.Exchange(ref _sleeping, 0) != 0)
        {
            _work.Set();
        }
    }

    /// <summary>Blocks the writer until the queue has an event or is completed and empty; false for the latter.</summary>
    private bool WaitForWork()
    {
        var reader = _queue.Reader;
        while (true)
        {
            if (reader.TryPeek(out _))
            {
                return true;
            }

            if (reader.Completion.IsCompleted)
            {
                return false;
            }

            // Tests queue an event here, in the window the re-check below closes, which no timing can hit reliably.
            GoingToSleep?.Invoke();

            // Reset before announcing: a Set that follows the announcement is never undone. The exchange is a full
            // fence, so the look at the queue below comes after the announcement: a producer that queued before it
            // is seen here, one that queues after it sees _sleeping and sets the event.
            _work.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if (reader.TryPeek(out _) || reader.Completion.IsCompleted)
            {
                Volatile.Write(ref _sleeping, 0);
                continue;
            }

            _work.Wait();
        }
    }

    /// <summary>Commits the batch, retrying with backoff; false once closing has given up.</summary>
    private bool CommitWithRetry(List<Pending> batch)
    {
        var delay = _options.RetryDelay;
        while (true)
        {
            try
            {
                WriteBatch(batch);
            }
            catch (Exception ex)
            {
                EnterFault($"{_path}: {ex.Message}", ex, log: true);
                if (_giveUp.Token.WaitHandle.WaitOne(delay))
                {
                    return false;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                continue;
            }

            // Outside the try: once COMMIT returned, nothing may send the batch round again.
            OnCommitted(batch);
            return true;
        }
    }

    private void WriteBatch(List<Pending> batch)
    {
        // IMMEDIATE: a lock held elsewhere shows up here, before any work, not at COMMIT. On the C API like
        // the inserts: SqliteTransaction ran BEGIN and COMMIT through a command prepared anew each time, a
        // fixed cost per batch. The commands on the sessions table run inside it all the same, since the
        // connection has no SqliteTransaction for them to be missing.
        _statements.Begin.Execute();
        var committed = false;
        try
        {
            // Ids are handed out here, after the last batch's, not by AUTOINCREMENT: its sqlite_sequence update
            // cost a tenth of the writer's time per event, and the batch row keeps the high-water mark it kept
            // (an id is never reused, even after pruning the newest events). Read inside the transaction, whose
            // write lock makes it the last batch of any writer.
            var firstId = _statements.ReadLastId() + 1;
            var nextId = firstId;
            DateTimeOffset? batchMaxAt = null;
            foreach (var pending in batch)
            {
                if (pending.Event is { } sessionEvent)
                {
                    Write(sessionEvent, nextId++);
                    if (batchMaxAt is not { } max || sessionEvent.At > max)
                    {
                        batchMaxAt = sessionEvent.At;
                    }
                }
            }

            if (batchMaxAt is { } batchMax)
            {
                _statements.InsertEvent.Flush();
                _statements.Spans.WriteDirty();
                _statements.InsertBatch(firstId, nextId - 1, batchMax);
            }

            _statements.Commit.Execute();
            committed = true;
        }
        finally
        {
            if (!committed)
            {
                _statements.InsertEvent.Discard();
                _statements.Spans.Forget();
                RollBackQuietly(_statements.Rollback);
            }
        }
    }

    private static void RollBackQuietly(NativeStatement rollback)
    {
        try
        {
            rollback.Execute();
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back (it does on some FULL and IOERR failures); the
            // failure worth reporting is the one that got us here.
        }
    }

    private void Write(SessionEvent sessionEvent, long id)
    {
        var kind = sessionEvent.Kind;
        var statements = _statements;
        statements.InsertEvent.Add(id, sessionEvent.SessionId, sessionEvent.At, kind, SerializeData(sessionEvent, kind));
        if (sessionEvent.SessionId is { } sessionId)
        {
            statements.Spans.Add(sessionId, id);
        }

        switch (sessionEvent)
        {
            case SessionOpened opened:
                var session = opened.Session;
                statements.OpenId.Value = session.Id;
                statements.OpenListener.Value = session.Listener;
                statements.OpenProtocol.Value = session.Protocol;
                statements.OpenClient.Value = session.ClientEndpoint;
                statements.OpenUpstream.Value = session.UpstreamEndpoint;
                statements.OpenStartedAt.Value = SessionLogTime.Format(session.StartedAt);
                statements.InsertSession.ExecuteNonQuery();
                break;

            case SessionClosed closed:
                statements.CloseId.Value = closed.Id;
                statements.CloseEndedAt.Value = SessionLogTime.Format(closed.At);
                statements.CloseReason.Value = closed.Reason.ToWireName();
                statements.CloseDetail.Value = (object?)closed.Detail ?? DBNull.Value;
                statements.CloseIdentity.Value = (object?)closed.Identity ?? DBNull.Value;
                statements.CloseBytesFromClient.Value = closed.BytesFromClient;
                statements.CloseBytesFromUpstream.Value = closed.BytesFromUpstream;
                statements.CloseDurationMs.Value = Math.Round(closed.Duration.TotalMilliseconds, 3);
                statements.CloseSession.ExecuteNonQuery();
                statements.Spans.Close(closed.Id);
                break;
        }
    }

    /// <summary>The event's data object as UTF-8 JSON, valid until the next call.</summary>
    private ReadOnlySpan<byte> SerializeData(SessionEvent sessionEvent, string kind)
    {
        _json.ResetWrittenCount();
        _jsonWriter.Reset(_json);
        try
        {
            _jsonWriter.WriteStartObject();
            sessionEvent.WriteData(_jsonWriter);
            _jsonWriter.WriteEndObject();
            _jsonWriter.Flush();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or JsonException or FormatException)
        {
            // A bug in one event type must not stall the log with a batch that can never commit;
            // the event is kept, with the reason its data is missing.
            SessionLogLog.SerializationFailed(_logger, _path, kind, ex);
            _json.ResetWrittenCount();
            _jsonWriter.Reset(_json);
            _jsonWriter.WriteStartObject();
            _jsonWriter.WriteString("serialization_error", ex.Message);
            _jsonWriter.WriteEndObject();
            _jsonWriter.Flush();
        }

        return _json.WrittenSpan;
    }

    private void OnCommitted(List<Pending> batch)
    {
        bool recovered;
        lock (_waitersLock)
        {
            foreach (var pending in batch)
            {
                if (pending.Completion is { } completion)
                {
                    (pending.Event is null ? _flushWaiters : _strictWaiters).Remove(completion);
                }
            }

            recovered = _fault is not null;
            _fault = null;
        }

        // Committed, so no longer held: cleared before a waiter resumes, so the health it reads next counts them gone.
        Volatile.Write(ref _inFlight, 0);
        foreach (var pending in batch)
        {
            pending.Completion?.TrySetResult();
        }

        if (recovered)
        {
            SessionLogLog.Recovered(_logger, _path, Stopwatch.GetElapsedTime(Interlocked.Read(ref _faultStarted)));
        }
    }

    private void EnterFault(string fault, Exception exception, bool log)
    {
        string? previous;
        TaskCompletionSource[] strict;
        TaskCompletionSource[] flushes;
        lock (_waitersLock)
        {
            previous = _fault;
            _fault = fault;
            strict = [.. _strictWaiters];
            flushes = [.. _flushWaiters];
            _strictWaiters.Clear();
            _flushWaiters.Clear();
        }

        if (previous is null)
        {
            Interlocked.Exchange(ref _faultStarted, Stopwatch.GetTimestamp());
        }

        // Once per fault, not once per retry; a different failure during the same outage is news.
        if (log && !string.Equals(previous, fault, StringComparison.Ordinal))
        {
            SessionLogLog.WriteFailed(_logger, fault, exception);
        }

        foreach (var waiter in strict)
        {
            waiter.TrySetException(new SessionLogUnavailableException(fault, exception));
        }

        foreach (var flush in flushes)
        {
            flush.TrySetResult();
        }
    }

    /// <summary>Closing gave up on a faulted database: releases every waiter and reports the loss.</summary>
    private void Abandon(List<Pending> batch)
    {
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        var fault = _fault ?? $"{_path}: session log closed before these events were committed";
        long lost = 0;
        foreach (var pending in batch)
        {
            if (pending.Event is not null)
            {
                lost++;
                pending.Completion?.TrySetException(new SessionLogUnavailableException(fault));
            }
            else
            {
                pending.Completion?.TrySetResult();
            }
        }

        lock (_waitersLock)
        {
            _strictWaiters.Clear();
            _flushWaiters.Clear();
        }

        batch.Clear();
        Volatile.Write(ref _inFlight, 0);
        if (lost > 0)
        {
            SessionLogLog.GaveUp(_logger, _path, _options.DisposeRetryLimit, lost, fault);
        }
    }

    /// <summary>A queued event; with a completion for a strict waiter. No event: a flush marker.</summary>
    private readonly record struct Pending(SessionEvent? Event, TaskCompletionSource? Completion);

    /// <summary>The writer's prepared statements, reused for every row.</summary>
    private sealed class Statements : IDisposable
    {
        public Statements(SqliteConnection connection)
        {
            InsertEvent = new EventInsert(connection);
            Spans = new SessionSpans(connection);

            Begin = new NativeStatement(connection, "BEGIN IMMEDIATE;");
            Commit = new NativeStatement(connection, "COMMIT;");
            Rollback = new NativeStatement(connection, "ROLLBACK;");
            LastId = new NativeStatement(connection, "SELECT last_id FROM event_batches ORDER BY first_id DESC LIMIT 1;");

            // The running maximum: the batch's own, or the last batch's when a timestamp queued late kept this
            // batch's below it (SQLite's two-argument max compares text bytewise, which is time order here).
            NewBatch = new NativeStatement(
                connection,
                """
                INSERT INTO event_batches (first_id, last_id, max_at)
                VALUES (?1, ?2, max(?3, coalesce((SELECT max_at FROM event_batches ORDER BY first_id DESC LIMIT 1), '')));
                """);

            // DO NOTHING: a repeated session id keeps its first summary instead of failing the batch
            // (and with it every later batch) on a constraint.
            InsertSession = Prepare(
                connection,
                """
                INSERT INTO sessions (id, listener, protocol, client_endpoint, upstream_endpoint, started_at)
                VALUES ($id, $listener, $protocol, $client, $upstream, $started_at)
                ON CONFLICT (id) DO NOTHING;
                """);
            OpenId = InsertSession.Parameters.Add("$id", SqliteType.Text);
            OpenListener = InsertSession.Parameters.Add("$listener", SqliteType.Text);
            OpenProtocol = InsertSession.Parameters.Add("$protocol", SqliteType.Text);
            OpenClient = InsertSession.Parameters.Add("$client", SqliteType.Text);
            OpenUpstream = InsertSession.Parameters.Add("$upstream", SqliteType.Text);
            OpenStartedAt = InsertSession.Parameters.Add("$started_at", SqliteType.Text);

            CloseSession = Prepare(
                connection,
                """
                UPDATE sessions SET
                    ended_at = $ended_at,
                    close_reason = $reason,
                    close_detail = $detail,
                    identity = coalesce($identity, identity),
                    bytes_from_client = $bytes_from_client,
                    bytes_from_upstream = $bytes_from_upstream,
                    duration_ms = $duration_ms
                WHERE id = $id;
                """);
            CloseId = CloseSession.Parameters.Add("$id", SqliteType.Text);
            CloseEndedAt = CloseSession.Parameters.Add("$ended_at", SqliteType.Text);
            CloseReason = CloseSession.Parameters.Add("$reason", SqliteType.Text);
            CloseDetail = CloseSession.Parameters.Add("$detail", SqliteType.Text);
            CloseIdentity = CloseSession.Parameters.Add("$identity", SqliteType.Text);
            CloseBytesFromClient = CloseSession.Parameters.Add("$bytes_from_client", SqliteType.Integer);
            CloseBytesFromUpstream = CloseSession.Parameters.Add("$bytes_from_upstream", SqliteType.Integer);
            CloseDurationMs = CloseSession.Parameters.Add("$duration_ms", SqliteType.Real);

            // Compiled once here; Microsoft.Data.Sqlite keeps the statements and only resets and
            // rebinds them on each execution.
            InsertSession.Prepare();
            CloseSession.Prepare();
        }

        public EventInsert InsertEvent { get; }

        public SessionSpans Spans { get; }

        public NativeStatement Begin { get; }

        public NativeStatement Commit { get; }

        public NativeStatement Rollback { get; }

        public NativeStatement LastId { get; }

        public NativeStatement NewBatch { get; }

        public SqliteCommand InsertSession { get; }

        public SqliteParameter OpenId { get; }

        public SqliteParameter OpenListener { get; }

        public SqliteParameter OpenProtocol { get; }

        public SqliteParameter OpenClient { get; }

        public SqliteParameter OpenUpstream { get; }

        public SqliteParameter OpenStartedAt { get; }

        public SqliteCommand CloseSession { get; }

        public SqliteParameter CloseId { get; }

        public SqliteParameter CloseEndedAt { get; }

        public SqliteParameter CloseReason { get; }

        public SqliteParameter CloseDetail { get; }

        public SqliteParameter CloseIdentity { get; }

        public SqliteParameter CloseBytesFromClient { get; }

        public SqliteParameter CloseBytesFromUpstream { get; }

        public SqliteParameter CloseDurationMs { get; }

        /// <summary>The last committed batch's last id; 0 for none.</summary>
        public long ReadLastId() => LastId.ExecuteInt64(none: 0);

        /// <summary>
        /// Records a committed batch: its id range, and the greatest <c>at</c> of it and every batch before, which
        /// only grows, so <c>since</c> finds its first batch through the index on it (SessionLogReader.FirstIdSince).
        /// </summary>
        public void InsertBatch(long firstId, long lastId, DateTimeOffset batchMaxAt)
        {
            NewBatch.BindInt64(1, firstId);
            NewBatch.BindInt64(2, lastId);
            Span<byte> text = stackalloc byte[SessionLogTime.Length];
            NewBatch.BindUtf8(3, text[..SessionLogTime.FormatUtf8(batchMaxAt, text)]);
            NewBatch.Execute();
        }

        public void Dispose()
        {
            Spans.Dispose();
            Begin.Dispose();
            Commit.Dispose();
            Rollback.Dispose();
            LastId.Dispose();
            NewBatch.Dispose();
            InsertEvent.Dispose();
            InsertSession.Dispose();
            CloseSession.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
    }

    /// <summary>
    /// The inserts into <c>events</c> (<see cref="NativeStatement"/> says why not through a command), gathered
    /// <see cref="RowsPerInsert"/> rows to one multi-row INSERT: SQLite's cost per statement run (opening the
    /// table's cursor, halting, resetting, the calls across) was paid per event, and is now paid per chunk.
    /// </summary>
    /// <remarks>
    /// Rows wait here only within a batch's transaction: <see cref="Flush"/> before the batch's own rows, and
    /// <see cref="Discard"/> when the batch fails, since its retry adds them again.
    /// </remarks>
    private sealed class EventInsert : IDisposable
    {
        public const int RowsPerInsert = 16;

        private const int MaxGatheredBytes = 64 * 1024;

        private const int InitialBytes = RowsPerInsert * 512;

        private const int Columns = 5;

        private readonly NativeStatement _single;
        private readonly NativeStatement _chunk;
        private readonly Row[] _rows = new Row[RowsPerInsert];

        // The rows' timestamps and data, copied out of the JSON writer's buffer, which the next event reuses.
        private ArrayBufferWriter<byte> _bytes = new(InitialBytes);

        private int _count;

        public EventInsert(SqliteConnection connection)
        {
            _single = new NativeStatement(connection, "INSERT INTO events (id, session_id, at, kind, data) VALUES (?1, ?2, ?3, ?4, ?5);");
            var values = string.Join(", ", Enumerable.Range(0, RowsPerInsert).Select(row => "(" + string.Join(", ", Enumerable.Range((row * Columns) + 1, Columns).Select(p => "?" + p.ToString(CultureInfo.InvariantCulture))) + ")"));
            _chunk = new NativeStatement(connection, "INSERT INTO events (id, session_id, at, kind, data) VALUES " + values + ";");
        }

        public void Add(long id, string? sessionId, DateTimeOffset at, string kind, ReadOnlySpan<byte> data)
        {
            var start = _bytes.WrittenCount;
            _bytes.Advance(SessionLogTime.FormatUtf8(at, _bytes.GetSpan(SessionLogTime.Length)));
            _bytes.Write(data);
            _rows[_count++] = new Row(id, sessionId, kind, start, data.Length);

            // Large events (a bulk INSERT's text) go in at once rather than wait in the buffer for a full chunk.
            if (_count == RowsPerInsert || _bytes.WrittenCount > MaxGatheredBytes)
            {
                Flush();
            }
        }

        /// <summary>Inserts the rows gathered so far.</summary>
        public void Flush()
        {
            try
            {
                if (_count == RowsPerInsert)
                {
                    for (var i = 0; i < _count; i++)
                    {
                        Bind(_chunk, i * Columns, _rows[i]);
                    }

                    _chunk.Execute();
                }
                else
                {
                    for (var i = 0; i < _count; i++)
                    {
                        Bind(_single, 0, _rows[i]);
                        _single.Execute();
                    }
                }
            }
            finally
            {
                Discard();
            }
        }

        /// <summary>Forgets the rows gathered so far: their batch failed.</summary>
        public void Discard()
        {
            Array.Clear(_rows, 0, _count);
            _count = 0;

            // One huge event must not pin its size for the life of the process.
            if (_bytes.Capacity > 16 * MaxGatheredBytes)
            {
                _bytes = new ArrayBufferWriter<byte>(InitialBytes);
            }
            else
            {
                _bytes.ResetWrittenCount();
            }
        }

        public void Dispose()
        {
            _single.Dispose();
            _chunk.Dispose();
        }

        private void Bind(NativeStatement statement, int first, in Row row)
        {
            statement.BindInt64(first + 1, row.Id);
            if (row.SessionId is null)
            {
                statement.BindNull(first + 2);
            }
            else
            {
                statement.BindText(first + 2, row.SessionId);
            }

            var bytes = _bytes.WrittenSpan.Slice(row.Start, SessionLogTime.Length + row.DataLength);
            statement.BindUtf8(first + 3, bytes[..SessionLogTime.Length]);
            statement.BindText(first + 4, row.Kind);
            statement.BindUtf8(first + 5, bytes[SessionLogTime.Length..]);
        }

        /// <summary>A gathered row: its timestamp and data lie at <see cref="Start"/> in the byte buffer.</summary>
        private readonly record struct Row(long Id, string? SessionId, string Kind, int Start, int DataLength);
    }
}
