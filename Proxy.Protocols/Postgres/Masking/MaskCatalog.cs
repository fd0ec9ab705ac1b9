using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;

namespace Proxy.Protocols.Postgres.Masking;

/// <summary>A column by origin, as RowDescription names it: the relation's OID and the attribute number.</summary>
internal readonly record struct ColumnRef(uint Table, short Column);

/// <summary>
/// A relation as the catalog describes it. For a view (or materialized view): where each of its columns comes
/// from when it is a plain reference (the view query's target list origins), and every column its query reads.
/// </summary>
internal sealed record CatalogRelation(uint Oid, string Schema, string Name, char Kind, string?[] Columns, ColumnRef[]? ViewOrigins, ColumnRef[] Reads)
{
    public bool IsView => Kind is 'v' or 'm';

    public string? ColumnName(short attnum) => attnum >= 1 && attnum <= Columns.Length ? Columns[attnum - 1] : null;
}

/// <summary>
/// The catalog facts masking needs for one database, cached: relations by OID and by name, and the OID of
/// `citext`. Filled through a <see cref="CatalogConnection"/> of the proxy's own, outside any session's data
/// path; a lookup runs once per statement (by the tables it names), never per row. Dropped when DDL passes
/// through the proxy, and after <see cref="Lifetime"/> for DDL that did not.
/// </summary>
internal sealed class MaskCatalog(EndPoint upstream, PostgresSettings settings, HeldCredential credential, string database, TimeSpan timeout) : IAsyncDisposable
{
    /// <summary>DDL run around the proxy (a migration tool connecting directly) is seen at most this late.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Views of views are followed this deep; deeper ones are treated as unresolved (masked whole).</summary>
    private const int MaxRounds = 8;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private CatalogConnection? _connection;
    private long _generations;
    private State _state = new(0);

    public string Database => database;

    /// <summary>Drops everything known; the next statement that needs the catalog reads it again.</summary>
    public void Invalidate() => Volatile.Write(ref _state, new State(Interlocked.Increment(ref _generations)));

    /// <summary>
    /// Which cache state is current: it changes whenever the cache is dropped (DDL through the proxy, or its
    /// <see cref="Lifetime"/>), never while a state is only filled further. What was resolved from the catalog
    /// holds exactly as long as the generation it was resolved in.
    /// </summary>
    public long Generation => Current.Generation;

    /// <summary>
    /// Whether relation <paramref name="oid"/> is known and is the only relation of its name in any schema: a
    /// statement that names it then reaches it whatever the session's search_path, which a prepared statement
    /// follows (PostgreSQL analyses it again under the new one, docs of PREPARE), and the proxy cannot see.
    /// </summary>
    public bool IsOnlyOfItsName(uint oid)
    {
        var state = Current;
        return state.Relations.TryGetValue(oid, out var relation) && state.Names.TryGetValue(relation.Name, out var oids) && oids is [var only] && only == oid;
    }

    public bool TryGet(uint oid, out CatalogRelation relation)
    {
        relation = null!;
        return Current.Relations.TryGetValue(oid, out relation!);
    }

    /// <summary>The OIDs of relations of this name in any schema (a superset of what the search path finds).</summary>
    public uint[] Named(string table) => Current.Names.TryGetValue(RelationName(table), out var oids) ? oids : [];

    public uint CitextOid => Current.Citext;

    private State Current
    {
        get
        {
            var state = Volatile.Read(ref _state);
            if (Environment.TickCount64 - state.Created > Lifetime.TotalMilliseconds)
            {
                Invalidate();
                state = Volatile.Read(ref _state);
            }

            return state;
        }
    }

