namespace Proxy.Protocols.Postgres;

/// <summary>What a statement does to a named source of rows when the server runs it.</summary>
internal enum SourceChangeKind : byte
{
    /// <summary>`DECLARE name … CURSOR … FOR query`.</summary>
    DeclaresCursor,

    /// <summary>`PREPARE name AS statement`.</summary>
    PreparesStatement,

    /// <summary>`DEALLOCATE name`.</summary>
    DropsStatement,

    /// <summary>`DEALLOCATE ALL`, `DISCARD ALL`.</summary>
    DropsAllStatements,
}

/// <summary>
/// One statement's change to the session's named sources, sent and not yet known to have happened. The server
/// settles it: taken when the statement completes, failed when the statement fails or is skipped (a name already
/// taken, an error earlier in its Query, a failed transaction).
/// </summary>
internal sealed class SourceChange(SourceChangeKind kind, string? name, string[] tables) : Definition
{
    public SourceChangeKind Kind { get; } = kind;

    /// <summary>The source's name; null for <see cref="SourceChangeKind.DropsAllStatements"/>.</summary>
    public string? Name { get; } = name;

    /// <summary>For a definition: the tables its query reads.</summary>
    public string[] Tables { get; } = tables;

    /// <summary>Whether it drops the statement <paramref name="statement"/> (of SQL PREPARE or of a Parse: they share one namespace).</summary>
    public bool DropsStatementNamed(string statement) =>
        Kind == SourceChangeKind.DropsAllStatements ? statement.Length > 0 : Kind == SourceChangeKind.DropsStatement && Name == statement;

    /// <summary>When sent: the version of the entry it made (a definition) or found (a drop), see <see cref="SessionSources"/>.</summary>
    internal long Version;

    /// <summary>A drop's Parse statements, taken out of the client's map as it was sent: put back should it fail.</summary>
    internal List<(string Name, PostgresConversation.PreparedStatement Statement)>? Forgotten;
}

/// <summary>
/// The session's cursors (DECLARE) and SQL-prepared statements (PREPARE) by name, with the tables each reads: a
/// FETCH, an EXECUTE, or a protocol message that uses such a name reads no table of its own, so it is decided with
/// these. They follow the server's answers, not what was forwarded: a DECLARE or PREPARE of a name already taken
/// fails and leaves the first, and a DEALLOCATE after an error does nothing. While a change is unanswered, a name
/// counts as holding what it held and what it is to hold (the union of their tables), so a read decided meanwhile
/// never lacks a table the server's rows may come from; once the server has answered, the name holds exactly what
/// the server holds. Stale entries (a cursor closed or ended with its transaction) only add tables, and the next
/// DECLARE the server takes replaces them.
/// <para>
/// A drop also forgets the Parse statements it names at once, so a Parse of the name behind it is forwarded rather
/// than answered as a duplicate, and puts them back should it fail; a later batch that names one waits for the
/// drop's answer (<see cref="AwaitedDrop"/>). Client loop only; the server loop only settles the changes.
/// </para>
/// </summary>
internal sealed class SessionSources(Dictionary<string, PostgresConversation.PreparedStatement> statements)
{
    private readonly record struct Entry(string[] Tables, long Version);

    private Dictionary<string, Entry>? _cursors;
    private Dictionary<string, Entry>? _prepared;

    /// <summary>Changes sent and not yet applied, in the order sent (the server answers in that order).</summary>
    private readonly Queue<SourceChange> _sent = new();

    private long _version;

    /// <summary>The tables behind the cursor <paramref name="name"/>; none when this session did not declare it.</summary>
    public string[] TablesOfCursor(string name) => Find(_cursors, name)?.Tables ?? [];

    /// <summary>
    /// The tables behind the prepared statement <paramref name="name"/>, as SQL EXECUTE runs it: a statement of SQL
    /// PREPARE or of a Parse (they share one namespace), one a drop still unanswered forgot included. None when this
    /// session did not prepare it.
    /// </summary>
    public string[] TablesOfPrepared(string name)
    {
        var tables = Find(_prepared, name)?.Tables ?? [];
        foreach (var parsed in ParsedAs(name))
        {
            foreach (var run in parsed.Runs)
            {
                tables = Union(tables, run.Tables);
            }
        }

        return tables;
    }

    /// <summary>Whether the proxy saw the cursor <paramref name="name"/> declared (or it may still be, see <see cref="SessionSources"/>).</summary>
    public bool DeclaredCursor(string name) => Find(_cursors, name) is not null;

    /// <summary>Whether the proxy saw <paramref name="name"/> prepared by SQL PREPARE.</summary>
    public bool PreparedInSql(string name) => Find(_prepared, name) is not null;

    /// <summary>Whether the proxy saw <paramref name="name"/> prepared, by SQL PREPARE or by a Parse (one namespace).</summary>
    public bool Prepared(string name) => PreparedInSql(name) || ParsedAs(name).Any();

