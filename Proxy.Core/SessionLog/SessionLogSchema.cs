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