    /// <summary>
    /// Makes sure the relations named (as the classifier wrote them: `users`, `public.users`) and everything
    /// their views read are known. Throws <see cref="CatalogException"/> when the catalog cannot be read in time.
    /// </summary>
    public ValueTask EnsureAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var state = Current;
        if (state.TypesLoaded && tables.All(t => state.Names.ContainsKey(RelationName(t))))
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(LoadAsync(state, tables, cancellationToken));
    }

    /// <summary>The RowDescription of <paramref name="query"/> (a COPY's rows), described by the server without running it.</summary>
    public Task<byte[]> DescribeAsync(string query, CancellationToken cancellationToken) =>
        WithConnectionAsync((connection, token) => connection.DescribeAsync(query, token), cancellationToken);

    /// <summary>Makes sure the relations of these OIDs (origins a RowDescription named) and what their views read are known.</summary>
    public Task EnsureRelationsAsync(IReadOnlyList<uint> oids, CancellationToken cancellationToken) =>
        LoadAsync(Current, [], cancellationToken, oids);

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private Task<bool> LoadAsync(State state, IReadOnlyList<string> tables, CancellationToken cancellationToken, IReadOnlyList<uint>? relations = null) =>
        WithConnectionAsync(
            async (connection, token) =>
            {
                var names = tables.Select(RelationName).Where(n => !state.Names.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList();
                var oids = relations?.Where(oid => !state.Relations.ContainsKey(oid)).Distinct().ToList() ?? [];
                for (var round = 0; round < MaxRounds && (names.Count > 0 || oids.Count > 0 || !state.TypesLoaded); round++)
                {
                    var views = await LoadRelationsAsync(connection, state, names, oids, token).ConfigureAwait(false);
                    var next = views.Count == 0 ? [] : await LoadViewsAsync(connection, state, views, token).ConfigureAwait(false);
                    names = [];
                    oids = next.Where(oid => !state.Relations.ContainsKey(oid)).Distinct().ToList();
                }

                return true;
            },
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="lookup"/> on the connection (opened if needed), one lookup at a time, within the
    /// deadline. Any failure drops the connection (the next lookup opens a fresh one) and becomes a
    /// <see cref="CatalogException"/> naming the database.
    /// </summary>
    private async Task<T> WithConnectionAsync<T>(Func<CatalogConnection, CancellationToken, Task<T>> lookup, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _gate.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new CatalogException($"the catalog of database \"{database}\" did not answer within {timeout.TotalSeconds:0.#} s");
        }

        try
        {
            _connection ??= await CatalogConnection.OpenAsync(upstream, settings, credential, database, deadline.Token).ConfigureAwait(false);
            return await lookup(_connection, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw new CatalogException(ex is OperationCanceledException
                ? $"the catalog of database \"{database}\" did not answer within {timeout.TotalSeconds:0.#} s"
                : $"the catalog of database \"{database}\" could not be read: {ex.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Relations by name or OID with their columns; returns the views among them.</summary>
    private static async Task<List<uint>> LoadRelationsAsync(CatalogConnection connection, State state, List<string> names, List<uint> oids, CancellationToken cancellationToken)
    {
        // Sequences too (`SELECT * FROM s` reads one): a name a table shares with a sequence is not the table's alone.
        var sql = new StringBuilder();
        sql.Append("SELECT c.oid, n.nspname, c.relname, c.relkind, a.attnum, a.attname FROM pg_catalog.pg_class c ")
            .Append("JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ")
            .Append("LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ")
            .Append("WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND (false");
        if (names.Count > 0)
        {
            sql.Append(" OR c.relname IN (").AppendJoin(", ", names.Select(Literal)).Append(')');
        }

        if (oids.Count > 0)
        {
            sql.Append(" OR c.oid IN (").AppendJoin(", ", oids.Select(o => o.ToString(CultureInfo.InvariantCulture))).Append(')');
        }

        sql.Append(") ORDER BY c.oid, a.attnum;");
        if (!state.TypesLoaded)
        {
            sql.Append("SELECT oid FROM pg_catalog.pg_type WHERE typname = 'citext';");
        }

        var sets = await connection.QueryAsync(sql.ToString(), cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<uint, (string Schema, string Name, char Kind, List<(short Attnum, string Name)> Columns)>();
        foreach (var row in sets[0])
        {
            var oid = uint.Parse(row[0]!, CultureInfo.InvariantCulture);
            if (!found.TryGetValue(oid, out var relation))
            {
                relation = (row[1]!, row[2]!, row[3]![0], []);
                found[oid] = relation;
            }

            if (row[4] is { } attnum)
            {
                relation.Columns.Add((short.Parse(attnum, CultureInfo.InvariantCulture), row[5]!));
            }
        }

        if (!state.TypesLoaded)
        {
            state.Citext = sets.Count > 1 && sets[1].Count > 0 ? uint.Parse(sets[1][0][0]!, CultureInfo.InvariantCulture) : 0;
            state.TypesLoaded = true;
        }

        var views = new List<uint>();
        foreach (var (oid, relation) in found)
        {
            var width = relation.Columns.Count == 0 ? 0 : relation.Columns.Max(c => c.Attnum);
            var columns = new string?[width];
            foreach (var (attnum, name) in relation.Columns)
            {
                columns[attnum - 1] = name;
            }

            state.Relations[oid] = new CatalogRelation(oid, relation.Schema, relation.Name, relation.Kind, columns, null, []);
            if (relation.Kind is 'v' or 'm')
            {
                views.Add(oid);
            }
        }

        foreach (var name in names)
        {
            state.Names[name] = found.Where(r => r.Value.Name == name).Select(r => r.Key).ToArray();
        }

        return views;
    }

    /// <summary>
    /// Each view's column origins (from its query's target list) and the columns it reads (pg_depend); returns the
    /// tables those name. A whole-row reference (`row_to_json(p)`, `p::text`) reads every column, but pg_depend records
    /// no column for it: a view whose query holds one reads every column (column 0) of each relation its query names.
    /// </summary>
    private static async Task<List<uint>> LoadViewsAsync(CatalogConnection connection, State state, List<uint> views, CancellationToken cancellationToken)
    {
        var list = string.Join(", ", views.Select(o => o.ToString(CultureInfo.InvariantCulture)));
        var sql = $"SELECT r.ev_class, r.ev_action::text FROM pg_catalog.pg_rewrite r WHERE r.rulename = '_RETURN' AND r.ev_class IN ({list});"
            + "SELECT r.ev_class, d.refobjid, d.refobjsubid FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid "
            + "WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
            + $"AND d.refobjsubid > 0 AND d.refobjid <> r.ev_class AND r.ev_class IN ({list});";
        var sets = await connection.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        var referenced = new List<uint>();
        var reads = new Dictionary<uint, List<ColumnRef>>();
        foreach (var row in sets[1])
        {
            var view = uint.Parse(row[0]!, CultureInfo.InvariantCulture);
            var read = new ColumnRef(uint.Parse(row[1]!, CultureInfo.InvariantCulture), short.Parse(row[2]!, CultureInfo.InvariantCulture));
            (reads.TryGetValue(view, out var l) ? l : reads[view] = []).Add(read);
            referenced.Add(read.Table);
        }

        foreach (var row in sets[0])
        {
            var view = uint.Parse(row[0]!, CultureInfo.InvariantCulture);
            foreach (var table in ViewQuery.WholeRowTables(row[1]!, view))
            {
                (reads.TryGetValue(view, out var l) ? l : reads[view] = []).Add(new ColumnRef(table, 0));
                referenced.Add(table);
            }
        }

        foreach (var row in sets[0])
        {
            var view = uint.Parse(row[0]!, CultureInfo.InvariantCulture);
            var relation = state.Relations[view];
            var origins = ViewQuery.TargetOrigins(row[1]!, relation.Columns.Length);
            referenced.AddRange(origins.Where(o => o.Table != 0).Select(o => o.Table));
            state.Relations[view] = relation with { ViewOrigins = origins, Reads = reads.TryGetValue(view, out var r) ? [.. r] : [] };
        }

        return referenced;
    }

    /// <summary>The relation part of a name as the classifier writes it (`public.users` → `users`).</summary>
    private static string RelationName(string table)
    {
        var dot = table.LastIndexOf('.');
        return dot < 0 ? table : table[(dot + 1)..];
    }

    /// <summary>An E'' literal: backslash escapes apply whatever standard_conforming_strings says.</summary>
    private static string Literal(string text) =>
        "E'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    private sealed class State(long generation)
    {
        public readonly long Generation = generation;
        public readonly long Created = Environment.TickCount64;
        public readonly ConcurrentDictionary<uint, CatalogRelation> Relations = new();
        public readonly ConcurrentDictionary<string, uint[]> Names = new(StringComparer.Ordinal);
        public volatile bool TypesLoaded;
        public uint Citext;
    }
}

/// <summary>
/// Reads a view's stored query (pg_rewrite.ev_action, PostgreSQL's node-tree text): for each output column, the
/// table column it is a plain reference to. Parse analysis stores that origin in the target entry
/// (resorigtbl/resorigcol, what RowDescription reports for a query), so no expression is interpreted here.
/// </summary>
internal static class ViewQuery
{
    /// <summary>
    /// When the query holds a whole-row reference (a Var of column 0, `{VAR :varno 1 :varattno 0 …}`): every relation
    /// its range tables name (`:relid N`), but the view itself; none otherwise. The text is searched as it is, string
    /// constants included, which can only add relations.
    /// </summary>
    public static IEnumerable<uint> WholeRowTables(string tree, uint view)
    {
        if (!tree.Contains(":varattno 0 ", StringComparison.Ordinal))
        {
            yield break;
        }

        const string RelId = ":relid ";
        for (var at = tree.IndexOf(RelId, StringComparison.Ordinal); at >= 0; at = tree.IndexOf(RelId, at + RelId.Length, StringComparison.Ordinal))
        {
            var digits = tree.AsSpan(at + RelId.Length);
            var length = digits.IndexOfAnyExceptInRange('0', '9');
            if (uint.TryParse(length < 0 ? digits : digits[..length], NumberStyles.None, CultureInfo.InvariantCulture, out var relid) && relid != 0 && relid != view)
            {
                yield return relid;
            }
        }
    }

    public static ColumnRef[] TargetOrigins(string tree, int columns)
    {
        var origins = new ColumnRef[columns];
        var depth = 0;
        for (var i = 0; i < tree.Length; i++)
        {
            var c = tree[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c == '}')
            {
                depth--;
                continue;
            }

            if (c != '{')
            {
                continue;
            }

            depth++;

            // The outer query is `({QUERY …})`: its own target entries sit one brace deeper. Entries of
            // subqueries and sublinks sit deeper still and describe inner columns.
            if (depth == 2 && string.CompareOrdinal(tree, i + 1, "TARGETENTRY", 0, 11) == 0)
            {
                var end = EntryEnd(tree, i);
                var entry = tree.AsSpan(i, end - i);
                var resno = Field(entry, ":resno ");
                var table = Field(entry, ":resorigtbl ");
                var column = Field(entry, ":resorigcol ");
                var junk = entry.LastIndexOf(":resjunk ", StringComparison.Ordinal) is var j and >= 0 && entry[(j + 9)..].StartsWith("true", StringComparison.Ordinal);
                if (resno >= 1 && resno <= columns && !junk)
                {
                    origins[resno - 1] = new ColumnRef((uint)table, (short)column);
                }

                depth--;
                i = end;
            }
        }

        return origins;
    }

    /// <summary>The index after the brace that closes the node opened at <paramref name="open"/>.</summary>
    private static int EntryEnd(string tree, int open)
    {
        var depth = 0;
        for (var i = open; i < tree.Length; i++)
        {
            switch (tree[i])
            {
                case '\\':
                    i++;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return i;
            }
        }

        return tree.Length;
    }

    /// <summary>A field of the entry itself (the last occurrence: nested nodes come first, in :expr).</summary>
    private static long Field(ReadOnlySpan<char> entry, string name)
    {
        var at = entry.LastIndexOf(name, StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var rest = entry[(at + name.Length)..];
        var length = 0;
        while (length < rest.Length && char.IsAsciiDigit(rest[length]))
        {
            length++;
        }

        return long.TryParse(rest[..length], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
