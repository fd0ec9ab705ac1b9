using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Proxy.Core.SessionLog;

/// <summary>What one prune removed: the sessions (as they were listed) and how many events went with them.</summary>
public sealed record PruneResult(IReadOnlyList<SessionSummary> Sessions, long Events);

/// <summary>
/// Deletes sessions that ended before a cutoff, with their events. An open session (no end recorded) is never
/// touched, however old. Safe while a proxy writes the same file: WAL lets its writer and this one take turns,
/// and the work is cut into short transactions so the proxy's group commit never waits long for the lock.
/// </summary>
public static class SessionLogPruner
{
    /// <summary>Sessions per transaction: small enough that the proxy's writer waits milliseconds, not seconds.</summary>
    private const int BatchSize = 200;

    internal const string DeleteSessionEvents =
        """
        DELETE FROM events WHERE id IN (
            SELECT e.id FROM session_spans s CROSS JOIN events e ON e.id BETWEEN s.first_id AND s.last_id
            WHERE s.session_id = $id AND e.session_id = $id);
        """;

    public static PruneResult Prune(string path, DateTimeOffset endedBefore, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Session log not found: {fullPath}", fullPath);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(10)).TotalSeconds)),
        }.ToString());
        connection.Open();
        var version = SessionLogSchema.ReadVersion(connection);
        if (version != SessionLogSchema.CurrentVersion)
        {
            throw new InvalidOperationException($"{fullPath}: session log schema version {version}, this proxy prunes version {SessionLogSchema.CurrentVersion}");
        }

        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)(busyTimeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds};");
            pragma.ExecuteNonQuery();
        }

        var cutoff = SessionLogTime.Format(endedBefore);
        var removed = new List<SessionSummary>();
        long events = 0;
        while (true)
        {
            // IMMEDIATE: take the write lock before reading which sessions to delete, so the batch read is the batch deleted.
            using var transaction = connection.BeginTransaction(deferred: false);
            using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = $"SELECT {SessionLogReader.SessionColumns} FROM sessions WHERE ended_at IS NOT NULL AND ended_at < $cutoff ORDER BY ended_at LIMIT $limit;";
            select.Parameters.AddWithValue("$cutoff", cutoff);
            select.Parameters.AddWithValue("$limit", BatchSize);
            var batch = new List<SessionSummary>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    batch.Add(SessionLogReader.ReadSummary(reader));
                }
            }

            if (batch.Count == 0)
            {
                transaction.Commit();
                break;
            }

            using var deleteEvents = connection.CreateCommand();
            deleteEvents.Transaction = transaction;

            // Through the session's runs, the way it is read: the cost follows the session, not the log.
            deleteEvents.CommandText = DeleteSessionEvents;
            var eventId = deleteEvents.Parameters.Add("$id", SqliteType.Text);
            using var deleteSession = connection.CreateCommand();
            deleteSession.Transaction = transaction;
            deleteSession.CommandText = "DELETE FROM session_spans WHERE session_id = $id; DELETE FROM sessions WHERE id = $id;";
            var sessionId = deleteSession.Parameters.Add("$id", SqliteType.Text);
            foreach (var session in batch)
            {
                eventId.Value = session.Id;
                events += deleteEvents.ExecuteNonQuery();
                sessionId.Value = session.Id;
                deleteSession.ExecuteNonQuery();
            }

            TrimBatches(connection, transaction);
            transaction.Commit();
            removed.AddRange(batch);
        }

        return new PruneResult(removed, events);
    }

    /// <summary>
    /// Drops the event_batches rows below the one holding the oldest event left: no event is in their ranges,
    /// so no <c>since</c> needs them. The newest row always stays, as the high-water mark ids continue from.
    /// </summary>
    private static void TrimBatches(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var trim = connection.CreateCommand();
        trim.Transaction = transaction;
        trim.CommandText =
            """
            DELETE FROM event_batches WHERE first_id < (
                SELECT max(first_id) FROM event_batches
                WHERE first_id <= coalesce((SELECT min(id) FROM events), (SELECT max(last_id) FROM event_batches)));
            """;
        trim.ExecuteNonQuery();
    }
}
