using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Proxy.Core.SessionLog;

/// <summary>One row of the sessions table: a session as the CLI lists it.</summary>
public sealed record SessionSummary(
    string Id,
    string Listener,
    string Protocol,
    string ClientEndpoint,
    string UpstreamEndpoint,
    string? Identity,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? CloseReason,
    string? CloseDetail,
    long? BytesFromClient,
    long? BytesFromUpstream,
    double? DurationMs);

/// <summary>One row of the events table; <see cref="DataJson"/> is the kind's data object as stored.</summary>
public sealed record StoredEvent(long Id, string? SessionId, DateTimeOffset At, string Kind, string DataJson);

/// <summary>
/// Read-only access to a session log, for the CLI. Safe while a proxy is writing the same file: in
/// WAL mode a reader sees the last commit before its query started and never blocks the writer.
/// </summary>
public sealed class SessionLogReader : IDisposable
{
    internal const string SessionColumns =
        "id, listener, protocol, client_endpoint, upstream_endpoint, identity, started_at, ended_at, " +
        "close_reason, close_detail, bytes_from_client, bytes_from_upstream, duration_ms";

    private const int MaxCandidatesShown = 5;

    private const string ApprovalKindPrefix = "approval_";

    /// <summary>The WHERE of the events_approvals partial index (SessionLogSchema migration 2).</summary>
    private const string ApprovalIndexCondition = "kind GLOB 'approval_*'";

    private static readonly JsonWriterOptions JsonLineOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly SqliteConnection _connection;

