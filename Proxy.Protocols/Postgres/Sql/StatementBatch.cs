namespace Proxy.Protocols.Postgres.Sql;

/// <summary>
/// The statements of one query string, filled by <see cref="SqlClassifier.Classify"/>. One per session,
/// reused for every Query and Parse message: every buffer grows to the largest input seen and is never
/// shrunk, and table names go through a bounded cache, so classifying texts seen before allocates nothing.
/// </summary>
public sealed class StatementBatch
{
    private ClassifiedStatement[] _statements = new ClassifiedStatement[4];
    private int[] _tableStart = new int[4];
    private int[] _tableCount = new int[4];
    private string[] _tables = new string[16];
    private int[] _tableHashes = new int[16];
    private int _tableTotal;
    private string[] _allTables = new string[16];
    private int _allTableCount;

    // Scratch for the classifier; internal so that it lives as long as the batch does.
    internal Token[] Tokens = new Token[64];
    internal readonly Level[] Levels = new Level[StatementAnalyzer.MaxDepth];
    internal int[] ParenStack = new int[16];
    internal TableReference[] References = new TableReference[16];
    internal CteName[] Ctes = new CteName[4];
    internal byte[] NameBuffer = new byte[256];
    internal readonly NameCache Names = new();
    private readonly StringSet _set = new();

    /// <summary>Statements found; empty ones (nothing but blanks and comments between semicolons) are not counted.</summary>
    public int Count { get; private set; }

    public ref readonly ClassifiedStatement this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return ref _statements[index];
        }
    }

    /// <summary>More than one statement (<c>sql.multi</c>).</summary>
    public bool IsMulti => Count > 1;

    /// <summary>The most dangerous kind of any statement; <see cref="StatementKind.Other"/> when there is none.</summary>
    public StatementKind MostDangerousKind { get; private set; }

    /// <summary>The first statement of kind <see cref="MostDangerousKind"/>, or -1 when there is none.</summary>
    public int MostDangerousIndex { get; private set; }

    /// <summary>Some UPDATE or DELETE statement lacks its own WHERE (the batch-level <c>not sql.where</c>).</summary>
    public bool AnyWriteWithoutWhere { get; private set; }

    public bool AnyCteWrite { get; private set; }

    public bool AnyDynamic { get; private set; }

    public bool AnyUnknown { get; private set; }

    /// <summary>Normalized names of the tables statement <paramref name="index"/> references, each once.</summary>
    public ReadOnlySpan<string> Tables(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _tables.AsSpan(_tableStart[index], _tableCount[index]);
    }

    /// <summary>The tables of all statements, each once, in order of first reference.</summary>
    public ReadOnlySpan<string> AllTables => _allTables.AsSpan(0, _allTableCount);

    internal void Clear()
    {
        Count = 0;
        _tableTotal = 0;
        _allTableCount = 0;
        MostDangerousKind = StatementKind.Other;
        MostDangerousIndex = -1;
        AnyWriteWithoutWhere = false;
        AnyCteWrite = false;
        AnyDynamic = false;
        AnyUnknown = false;
    }

    /// <summary>Adds a statement whose tables are References[0..referenceCount], minus CTE names in scope, deduplicated.</summary>
    internal void Add(in ClassifiedStatement statement, int referenceCount, int cteCount)
    {
        if (Count == _statements.Length)
        {
            Array.Resize(ref _statements, Count * 2);
            Array.Resize(ref _tableStart, Count * 2);
            Array.Resize(ref _tableCount, Count * 2);
        }

        var index = Count;
        _statements[index] = statement;
        _tableStart[index] = _tableTotal;
        _set.Reset(referenceCount);

        // Matching references against CTE scopes is references × CTEs; past this budget a reference stays
        // a table (more tables, never fewer), so that a text full of both cannot make it quadratic.
        var budget = 1 << 20;
        for (var r = 0; r < referenceCount; r++)
        {
            ref readonly var reference = ref References[r];
            budget -= cteCount;
            if (reference.Unqualified && budget > 0 && IsCteInScope(reference, cteCount))
            {
                continue;
            }

            if (_set.Add(reference.Name, reference.Hash))
            {
                if (_tableTotal == _tables.Length)
                {
                    Array.Resize(ref _tables, _tables.Length * 2);
                    Array.Resize(ref _tableHashes, _tables.Length);
                }

                _tableHashes[_tableTotal] = reference.Hash;
                _tables[_tableTotal++] = reference.Name;
            }
        }

        _tableCount[index] = _tableTotal - _tableStart[index];
        Count++;

        var kind = statement.Kind;
        if (MostDangerousIndex < 0 || StatementKinds.DangerRank(kind) > StatementKinds.DangerRank(MostDangerousKind))
        {
            MostDangerousKind = kind;
            MostDangerousIndex = index;
        }

        AnyWriteWithoutWhere |= !statement.HasWhere && kind is StatementKind.Update or StatementKind.Delete;
        AnyCteWrite |= statement.CteWrite;
        AnyDynamic |= statement.Dynamic;
        AnyUnknown |= statement.Unknown;
    }

    internal void Complete()
    {
        _set.Reset(_tableTotal);
        for (var t = 0; t < _tableTotal; t++)
        {
            var name = _tables[t];
            if (_set.Add(name, _tableHashes[t]))
            {
                if (_allTableCount == _allTables.Length)
                {
                    Array.Resize(ref _allTables, _allTables.Length * 2);
                }

                _allTables[_allTableCount++] = name;
            }
        }
    }

    private bool IsCteInScope(in TableReference reference, int cteCount)
    {
        for (var c = 0; c < cteCount; c++)
        {
            ref readonly var cte = ref Ctes[c];
            if (reference.Token >= cte.VisibleFrom && reference.Token < cte.VisibleTo && string.Equals(cte.Name, reference.Name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A table name as referenced at a token of the statement.</summary>
internal struct TableReference
{
    public string Name;

    /// <summary>Hash of the normalized UTF-8 name, from the name cache.</summary>
    public int Hash;
    public int Token;
    public bool Unqualified;
}

/// <summary>A CTE name and the token range in which a reference to that name means the CTE.</summary>
internal struct CteName
{
    public string Name;
    public int VisibleFrom;
    public int VisibleTo;
}

/// <summary>An allocation-free string set for deduplication, reset by bumping a stamp instead of clearing.</summary>
internal sealed class StringSet
{
    private string?[] _items = new string?[32];
    private int[] _stamps = new int[32];
    private int _stamp;

    public void Reset(int expected)
    {
        if (expected * 2 > _items.Length)
        {
            var size = _items.Length;
            while (size < expected * 2)
            {
                size *= 2;
            }

            _items = new string?[size];
            _stamps = new int[size];
        }

        if (_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 0;
        }

        _stamp++;
    }

    /// <summary>Adds <paramref name="value"/>, whose content hash the caller already has; false if present.</summary>
    public bool Add(string value, int hash)
    {
        var mask = _items.Length - 1;
        var slot = hash & mask;
        while (_stamps[slot] == _stamp)
        {
            if (string.Equals(_items[slot], value, StringComparison.Ordinal))
            {
                return false;
            }

            slot = (slot + 1) & mask;
        }

        _stamps[slot] = _stamp;
        _items[slot] = value;
        return true;
    }
}
