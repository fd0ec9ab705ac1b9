using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Proxy.Core.SessionLog;

/// <summary>
/// The session log's tables, as an ordered list of migrations. <c>PRAGMA user_version</c> is the
/// number of migrations applied; a script is never edited once shipped, only followed by another.
/// </summary>
public static class SessionLogSchema
{
    internal static readonly string[] Migrations =
    [
        // 1: events (the record) and sessions (a summary the CLI lists without scanning events).
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX events_session_id ON events(session_id, id);
        CREATE INDEX events_at ON events(at);
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            listener TEXT NOT NULL,
            protocol TEXT NOT NULL,
            client_endpoint TEXT NOT NULL,
            upstream_endpoint TEXT NOT NULL,
            identity TEXT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT NULL,
            close_reason TEXT NULL,
            close_detail TEXT NULL,
            bytes_from_client INTEGER NULL,
            bytes_from_upstream INTEGER NULL,
            duration_ms REAL NULL
        );
        CREATE INDEX sessions_started_at ON sessions(started_at);
        """,

        // 2: no index entry per event. The two v1 indexes took 45 % of the writer's CPU per event, and
        // AUTOINCREMENT (a sqlite_sequence update per insert) another tenth; the reads they served now go
        // through a row per commit (event_batches: the id range and the running maximum of `at`, for `since`)
        // and a row per run of a session's events (session_spans), both kept by the writer. The spans are
        // rebuilt here from v1's events with the writer's rule (a run breaks where more than 256 other
        // events separate two of the session's; SqliteSessionLog.SpanGap), the batches in chunks of 256
        // ids, and the AUTOINCREMENT high-water mark is carried over so no id of a pruned event comes back.
        """
        CREATE TABLE events_v2 (
            id INTEGER PRIMARY KEY,
            session_id TEXT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL
        );
        INSERT INTO events_v2 (id, session_id, at, kind, data)
            SELECT id, session_id, at, kind, data FROM events ORDER BY id;
        CREATE TABLE session_spans (
            session_id TEXT NOT NULL,
            first_id INTEGER NOT NULL,
            last_id INTEGER NOT NULL,
            PRIMARY KEY (session_id, first_id)
        ) WITHOUT ROWID;
        INSERT INTO session_spans (session_id, first_id, last_id)
            SELECT session_id, min(id), max(id) FROM (
                SELECT session_id, id, sum(starts) OVER (PARTITION BY session_id ORDER BY id) AS span FROM (
                    SELECT session_id, id,
                        CASE WHEN id - lag(id) OVER (PARTITION BY session_id ORDER BY id) <= 257 THEN 0 ELSE 1 END AS starts
                    FROM events WHERE session_id IS NOT NULL))
            GROUP BY session_id, span;
        CREATE TABLE event_batches (
            first_id INTEGER PRIMARY KEY,
            last_id INTEGER NOT NULL,
            max_at TEXT NOT NULL
        );
        INSERT INTO event_batches (first_id, last_id, max_at)
            SELECT min(id), max(id), max(running) FROM (
                SELECT id, id / 256 AS chunk, max(at) OVER (ORDER BY id) AS running FROM events)
            GROUP BY chunk;
        INSERT INTO event_batches (first_id, last_id, max_at)
            SELECT seq, seq, coalesce((SELECT max(at) FROM events), '') FROM sqlite_sequence
            WHERE name = 'events' AND seq > coalesce((SELECT max(id) FROM events), 0);
        DROP TABLE events;
        ALTER TABLE events_v2 RENAME TO events;
        CREATE INDEX events_approvals ON events(id) WHERE kind GLOB 'approval_*';
        CREATE INDEX event_batches_max_at ON event_batches(max_at);
        """,
    ];

    /// <summary>The schema version this build writes and reads.</summary>
    public static int CurrentVersion => Migrations.Length;

    internal static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal static void ThrowIfNewer(int version, string path)
    {
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"{path}: session log schema version {version} is newer than this proxy supports ({CurrentVersion})");
        }
    }

    /// <summary>Applies the missing migrations in one transaction; returns the versions before and after.</summary>
    internal static (int From, int To) Migrate(SqliteConnection connection, string path)
    {
        // IMMEDIATE takes the write lock before the version is read, so two proxies opening one new
        // file cannot both apply migration 1.
        using var transaction = connection.BeginTransaction(deferred: false);
        var from = ReadVersion(connection);
        ThrowIfNewer(from, path);
        if (from == CurrentVersion)
        {
            transaction.Commit();
            return (from, from);
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (var version = from; version < Migrations.Length; version++)
        {
            command.CommandText = Migrations[version];
            command.ExecuteNonQuery();
        }

        // PRAGMA takes no parameters; the value is an int this code computed.
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {CurrentVersion};");
        command.ExecuteNonQuery();
        transaction.Commit();
        return (from, CurrentVersion);
    }
}