    private SessionLogReader(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens an existing session log read-only; never creates or migrates one.</summary>
    public static SessionLogReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Session log not found: {fullPath}", fullPath);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());

        try
        {
            connection.Open();
            var version = SessionLogSchema.ReadVersion(connection);
            SessionLogSchema.ThrowIfNewer(version, fullPath);
            if (version < SessionLogSchema.CurrentVersion)
            {
                throw new InvalidOperationException(version == 0
                    ? $"{fullPath} is not a session log (schema version 0)"
                    : $"{fullPath}: session log schema version {version} is older than this proxy reads " +
                      $"({SessionLogSchema.CurrentVersion}); start the proxy on it once to migrate it");
            }

            return new SessionLogReader(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The most recently started sessions first, optionally only those started at or after <paramref name="since"/>.</summary>
    public IReadOnlyList<SessionSummary> ListSessions(int limit, DateTimeOffset? since = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var command = _connection.CreateCommand();
        command.CommandText = since is null
            ? $"SELECT {SessionColumns} FROM sessions ORDER BY started_at DESC, id DESC LIMIT $limit;"
            : $"SELECT {SessionColumns} FROM sessions WHERE started_at >= $since ORDER BY started_at DESC, id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        if (since is { } start)
        {
            command.Parameters.AddWithValue("$since", SessionLogTime.Format(start));
        }

        using var reader = command.ExecuteReader();
        var sessions = new List<SessionSummary>();
        while (reader.Read())
        {
            sessions.Add(ReadSummary(reader));
        }

        return sessions;
    }

    /// <summary>
    /// The session whose id is <paramref name="idOrPrefix"/>, or else the only one whose id starts with
    /// it; null if none does. Throws <see cref="InvalidOperationException"/> when the prefix is ambiguous.
    /// </summary>
    public SessionSummary? FindSession(string idOrPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrPrefix);
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {SessionColumns} FROM sessions WHERE id = $id;";
        command.Parameters.AddWithValue("$id", idOrPrefix);
        using (var exact = command.ExecuteReader())
        {
            if (exact.Read())
            {
                return ReadSummary(exact);
            }
        }

        // GLOB, not LIKE: case-sensitive like the ids, and SQLite turns a GLOB prefix on an indexed
        // column into a range scan of the primary key.
        command.CommandText = $"SELECT {SessionColumns} FROM sessions WHERE id GLOB $pattern ORDER BY id LIMIT $limit;";
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$pattern", GlobPrefix(idOrPrefix));
        command.Parameters.AddWithValue("$limit", MaxCandidatesShown + 1);
        var candidates = new List<SessionSummary>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                candidates.Add(ReadSummary(reader));
            }
        }

        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw new InvalidOperationException(
                $"Session id prefix '{idOrPrefix}' is ambiguous; it matches " +
                string.Join(", ", candidates.Take(MaxCandidatesShown).Select(c => c.Id)) +
                (candidates.Count > MaxCandidatesShown ? " and more" : string.Empty)),
        };
    }

    /// <summary>
    /// Events in the order they were committed, streamed from the database: enumerate to the end or
    /// dispose the enumerator, and do not run another query on this reader meanwhile.
    /// </summary>
    /// <remarks>
    /// A session's events are read through its runs (session_spans), so the cost follows the session, not
    /// the log; <paramref name="since"/> alone starts at the first batch that could hold a later event
    /// (<see cref="FirstIdSince"/>) and reads on from there.
    /// </remarks>
    public IEnumerable<StoredEvent> ReadEvents(string? sessionId = null, DateTimeOffset? since = null)
    {
        using var command = _connection.CreateCommand();
        if (sessionId is not null)
        {
            command.CommandText = SessionEventsQuery(since is null ? string.Empty : " AND e.at >= $since", string.Empty);
            command.Parameters.AddWithValue("$session_id", sessionId);
            command.Parameters.AddWithValue("$after", 0L);
        }
        else if (since is null)
        {
            command.CommandText = $"SELECT {EventColumns} FROM events ORDER BY id;";
        }
        else
        {
            command.CommandText = SinceQuery;
            command.Parameters.AddWithValue("$first", FirstIdSince(since.Value));
        }

        if (since is { } start)
        {
            command.Parameters.AddWithValue("$since", SessionLogTime.Format(start));
        }

        foreach (var stored in ReadStoredEvents(command))
        {
            yield return stored;
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events of one session whose id is above <paramref name="afterId"/>, in
    /// commit order: a page, resumed from the last id it returned (ids only grow, so pages never shift as events arrive).
    /// </summary>
    public IReadOnlyList<StoredEvent> ReadEventsAfter(string sessionId, long afterId, int limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var command = _connection.CreateCommand();
        command.CommandText = SessionEventsQuery(string.Empty, " LIMIT $limit");
        command.Parameters.AddWithValue("$session_id", sessionId);
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$limit", limit);
        return [.. ReadStoredEvents(command)];
    }

    /// <summary>The id of the session's last committed event; 0 when it has none.</summary>
    public long LastEventId(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        using var command = _connection.CreateCommand();

        // A run ends on one of its session's events, and the last run holds the last one.
        command.CommandText = "SELECT coalesce((SELECT last_id FROM session_spans WHERE session_id = $session_id ORDER BY first_id DESC LIMIT 1), 0);";
        command.Parameters.AddWithValue("$session_id", sessionId);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Events of the given kinds in commit order, optionally only those at or after <paramref name="since"/>;
    /// streamed like <see cref="ReadEvents"/>. Approval kinds are read through the partial index that holds only
    /// approval events (the restart scan reads nothing else); any other kind scans the table.
    /// </summary>
    public IEnumerable<StoredEvent> ReadEventsOfKinds(IReadOnlyList<string> kinds, DateTimeOffset? since = null)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Count);
        using var command = _connection.CreateCommand();
        var approvalsOnly = true;
        for (var i = 0; i < kinds.Count; i++)
        {
            command.Parameters.AddWithValue(KindParameter(i), kinds[i]);
            approvalsOnly &= kinds[i].StartsWith(ApprovalKindPrefix, StringComparison.Ordinal);
        }

        if (since is { } start)
        {
            command.Parameters.AddWithValue("$first", FirstIdSince(start));
            command.Parameters.AddWithValue("$since", SessionLogTime.Format(start));
        }

        command.CommandText = KindsQuery(kinds.Count, approvalsOnly, since is not null);
        foreach (var stored in ReadStoredEvents(command))
        {
            yield return stored;
        }
    }

    /// <summary>
    /// The first id that can belong to an event at or after <paramref name="since"/>: the first id of the first
    /// batch whose running maximum of <c>at</c> reached it. Every event before that batch is older, whatever the
    /// order producers queued their timestamps in (a late-queued event carries an earlier time than events
    /// committed before it, by up to a commit window, more when a clock steps back); events from there on are
    /// still filtered by <c>at</c>. <see cref="long.MaxValue"/> when no event is that recent.
    /// </summary>
    internal long FirstIdSince(DateTimeOffset since)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = FirstBatchSinceQuery;
        command.Parameters.AddWithValue("$since", SessionLogTime.Format(since));
        return command.ExecuteScalar() is long first ? first : long.MaxValue;
    }

    /// <summary>Events from <c>$first</c> (<see cref="FirstIdSince"/>) on, at or after <c>$since</c>.</summary>
    internal const string SinceQuery = $"SELECT {EventColumns} FROM events WHERE id >= $first AND at >= $since ORDER BY id;";

    /// <summary>What <see cref="ReadStoredEvents"/> reads, in its order.</summary>
    private const string EventColumns = "id, session_id, at, kind, data";

    internal const string FirstBatchSinceQuery = "SELECT first_id FROM event_batches WHERE max_at >= $since ORDER BY max_at, first_id LIMIT 1;";

    /// <summary>Events of <c>$kind0</c>…: through the partial index of approval events when they are all approval kinds.</summary>
    internal static string KindsQuery(int count, bool approvalsOnly, bool since)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = KindParameter(i);
        }

        // The term must be the index's own WHERE, word for word, for SQLite to see that the index covers the query.
        var condition = (approvalsOnly ? ApprovalIndexCondition + " AND " : string.Empty) + $"kind IN ({string.Join(", ", names)})";
        if (since)
        {
            condition += " AND id >= $first AND at >= $since";
        }

        return $"SELECT {EventColumns} FROM events WHERE {condition} ORDER BY id;";
    }

    private static string KindParameter(int index) => string.Create(CultureInfo.InvariantCulture, $"$kind{index}");

    /// <summary>
    /// A session's events through its runs, in id order: each run is a range of ids (the outer loop, in order,
    /// from the run holding <c>$after</c> on), read from the table and filtered to the session.
    /// </summary>
    internal static string SessionEventsQuery(string condition, string limit) =>
        "SELECT e.id, e.session_id, e.at, e.kind, e.data FROM session_spans s " +
        "CROSS JOIN events e ON e.id BETWEEN s.first_id AND s.last_id " +
        "WHERE s.session_id = $session_id AND s.last_id > $after " +
        "AND s.first_id >= (SELECT coalesce(max(first_id), 0) FROM session_spans WHERE session_id = $session_id AND first_id <= $after) " +
        "AND e.session_id = $session_id AND e.id > $after" + condition +
        " ORDER BY s.first_id, e.id" + limit + ";";

    /// <summary>
    /// Writes one event as a JSON object:
    /// <c>{"id":…,"session_id":…|null,"at":"…","kind":"…","data":{…}}</c>, data as stored.
    /// </summary>
    public static void WriteJsonLine(StoredEvent storedEvent, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(storedEvent);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("id", storedEvent.Id);
        if (storedEvent.SessionId is null)
        {
            writer.WriteNull("session_id");
        }
        else
        {
            writer.WriteString("session_id", storedEvent.SessionId);
        }

        writer.WriteString("at", SessionLogTime.Format(storedEvent.At));
        writer.WriteString("kind", storedEvent.Kind);
        writer.WritePropertyName("data");
        writer.WriteRawValue(storedEvent.DataJson);
        writer.WriteEndObject();
    }

    /// <summary>Writes the events as JSON Lines (one object per line, see <see cref="WriteJsonLine"/>); returns how many.</summary>
    public static long WriteJsonLines(IEnumerable<StoredEvent> events, Stream output)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, JsonLineOptions);
        long count = 0;
        foreach (var storedEvent in events)
        {
            WriteJsonLine(storedEvent, writer);
            writer.Flush();
            output.WriteByte((byte)'\n');

            // A Utf8JsonWriter accepts one top-level value; each line is a fresh document.
            writer.Reset();
            count++;
        }

        return count;
    }

    /// <summary>The columns of <see cref="WriteCsv"/>: the event, then the fields a SIEM filters on, then the whole data object.</summary>
    public static readonly string[] CsvColumns =
        ["id", "session_id", "at", "kind", "identity", "database", "statement_kind", "text", "decision", "rule", "rows", "duration_ms", "sqlstate", "error", "data"];

    /// <summary>
    /// Writes the events as CSV (RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma,
    /// a quote or a line break). Fields an event kind does not have are empty; <c>data</c> holds its whole JSON.
    /// </summary>
    public static long WriteCsv(IEnumerable<StoredEvent> events, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(string.Join(',', CsvColumns));
        output.Write("\r\n");
        long count = 0;
        var fields = new string?[CsvColumns.Length];
        foreach (var storedEvent in events)
        {
            Array.Clear(fields);
            fields[0] = storedEvent.Id.ToString(CultureInfo.InvariantCulture);
            fields[1] = storedEvent.SessionId;
            fields[2] = SessionLogTime.Format(storedEvent.At);
            fields[3] = storedEvent.Kind;
            using (var data = JsonDocument.Parse(storedEvent.DataJson))
            {
                if (data.RootElement.ValueKind == JsonValueKind.Object)
                {
                    for (var column = 4; column < CsvColumns.Length - 1; column++)
                    {
                        if (data.RootElement.TryGetProperty(CsvColumns[column], out var value))
                        {
                            fields[column] = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
                        }
                    }
                }
            }

            fields[^1] = storedEvent.DataJson;
            for (var column = 0; column < fields.Length; column++)
            {
                if (column > 0)
                {
                    output.Write(',');
                }

                WriteCsvField(output, fields[column]);
            }

            output.Write("\r\n");
            count++;
        }

        return count;
    }

    private static void WriteCsvField(TextWriter output, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            output.Write(value);
            return;
        }

        output.Write('"');
        output.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        output.Write('"');
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Runs a query selecting <c>id, session_id, at, kind, data</c> from events and streams the rows.</summary>
    private static IEnumerable<StoredEvent> ReadStoredEvents(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new StoredEvent(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                SessionLogTime.Parse(reader.GetString(2)),
                reader.GetString(3),
                reader.GetString(4));
        }
    }

    internal static SessionSummary ReadSummary(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        SessionLogTime.Parse(reader.GetString(6)),
        reader.IsDBNull(7) ? null : SessionLogTime.Parse(reader.GetString(7)),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetInt64(10),
        reader.IsDBNull(11) ? null : reader.GetInt64(11),
        reader.IsDBNull(12) ? null : reader.GetDouble(12));

    /// <summary>A GLOB pattern matching ids that start with <paramref name="prefix"/> taken literally.</summary>
    private static string GlobPrefix(string prefix)
    {
        var pattern = new StringBuilder(prefix.Length + 8);
        foreach (var c in prefix)
        {
            // Inside brackets a metacharacter is literal; ']' is only special inside brackets.
            if (c is '*' or '?' or '[')
            {
                pattern.Append('[').Append(c).Append(']');
            }
            else
            {
                pattern.Append(c);
            }
        }

        return pattern.Append('*').ToString();
    }
}
