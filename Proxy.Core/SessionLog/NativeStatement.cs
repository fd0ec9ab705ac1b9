using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Proxy.Core.SessionLog;

/// <summary>
/// A statement the writer runs for every event or every commit, straight through SQLite's C API on the
/// connection's own handle, so it runs inside the batch's transaction like the commands beside it.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite's per-execution machinery (parameter lookup by name, boxing, a UTF-8 copy of
/// every string, a data reader per execution) and the JSON and timestamp strings it needed took 5.5 µs
/// and 1.1 KB per statement event; the event insert through this takes 3.8 µs and nothing
/// (SessionLogWriteBenchmarks). Text is bound as UTF-8 from a buffer (the JSON from the writer's buffer,
/// short strings through the stack), never as a BLOB: SQLite's JSON functions read a BLOB as JSONB, and the
/// data column must keep working with json_extract. A failure throws the <see cref="SqliteException"/>
/// Microsoft.Data.Sqlite would have thrown, from the same result code and message, so the batch is retried
/// and the fault reported as before. Microsoft.Data.Sqlite would also retry a BUSY or LOCKED step itself, on
/// top of SQLite's busy handler; here only the busy handler (<c>PRAGMA busy_timeout</c>) waits. Within a batch
/// that cannot matter, since its IMMEDIATE transaction already holds the write lock (and the cache is private);
/// the <c>BEGIN IMMEDIATE</c> that takes the lock waits for it through the busy handler alone.
/// </remarks>
internal sealed class NativeStatement : IDisposable
{
    // Session ids and kinds are short; longer text is bound as UTF-16 for SQLite to convert.
    private const int MaxStackChars = 128;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public NativeStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the session log connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    public void BindText(int index, string value)
    {
        if (value.Length > MaxStackChars)
        {
            Check(raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));
            return;
        }

        Span<byte> utf8 = stackalloc byte[MaxStackChars * 3];
        BindUtf8(index, utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
    }

    public void BindUtf8(int index, ReadOnlySpan<byte> value)
    {
        // An empty span has no address, and SQLite reads a null pointer as NULL, not as ''.
        Check(value.IsEmpty
            ? raw.sqlite3_bind_text(_statement, index, string.Empty)
            : raw.sqlite3_bind_text(_statement, index, value));
    }

    /// <summary>Runs a statement that returns no rows, then resets it for the next bindings.</summary>
    public void Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs a query and returns its first row's first column as an integer; <paramref name="none"/> without a row.</summary>
    public long ExecuteInt64(long none)
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_int64(_statement, 0);
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return none;
        }
        finally
        {
            Reset();
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>
    /// Always after a step, also after a failure: a statement left mid-step would keep the transaction from
    /// ending. Its result repeats the step's, which has been reported.
    /// </summary>
    private void Reset() => raw.sqlite3_reset(_statement);

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _db);
}