    /// <summary>The Parse statements the named statement may be now: the one defined, and any a drop still unanswered forgot.</summary>
    private IEnumerable<PostgresConversation.PreparedStatement> ParsedAs(string name)
    {
        if (name.Length == 0)
        {
            yield break;
        }

        if (statements.TryGetValue(name, out var parsed) && !parsed.IsFailed)
        {
            yield return parsed;
        }

        foreach (var change in _sent)
        {
            foreach (var (forgotten, statement) in change.Forgotten ?? [])
            {
                if (forgotten == name)
                {
                    yield return statement;
                }
            }
        }
    }

    /// <summary>
    /// Client loop, as the statement carrying <paramref name="change"/> is forwarded in batch <paramref name="batch"/>
    /// (before the answer is enqueued): a definition adds its tables to the name's, a drop forgets its Parse statements.
    /// </summary>
    public void Sent(SourceChange change, long batch)
    {
        Apply();
        change.Sent(batch);
        switch (change.Kind)
        {
            case SourceChangeKind.DeclaresCursor:
                change.Version = Widen(_cursors ??= new(StringComparer.Ordinal), change);
                break;
            case SourceChangeKind.PreparesStatement:
                change.Version = Widen(_prepared ??= new(StringComparer.Ordinal), change);
                break;
            case SourceChangeKind.DropsStatement:
                change.Version = Find(_prepared, change.Name!)?.Version ?? -1;
                Forget(change, change.Name!);
                break;
            case SourceChangeKind.DropsAllStatements:
                change.Version = _version;
                foreach (var name in statements.Keys.Where(name => name.Length > 0).ToList())
                {
                    Forget(change, name);
                }

                break;
        }

        _sent.Enqueue(change);
    }

    /// <summary>
    /// A drop of the statement <paramref name="name"/> sent in a batch before <paramref name="batch"/> and not answered
    /// yet: until it is, the name may still be the statement it forgot. Null when there is none (answered changes are
    /// applied first).
    /// </summary>
    public SourceChange? AwaitedDrop(string name, long batch)
    {
        Apply();
        foreach (var change in _sent)
        {
            if (change.DropsStatementNamed(name) && change.AwaitsAnswer(batch))
            {
                return change;
            }
        }

        return null;
    }

    /// <summary>Whether a change is still unapplied: only then can a name be waited for.</summary>
    public bool AnyUnapplied => _sent.Count > 0;

    /// <summary>Applies the changes the server has answered, oldest first.</summary>
    public void Apply()
    {
        while (_sent.TryPeek(out var change) && !change.IsUnanswered)
        {
            _sent.Dequeue();
            if (change.IsFailed)
            {
                // The server holds what it held: a drop's statements are there still, a definition's union stays.
                foreach (var (name, statement) in change.Forgotten ?? [])
                {
                    statements[name] = statement;
                }

                continue;
            }

            // Taken: the name holds exactly what the server now holds, unless a later change was sent meanwhile.
            switch (change.Kind)
            {
                case SourceChangeKind.DeclaresCursor:
                    Narrow(_cursors!, change);
                    break;
                case SourceChangeKind.PreparesStatement:
                    Narrow(_prepared!, change);
                    break;
                case SourceChangeKind.DropsStatement when Find(_prepared, change.Name!) is { } entry && entry.Version == change.Version:
                    _prepared!.Remove(change.Name!);
                    break;
                case SourceChangeKind.DropsAllStatements when _prepared is not null:
                    foreach (var (name, entry) in _prepared.Where(pair => pair.Value.Version <= change.Version).ToList())
                    {
                        _prepared.Remove(name);
                    }

                    break;
            }
        }
    }

    /// <summary>The tables of both lists, each once; one of them itself when the other adds nothing.</summary>
    public static string[] Union(string[] tables, IReadOnlyList<string> more) =>
        more.Count == 0 || more.All(tables.Contains) ? tables : tables.Length == 0 && more is string[] array ? array : [.. tables.Union(more, StringComparer.Ordinal)];

    private long Widen(Dictionary<string, Entry> entries, SourceChange change)
    {
        var tables = entries.TryGetValue(change.Name!, out var entry) ? Union(entry.Tables, change.Tables) : change.Tables;
        entries[change.Name!] = new Entry(tables, ++_version);
        return _version;
    }

    private static void Narrow(Dictionary<string, Entry> entries, SourceChange change)
    {
        if (entries.TryGetValue(change.Name!, out var entry) && entry.Version == change.Version)
        {
            entries[change.Name!] = entry with { Tables = change.Tables };
        }
    }

    private void Forget(SourceChange change, string name)
    {
        if (statements.Remove(name, out var statement) && !statement.IsFailed)
        {
            (change.Forgotten ??= []).Add((name, statement));
        }
    }

    private Entry? Find(Dictionary<string, Entry>? entries, string name)
    {
        Apply();
        return entries is not null && entries.TryGetValue(name, out var entry) ? entry : null;
    }
}
