using Microsoft.Data.Sqlite;

namespace Proxy.Core.SessionLog;

/// <summary>
/// The writer's side of <c>session_spans</c>: each session's events lie in runs of ids, one row per run, so a
/// session is read by id ranges instead of through an index entry per event. A run grows while at most
/// <see cref="Gap"/> other events separate two of its session's events; past that a new run starts, which
/// bounds what a reader skips to <see cref="Gap"/> rows per event of the session, however busy the log around
/// it. Under pgbench a session keeps one run for minutes, so the table costs a row update per session per
/// commit instead of an index insert per event.
/// </summary>
/// <remarks>
/// Rows are written inside the batch's transaction: a committed event is always inside a committed run of
/// its session. A failed batch forgets every open run (<see cref="Forget"/>), so a retry starts new ones rather
/// than extending a run whose row was rolled back.
/// </remarks>
internal sealed class SessionSpans : IDisposable
{
    /// <summary>
    /// Other events allowed between two events of one run; v2's migration rebuilt v1's runs with it. Up to this
    /// many sessions busy at once keep one run each (`writer-cpu --sessions 200`: 5 µs per event, against 11 µs
    /// when every event started a run, with 128); it is also what a reader may skip per event of a session.
    /// Two and a half times PostgreSQL's default max_connections.
    /// </summary>
    public const int Gap = 256;

    // Sessions that never send their close event (a crash, a test's ad-hoc ids) would otherwise stay here for
    // good; past this many the open runs are written and forgotten, and later events start new ones.
    private const int MaxOpen = 16384;

    private readonly Dictionary<string, Run> _open = new(StringComparer.Ordinal);
    private readonly List<Run> _dirty = [];
    private readonly NativeStatement _upsert;

    public SessionSpans(SqliteConnection connection)
    {
        _upsert = new NativeStatement(
            connection,
            """
            INSERT INTO session_spans (session_id, first_id, last_id) VALUES (?1, ?2, ?3)
            ON CONFLICT (session_id, first_id) DO UPDATE SET last_id = excluded.last_id;
            """);
    }

    /// <summary>Puts event <paramref name="id"/> (ids only grow) in its session's run.</summary>
    public void Add(string sessionId, long id)
    {
        if (_open.TryGetValue(sessionId, out var run))
        {
            if (id - run.Last - 1 <= Gap)
            {
                run.Last = id;
                MarkDirty(run);
                return;
            }

            // The run ends here: written now, since the new one takes its place among the open runs.
            if (run.Dirty)
            {
                Write(run);
            }

            run.First = id;
            run.Last = id;
            MarkDirty(run);
            return;
        }

        if (_open.Count >= MaxOpen)
        {
            WriteDirty();
            _open.Clear();
        }

        run = new Run(sessionId, id);
        _open.Add(sessionId, run);
        MarkDirty(run);
    }

    /// <summary>The session closed: its run is written with the batch and no longer kept open.</summary>
    public void Close(string sessionId)
    {
        if (_open.Remove(sessionId, out var run) && run.Dirty)
        {
            Write(run);
            run.Dirty = false;
            _dirty.Remove(run);
        }
    }

    /// <summary>Writes every run that changed in this batch; call before the commit.</summary>
    public void WriteDirty()
    {
        foreach (var run in _dirty)
        {
            Write(run);
            run.Dirty = false;
        }

        _dirty.Clear();
    }

    /// <summary>The batch failed: what was written is rolled back, so nothing kept here can be trusted.</summary>
    public void Forget()
    {
        _open.Clear();
        _dirty.Clear();
    }

    public void Dispose() => _upsert.Dispose();

    /// <summary>A run is in the dirty list exactly while <see cref="Run.Dirty"/> is set.</summary>
    private void MarkDirty(Run run)
    {
        if (!run.Dirty)
        {
            run.Dirty = true;
            _dirty.Add(run);
        }
    }

    private void Write(Run run)
    {
        _upsert.BindText(1, run.SessionId);
        _upsert.BindInt64(2, run.First);
        _upsert.BindInt64(3, run.Last);
        _upsert.Execute();
    }

    private sealed class Run(string sessionId, long id)
    {
        public string SessionId { get; } = sessionId;

        public long First { get; set; } = id;

        public long Last { get; set; } = id;

        public bool Dirty { get; set; }
    }
}
