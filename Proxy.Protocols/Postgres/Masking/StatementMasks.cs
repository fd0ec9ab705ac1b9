using Proxy.Core.Masking;
using Proxy.Core.SessionLog;

namespace Proxy.Protocols.Postgres.Masking;

/// <summary>
/// The masks of one statement run: its compiled plan, the catalog its result columns resolve through, whether it
/// reads a relation with a masked column (then every result column without an origin is masked whole), and how
/// many values each column and pattern masked, for its audit record.
/// </summary>
internal sealed class StatementMasks(MaskPlan plan)
{
    /// <summary>What masks a result column with no provable origin: the whole value, as `redact` writes it (NULL outside text types).</summary>
    public static readonly ValueMask Whole = ValueMask.Create("redact", []);

    /// <summary>Views of views are followed this deep; deeper is treated as unresolved, and masked whole.</summary>
    private const int MaxDepth = 8;

    /// <summary>Made by the first count: most statements mask nothing, and every Execute has masks of its own.</summary>
    private Lock? _lock;
    private Dictionary<(string What, string Function), long>? _counts;

    public MaskPlan Plan { get; } = plan;

    /// <summary>Set once the statement's relations are known (column masks only).</summary>
    public MaskCatalog? Catalog { get; set; }

    /// <summary>The statement reads a relation that has a masked column, or one whose reads cannot be seen.</summary>
    public bool ReadsMasked { get; set; }

    /// <summary>For `COPY … TO STDOUT`: how its rows are written.</summary>
    public CopyFormat? Copy { get; set; }

    /// <summary>For a COPY reading masked columns: the masks of its columns, from the server's description of its query.</summary>
    public ResultMask? CopyColumns { get; set; }

    /// <summary>The mask of a result column that comes straight from a relation column; null when none applies.</summary>
    public ValueMask? OriginMask(uint table, short attnum, out string column)
    {
        if (!Plan.HasColumnMasks)
        {
            column = string.Empty;
            return null;
        }

        column = $"oid {table} column {attnum}";
        return Catalog is null ? Whole : Resolve(table, attnum, 0, out column);
    }

    /// <summary>Whether relation <paramref name="oid"/> (a table, or a view through what it reads) has a masked column.</summary>
    public bool RelationReadsMasked(uint oid) => Catalog is not null && RelationReadsMasked(oid, 0);

    /// <summary>The first masked column of a relation and the rule masking it, for a refusal's message.</summary>
    public (string Column, string? Rule)? FirstMaskedColumn(uint oid)
    {
        if (Catalog is null || !Catalog.TryGet(oid, out var relation))
        {
            return null;
        }

        for (short attnum = 1; attnum <= relation.Columns.Length; attnum++)
        {
            if (relation.Columns[attnum - 1] is { } name && Plan.ColumnMask(relation.Schema, relation.Name, name, out var rule) is not null)
            {
                return ($"{relation.Schema}.{relation.Name}.{name}", rule);
            }

            if (relation.IsView && Resolve(oid, attnum, 0, out var column) is not null)
            {
                return (column, null);
            }
        }

        return null;
    }

    public void Count(string what, string function, long values)
    {
        lock (LazyInitializer.EnsureInitialized(ref _lock))
        {
            _counts ??= [];
            _counts[(what, function)] = _counts.GetValueOrDefault((what, function)) + values;
        }
    }

    /// <summary>What was masked, for the statement's outcome; null when nothing was.</summary>
    public IReadOnlyList<MaskedValues>? Counts()
    {
        // No lock yet: nothing was ever counted.
        if (Volatile.Read(ref _lock) is not { } gate)
        {
            return null;
        }

        lock (gate)
        {
            return _counts is null ? null : [.. _counts.Select(c => new MaskedValues(c.Key.What, c.Key.Function, c.Value)).OrderBy(c => c.What, StringComparer.Ordinal)];
        }
    }

    private ValueMask? Resolve(uint table, short attnum, int depth, out string column)
    {
        column = $"oid {table} column {attnum}";
        if (depth > MaxDepth || !Catalog!.TryGet(table, out var relation))
        {
            // A relation the catalog lookup did not reach (created around the proxy since, or too deep): fail closed.
            return Whole;
        }

        if (attnum == 0)
        {
            // The whole row (`SELECT u FROM users u`): a composite value holding every column.
            column = $"{relation.Schema}.{relation.Name}.*";
            return RelationReadsMasked(table, depth) ? Whole : null;
        }

        if (relation.ColumnName(attnum) is not { } name)
        {
            // System columns (ctid, xmin, tableoid) hold no user data.
            return null;
        }

        column = $"{relation.Schema}.{relation.Name}.{name}";
        var mask = Plan.ColumnMask(relation.Schema, relation.Name, name);
        if (relation.IsView)
        {
            var origin = relation.ViewOrigins is { } origins && attnum <= origins.Length ? origins[attnum - 1] : default;
            var inner = origin.Table != 0
                ? Resolve(origin.Table, origin.Column, depth + 1, out _)
                : RelationReadsMasked(table, depth + 1) ? Whole : null;
            mask = ValueMask.LeastRevealing(mask, inner);
        }

        return mask;
    }

    private bool RelationReadsMasked(uint oid, int depth)
    {
        if (depth > MaxDepth || !Catalog!.TryGet(oid, out var relation))
        {
            return true;
        }

        foreach (var name in relation.Columns)
        {
            if (name is not null && Plan.ColumnMask(relation.Schema, relation.Name, name) is not null)
            {
                return true;
            }
        }

        if (relation.IsView)
        {
            foreach (var read in relation.Reads)
            {
                if (Resolve(read.Table, read.Column, depth + 1, out _) is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
