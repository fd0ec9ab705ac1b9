using System.Text;

namespace Proxy.Protocols.Postgres.Sql;

/// <summary>How the next name at a parenthesis level is taken as a table.</summary>
internal enum ListMode : byte
{
    None,

    /// <summary>One table name (INSERT INTO t, REFERENCES t, UPDATE t).</summary>
    Single,

    /// <summary>Comma-separated names and nothing else (TRUNCATE a, b; DROP TABLE a, b; LOCK a, b).</summary>
    Strict,

    /// <summary>A FROM list: items with aliases, joins and commas; a name followed by '(' is a function.</summary>
    From,
}

internal enum CaptureContext : byte
{
    Plain,

    /// <summary>SELECT … INTO [TEMP | TEMPORARY | UNLOGGED] [TABLE] name.</summary>
    SelectInto,

    /// <summary>GRANT/REVOKE … ON [TABLE | SEQUENCE] names, or another object type (no table).</summary>
    GrantOn,
}

/// <summary>What the classifier knows about one parenthesis level of a statement.</summary>
internal struct Level
{
    /// <summary>The statement this level holds (Unknown: not a statement, e.g. function arguments).</summary>
    public StatementKind Lead;

    public ListMode List;

    /// <summary>The next name is a table.</summary>
    public bool Armed;

    public CaptureContext Context;
    public bool IsCte;

    /// <summary>An UPDATE or DELETE starts at this level; <see cref="HasWhere"/> says whether it has its own WHERE.</summary>
    public bool TracksWhere;

    public bool HasWhere;
    public int OpenIndex;
}

/// <summary>One statement's walk over its tokens, filling one <see cref="ClassifiedStatement"/>.</summary>
internal ref struct StatementAnalyzer
{
    /// <summary>Deeper nesting than this makes the statement Unknown: the level state lives on the stack.</summary>
    public const int MaxDepth = 64;

    private const int MaxIdentifierBytes = 63; // NAMEDATALEN - 1: PostgreSQL truncates longer identifiers

    private readonly ReadOnlySpan<byte> _sql;
    private readonly StatementBatch _batch;
    private readonly Span<Token> _t;
    private readonly Span<Level> _levels;
    private readonly int _n;

    private int _depth;
    private int _excessDepth;
    private int _first;
    private int _leadDepth;
    private bool _unknown;
    private bool _anyQuery;
    private StatementKind _maxQuery;
    private bool _selectInto;
    private bool _cteWrite;
    private bool _dynamic;
    private bool _anyUpdateOrDelete;
    private bool _allWhere;
    private bool _topWhere;
    private Keyword _statementKeyword;
    private Keyword _objectKeyword;
    private bool _explainWithoutAnalyze;
    private bool _asStartUsed;
    private bool _onUsed;
    private bool _toUsed;
    private bool _armNextOpen;
    private int _referenceCount;
    private int _cteCount;

    public StatementAnalyzer(ReadOnlySpan<byte> sql, StatementBatch batch, int count, Span<Level> levels)
    {
        _sql = sql;
        _batch = batch;
        _t = batch.Tokens.AsSpan(0, count);
        _n = count;
        _levels = levels;
        _allWhere = true;
    }

    public void Run(bool unbalanced)
    {
        _unknown = unbalanced;
        _levels[0] = new Level { Lead = StatementKind.Unknown, OpenIndex = -1 };
        while (_first < _n && IsChar(_first, '('))
        {
            _first++;
        }

        _leadDepth = _first;
        var lead = _first < _n && _t[_first].Kind == TokenKind.Word ? LeadKind(_first, 0) : StatementKind.Unknown;
        if (lead == StatementKind.Unknown)
        {
            _unknown = true;
        }

        var i = 0;
        while (i < _n && !(_unknown && _excessDepth > 0))
        {
            i = Step(i);
        }

        while (_depth >= 0)
        {
            Finish(ref _levels[_depth]);
            _depth--;
        }

        if (!_unknown && CallsStringQueryFunction())
        {
            _dynamic = true;
            _unknown = true;
        }

        StatementKind kind;
        if (_unknown)
        {
            kind = StatementKind.Unknown;
        }
        else if (_explainWithoutAnalyze)
        {
            kind = StatementKind.Explain;
        }
        else
        {
            kind = lead;
            if (_anyQuery)
            {
                kind = StatementKinds.MoreDangerous(kind, _maxQuery);
            }

            if (_selectInto)
            {
                kind = StatementKinds.MoreDangerous(kind, StatementKind.Create);
            }
        }

        var start = _t[0].Start;
        ref readonly var last = ref _t[_n - 1];
        var statement = new ClassifiedStatement(
            kind,
            start,
            last.Start + last.Length - start,
            HasWhere: _anyUpdateOrDelete ? _allWhere : _topWhere,
            CteWrite: _cteWrite && !_explainWithoutAnalyze,
            Dynamic: _dynamic,
            Unknown: kind == StatementKind.Unknown);
        _batch.Add(statement, _referenceCount, _cteCount);
    }

    private int Step(int i)
    {
        ref var token = ref _t[i];
        if ((token.Flags & TokenFlags.Ambiguous) != 0)
        {
            _unknown = true;
        }

        switch (token.Kind)
        {
            case TokenKind.Punctuation:
                return Punctuation(i, token.Char);
            case TokenKind.Word:
            case TokenKind.QuotedIdentifier:
            case TokenKind.UnicodeQuotedIdentifier:
                if (token.Kind == TokenKind.Word && IsStatementStart(i))
                {
                    var next = StatementStart(i);
                    if (next >= 0)
                    {
                        return next;
                    }
                }

                ref var level = ref _levels[_depth];
                if (level.Armed)
                {
                    if (token.Kind != TokenKind.Word || !Keywords.IsReserved(token.Keyword))
                    {
                        return Capture(i, ref level);
                    }

                    // Reserved words that may stand between the keyword and the name.
                    if (token.Keyword is Keyword.Only or Keyword.Lateral or Keyword.Table or Keyword.Full or Keyword.Freeze
                        or Keyword.Verbose or Keyword.Analyze or Keyword.Analyse or Keyword.Concurrently or Keyword.Binary)
                    {
                        return i + 1;
                    }

                    Disarm(ref level);
                }

                return token.Kind == TokenKind.Word ? Trigger(i, ref level) : i + 1;
            case TokenKind.Unterminated:
                _unknown = true;
                return i + 1;
            default:
                Disarm(ref _levels[_depth]);
                return i + 1;
        }
    }

    private int Punctuation(int i, byte c)
    {
        switch (c)
        {
            case (byte)'(':
                Open(i);
                break;
            case (byte)')':
                Close();
                break;
            case (byte)',':
                ref var level = ref _levels[_depth];
                if (level.List is ListMode.Strict or ListMode.From)
                {
                    level.Armed = true;
                }

                break;
            case (byte)'*':
            case (byte)'.':
                break;
            default:
                Disarm(ref _levels[_depth]);
                break;
        }

        return i + 1;
    }

    private void Open(int i)
    {
        if (_excessDepth > 0 || _depth + 1 >= MaxDepth)
        {
            _excessDepth++;
            _unknown = true;
            return;
        }

        ref var parent = ref _levels[_depth];
        var fromItem = parent.Armed && parent.List == ListMode.From;

        // VACUUM (options) t, ANALYZE (options) t, CLUSTER (options) t: the name is still to come.
        if (parent.Armed && !fromItem && Kw(i - 1) is not (Keyword.Vacuum or Keyword.Analyze or Keyword.Analyse or Keyword.Cluster))
        {
            Disarm(ref parent);
        }

        if (fromItem)
        {
            parent.Armed = false;
        }

        _depth++;
        ref var level = ref _levels[_depth];
        level = new Level
        {
            Lead = StatementKind.Unknown,
            OpenIndex = i,
            IsCte = (_t[i].Flags & TokenFlags.CteBody) != 0,
        };
        if (_armNextOpen)
        {
            _armNextOpen = false;
            level.List = ListMode.Strict;
            level.Armed = true;
        }
        else if (fromItem)
        {
            // FROM (a JOIN b ON …) is a list of its own; FROM (SELECT …) is a subquery that starts below.
            level.Lead = StatementKind.Select;
            level.List = ListMode.From;
            level.Armed = Kw(i + 1) is not (Keyword.Select or Keyword.Values or Keyword.With or Keyword.Table);
        }
    }

    private void Close()
    {
        if (_excessDepth > 0)
        {
            _excessDepth--;
            return;
        }

        if (_depth == 0)
        {
            _unknown = true;
            return;
        }

        Finish(ref _levels[_depth]);
        _depth--;
    }

    private void Finish(ref Level level)
    {
        if (level.TracksWhere)
        {
            _anyUpdateOrDelete = true;
            _allWhere &= level.HasWhere;
        }
    }

    private bool IsStatementStart(int i)
    {
        if (i == _first || (_t[i].Flags & TokenFlags.StatementStart) != 0 || IsChar(i - 1, '('))
        {
            return true;
        }

        var previous = Kw(i - 1);
        if (previous == Keyword.As && !_asStartUsed && _depth == _leadDepth && _levels[_depth].Lead is StatementKind.Create or StatementKind.Prepare
            && (IsQueryKeyword(_t[i].Keyword) || _t[i].Keyword == Keyword.Execute))
        {
            // CREATE TABLE … AS <query>, CREATE VIEW … AS <query>, CREATE TABLE … AS EXECUTE.
            _asStartUsed = true;
            return true;
        }

        return (previous == Keyword.For && _statementKeyword == Keyword.Declare && _depth == _leadDepth)
            || previous is Keyword.Instead or Keyword.Also; // CREATE RULE … DO INSTEAD <statement>
    }

    /// <summary>Handles a statement's first word; -1 when the word turns out not to start one.</summary>
    private int StatementStart(int i)
    {
        var keyword = _t[i].Keyword;
        var primary = i == _first || (_t[i].Flags & TokenFlags.StatementStart) != 0;
        ref var level = ref _levels[_depth];
        switch (keyword)
        {
            case Keyword.Select:
            case Keyword.Values:
                level.Lead = StatementKind.Select;
                Raise(StatementKind.Select);
                return i + 1;
            case Keyword.Table:
                level.Lead = StatementKind.Select;
                Raise(StatementKind.Select);
                Arm(ref level, ListMode.Strict, CaptureContext.Plain);
                return i + 1;
            case Keyword.With:
                level.Lead = StatementKind.Select;
                if (!PrescanWith(i) && primary)
                {
                    _unknown = true;
                }

                return i + 1;
            case Keyword.Insert:
            case Keyword.Update:
            case Keyword.Delete:
            case Keyword.Merge:
                if (!primary && !HasWriteShape(i, keyword))
                {
                    return -1;
                }

                var kind = keyword switch
                {
                    Keyword.Insert => StatementKind.Insert,
                    Keyword.Update => StatementKind.Update,
                    Keyword.Delete => StatementKind.Delete,
                    _ => StatementKind.Merge,
                };
                level.Lead = kind;
                Raise(kind);
                _cteWrite |= level.IsCte;
                if (keyword is Keyword.Update or Keyword.Delete)
                {
                    level.TracksWhere = true;
                    level.HasWhere = false;
                }

                if (keyword == Keyword.Update)
                {
                    Arm(ref level, ListMode.Single, CaptureContext.Plain);
                }

                return i + 1;
            case Keyword.Execute:
                if (!primary && Kw(i - 1) != Keyword.As)
                {
                    return -1;
                }

                _dynamic = true;
                level.Lead = StatementKind.Execute;
                return i + 1;
            default:
                if (!primary)
                {
                    return -1;
                }

                level.Lead = LeadKindOf(keyword, Kw(i + 1));
                if (level.Lead == StatementKind.Unknown)
                {
                    _unknown = true;
                }

                switch (keyword)
                {
                    case Keyword.Copy:
                    case Keyword.Cluster:
                        Arm(ref level, ListMode.Single, CaptureContext.Plain);
                        break;
                    case Keyword.Truncate:
                    case Keyword.Lock:
                    case Keyword.Vacuum:
                    case Keyword.Analyze:
                    case Keyword.Analyse:
                        Arm(ref level, ListMode.Strict, CaptureContext.Plain);
                        break;
                    case Keyword.Do:
                        _dynamic = true;
                        break;
                }

                return i + 1;
        }
    }

    /// <summary>Whether the statement calls a function that runs a query named in a string (<see cref="StringQueryFunctions"/>).</summary>
    private readonly bool CallsStringQueryFunction()
    {
        for (var k = 0; k + 1 < _n; k++)
        {
            if (_t[k].Kind is TokenKind.Word or TokenKind.QuotedIdentifier && IsChar(k + 1, '(') && StringQueryFunctions.Is(_sql, _t[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A write keyword after '(' that really starts a statement, not a column named "update".</summary>
    private readonly bool HasWriteShape(int i, Keyword keyword) => keyword switch
    {
        Keyword.Insert or Keyword.Merge => Kw(i + 1) == Keyword.Into,
        Keyword.Delete => Kw(i + 1) == Keyword.From,
        _ => IsName(i + 1) || Kw(i + 1) == Keyword.Only,
    };

    private int Trigger(int i, ref Level level)
    {
        var keyword = _t[i].Keyword;
        if (level.List == ListMode.Strict)
        {
            level.List = ListMode.None;
        }
        else if (level.List == ListMode.From && EndsFromList(keyword))
        {
            level.List = ListMode.None;
        }

        switch (keyword)
        {
            case Keyword.From:
                if (AllowsFrom(level.Lead) && Kw(i - 1) != Keyword.Distinct)
                {
                    Arm(ref level, ListMode.From, CaptureContext.Plain);
                }

                break;
            case Keyword.Join:
                if (AllowsFrom(level.Lead))
                {
                    Arm(ref level, ListMode.From, CaptureContext.Plain);
                }

                break;
            case Keyword.Using:
                // DELETE … USING list, MERGE … USING source; JOIN … USING (columns) is followed by '('.
                if (level.Lead is StatementKind.Delete or StatementKind.Merge && !IsChar(i + 1, '('))
                {
                    Arm(ref level, ListMode.From, CaptureContext.Plain);
                }

                break;
            case Keyword.Into:
                if (Kw(i - 1) is Keyword.Insert or Keyword.Merge)
                {
                    Arm(ref level, ListMode.Single, CaptureContext.Plain);
                }
                else if (level.Lead == StatementKind.Select)
                {
                    // SELECT … INTO creates a table (PostgreSQL docs, SELECT INTO).
                    _selectInto = true;
                    Arm(ref level, ListMode.Single, CaptureContext.SelectInto);
                }

                break;
            case Keyword.Table:
                if (!IsChar(i + 1, '('))
                {
                    Arm(ref level, ListMode.Strict, CaptureContext.Plain);
                }

                break;
            case Keyword.View:
            case Keyword.Sequence:
                if (!IsQuery(level.Lead) && _depth == _leadDepth)
                {
                    Arm(ref level, ListMode.Strict, CaptureContext.Plain);
                }

                break;
            case Keyword.Index:
                // CREATE INDEX name ON table: the index name is not a table; ALTER/DROP/REINDEX INDEX name is a relation.
                if (!IsQuery(level.Lead) && _depth == _leadDepth && _statementKeyword != Keyword.Create)
                {
                    Arm(ref level, ListMode.Strict, CaptureContext.Plain);
                }

                break;
            case Keyword.On:
                if (_depth == _leadDepth && !_onUsed)
                {
                    if ((_statementKeyword == Keyword.Create && _objectKeyword is Keyword.Index or Keyword.Trigger or Keyword.Policy)
                        || (_statementKeyword == Keyword.Alter && _objectKeyword is Keyword.Trigger or Keyword.Policy or Keyword.Rule))
                    {
                        _onUsed = true;
                        Arm(ref level, ListMode.Single, CaptureContext.Plain);
                    }
                    else if (level.Lead is StatementKind.Grant or StatementKind.Revoke)
                    {
                        _onUsed = true;
                        Arm(ref level, ListMode.Strict, CaptureContext.GrantOn);
                    }
                    else if (_statementKeyword == Keyword.Cluster)
                    {
                        _onUsed = true;
                        Arm(ref level, ListMode.Single, CaptureContext.Plain);
                    }
                }

                break;
            case Keyword.To:
                // CREATE RULE name AS ON event TO table
                if (_statementKeyword == Keyword.Create && _objectKeyword == Keyword.Rule && _depth == _leadDepth && !_toUsed)
                {
                    _toUsed = true;
                    Arm(ref level, ListMode.Single, CaptureContext.Plain);
                }

                break;
            case Keyword.References:
                Arm(ref level, ListMode.Single, CaptureContext.Plain);
                break;
            case Keyword.Like:
                // CREATE TABLE t (LIKE source …); elsewhere LIKE is the operator.
                if (_statementKeyword == Keyword.Create && (IsChar(i - 1, '(') || IsChar(i - 1, ',')))
                {
                    Arm(ref level, ListMode.Single, CaptureContext.Plain);
                }

                break;
            case Keyword.Inherits:
                _armNextOpen = IsChar(i + 1, '(');
                break;
            case Keyword.Of:
                if (Kw(i - 1) == Keyword.Partition)
                {
                    Arm(ref level, ListMode.Single, CaptureContext.Plain);
                }
                else if (Kw(i - 1) is Keyword.Update or Keyword.Share && level.Lead == StatementKind.Select)
                {
                    // FOR UPDATE OF a, b
                    Arm(ref level, ListMode.Strict, CaptureContext.Plain);
                }

                break;
            case Keyword.Partition:
                if (Kw(i - 1) is Keyword.Attach or Keyword.Detach)
                {
                    Arm(ref level, ListMode.Single, CaptureContext.Plain);
                }

                break;
            case Keyword.Inherit:
                if (_statementKeyword == Keyword.Alter)
                {
                    Arm(ref level, ListMode.Single, CaptureContext.Plain);
                }

                break;
            case Keyword.Where:
                if (_depth == _leadDepth)
                {
                    _topWhere = true;
                }

                level.HasWhere |= level.TracksWhere;
                break;
            case Keyword.With:
                // INSERT INTO t WITH x AS (…) SELECT …: the WITH belongs to the inserted query.
                if (level.Lead == StatementKind.Insert)
                {
                    PrescanWith(i);
                }

                break;
            case Keyword.Type:
                // A composite type is a relation to PostgreSQL: CREATE TYPE name AS (…), ALTER TYPE name … ATTRIBUTE.
                if (_objectKeyword == Keyword.Type && _depth == _leadDepth && IsName(i + 1))
                {
                    var end = ReadName(i + 1);
                    if ((_statementKeyword == Keyword.Create && Kw(end) == Keyword.As && IsChar(end + 1, '('))
                        || (_statementKeyword == Keyword.Alter && Kw(end) is Keyword.Add or Keyword.Drop or Keyword.Alter or Keyword.Rename
                            && Kw(end + 1) == Keyword.Attribute))
                    {
                        AddTable(i + 1, end);
                        return end;
                    }
                }

                break;
            case Keyword.Limit:
                // IMPORT FOREIGN SCHEMA s LIMIT TO (tables) / EXCEPT (tables)
                if (_statementKeyword == Keyword.Import && Kw(i + 1) == Keyword.To && IsChar(i + 2, '('))
                {
                    _armNextOpen = true;
                }

                break;
            case Keyword.Except:
                if (_statementKeyword == Keyword.Import && IsChar(i + 1, '('))
                {
                    _armNextOpen = true;
                }

                break;
        }

        return i + 1;
    }

    private int Capture(int i, ref Level level)
    {
        var keyword = _t[i].Kind == TokenKind.Word ? _t[i].Keyword : Keyword.None;
        if (keyword == Keyword.If && Kw(i + 1) is Keyword.Not or Keyword.Exists)
        {
            var j = i + 1;
            if (Kw(j) == Keyword.Not)
            {
                j++;
            }

            return Kw(j) == Keyword.Exists ? j + 1 : j;
        }

        if (level.Context == CaptureContext.SelectInto && keyword is Keyword.Temp or Keyword.Temporary or Keyword.Unlogged
            && (IsName(i + 1) || Kw(i + 1) == Keyword.Table))
        {
            return i + 1;
        }

        if (level.Context == CaptureContext.GrantOn)
        {
            if (keyword == Keyword.Sequence && IsName(i + 1))
            {
                return i + 1;
            }

            if (keyword is Keyword.Function or Keyword.Procedure or Keyword.Routine or Keyword.Schema or Keyword.Database
                or Keyword.Domain or Keyword.Language or Keyword.Large or Keyword.Tablespace or Keyword.Type
                or Keyword.Parameter or Keyword.Server && IsWord(i + 1))
            {
                level.Armed = false;
                level.List = ListMode.None;
                return i + 1;
            }
        }

        if (level.List == ListMode.From && keyword == Keyword.Rows && Kw(i + 1) == Keyword.From)
        {
            // FROM ROWS FROM (f(), g()): functions, not tables.
            level.Armed = false;
            return i + 2;
        }

        var end = ReadName(i);
        level.Armed = false;
        if (level.List == ListMode.From && IsChar(end, '('))
        {
            return end; // a function in FROM
        }

        AddTable(i, end);
        if (level.List == ListMode.Single)
        {
            level.List = ListMode.None;
        }

        return end;
    }

    /// <summary>The index after a possibly qualified name starting at <paramref name="i"/>.</summary>
    private readonly int ReadName(int i)
    {
        var j = i;
        while (true)
        {
            j += _t[j].Kind == TokenKind.UnicodeQuotedIdentifier && Kw(j + 1) == Keyword.Uescape && j + 2 < _n && _t[j + 2].Kind == TokenKind.String ? 3 : 1;
            if (IsChar(j, '.') && IsWord(j + 1))
            {
                j++;
                continue;
            }

            return j;
        }
    }

    private bool PrescanWith(int i)
    {
        var j = i + 1;
        var recursive = false;
        if (Kw(j) == Keyword.Recursive)
        {
            recursive = true;
            j++;
        }

        var open = _levels[_depth].OpenIndex;
        var visibleTo = open >= 0 && _t[open].Match >= 0 ? _t[open].Match : _n;
        while (true)
        {
            if (!IsName(j))
            {
                return false;
            }

            var name = j++;
            if (IsChar(j, '('))
            {
                var columns = _t[j].Match;
                if (columns < 0)
                {
                    return false;
                }

                j = columns + 1;
            }

            if (Kw(j) != Keyword.As)
            {
                return false;
            }

            j++;
            if (Kw(j) == Keyword.Not)
            {
                j++;
            }

            if (Kw(j) == Keyword.Materialized)
            {
                j++;
            }

            if (!IsChar(j, '('))
            {
                return false;
            }

            var close = _t[j].Match;
            if (close < 0)
            {
                return false;
            }

            _t[j].Flags |= TokenFlags.CteBody;

            // A non-recursive CTE is visible after its own body; inside it, the name is the real table.
            AddCte(name, recursive ? i : close, visibleTo);
            j = close + 1;
            // SEARCH … SET column, CYCLE … USING column. Bounded, so that many WITH clauses cannot make the
            // walk quadratic.
            if (Kw(j) == Keyword.Search && !SkipPast(ref j, Keyword.Set))
            {
                return false;
            }

            if (Kw(j) == Keyword.Cycle && !SkipPast(ref j, Keyword.Using))
            {
                return false;
            }

            if (IsChar(j, ','))
            {
                j++;
                continue;
            }

            if (j >= _n)
            {
                return false;
            }

            _t[j].Flags |= TokenFlags.StatementStart;
            return true;
        }
    }

    private readonly bool SkipPast(ref int j, Keyword keyword)
    {
        for (var limit = j + 64; j < _n && j < limit; j++)
        {
            if (Kw(j) == keyword)
            {
                j += 2;
                return true;
            }
        }

        return false;
    }

    /// <summary>The kind the statement's first word gives it, looking ahead where the word alone does not say.</summary>
    private StatementKind LeadKind(int i, int nesting)
    {
        var keyword = _t[i].Keyword;
        _statementKeyword = keyword;
        switch (keyword)
        {
            case Keyword.Rollback:
                {
                    var j = i + 1;
                    while (Kw(j) is Keyword.Work or Keyword.Transaction)
                    {
                        j++;
                    }

                    return Kw(j) == Keyword.To ? StatementKind.Savepoint : StatementKind.Rollback;
                }

            case Keyword.Create:
                {
                    var j = i + 1;
                    while (Kw(j) is Keyword.Or or Keyword.Replace or Keyword.Unique or Keyword.Temp or Keyword.Temporary
                        or Keyword.Unlogged or Keyword.Global or Keyword.Local or Keyword.Constraint or Keyword.Materialized
                        or Keyword.Recursive or Keyword.Foreign)
                    {
                        j++;
                    }

                    _objectKeyword = Kw(j);
                    return StatementKind.Create;
                }

            case Keyword.Alter:
                _objectKeyword = Kw(i + 1) is Keyword.Materialized or Keyword.Foreign ? Kw(i + 2) : Kw(i + 1);
                return StatementKind.Alter;
            case Keyword.Explain:
                return nesting > 2 ? StatementKind.Unknown : Explain(i, nesting);
            case Keyword.Prepare:
                return nesting > 2 ? StatementKind.Unknown : Prepare(i, nesting);
            case Keyword.Execute:
            case Keyword.Do:
                _dynamic = true;
                return LeadKindOf(keyword, Kw(i + 1));
            default:
                return LeadKindOf(keyword, Kw(i + 1));
        }
    }

    private static StatementKind LeadKindOf(Keyword keyword, Keyword next) => keyword switch
    {
        Keyword.Select or Keyword.Values or Keyword.Table or Keyword.With => StatementKind.Select,
        Keyword.Insert => StatementKind.Insert,
        Keyword.Update => StatementKind.Update,
        Keyword.Delete => StatementKind.Delete,
        Keyword.Merge => StatementKind.Merge,
        Keyword.Copy => StatementKind.Copy,
        Keyword.Create => StatementKind.Create,
        Keyword.Alter => StatementKind.Alter,
        Keyword.Drop => StatementKind.Drop,
        Keyword.Truncate => StatementKind.Truncate,
        Keyword.Grant => StatementKind.Grant,
        Keyword.Revoke => StatementKind.Revoke,
        Keyword.Begin or Keyword.Start => StatementKind.Begin,
        Keyword.Commit or Keyword.End => StatementKind.Commit,
        Keyword.Rollback or Keyword.Abort => StatementKind.Rollback,
        Keyword.Savepoint or Keyword.Release => StatementKind.Savepoint,

        // RESET undoes a SET: the closest kind, and PostgreSQL parses both into one node.
        Keyword.Set or Keyword.Reset => StatementKind.Set,
        Keyword.Show => StatementKind.Show,
        Keyword.Explain => StatementKind.Explain,

        // PREPARE TRANSACTION is the first phase of a two-phase commit.
        Keyword.Prepare => next == Keyword.Transaction ? StatementKind.Commit : StatementKind.Prepare,
        Keyword.Execute => StatementKind.Execute,
        Keyword.Call => StatementKind.Call,
        Keyword.Do => StatementKind.Do,
        Keyword.Vacuum => StatementKind.Vacuum,
        Keyword.Analyze or Keyword.Analyse => StatementKind.Analyze,
        Keyword.Lock => StatementKind.Lock,
        Keyword.Listen or Keyword.Unlisten => StatementKind.Listen,
        Keyword.Notify => StatementKind.Notify,
        Keyword.Deallocate or Keyword.Reindex or Keyword.Cluster or Keyword.Checkpoint or Keyword.Discard or Keyword.Comment
            or Keyword.Security or Keyword.Refresh or Keyword.Import or Keyword.Load or Keyword.Declare or Keyword.Fetch
            or Keyword.Move or Keyword.Close or Keyword.Reassign => StatementKind.Other,
        _ => StatementKind.Unknown,
    };

    /// <summary>
    /// EXPLAIN ANALYZE runs the statement, so it is classified as what it runs; plain EXPLAIN only plans.
    /// ANALYZE counts as on unless its value is literally false, off or 0.
    /// </summary>
    private StatementKind Explain(int i, int nesting)
    {
        var j = i + 1;
        var analyze = false;
        if (IsChar(j, '('))
        {
            var close = _t[j].Match;
            if (close < 0)
            {
                return StatementKind.Unknown;
            }

            var optionStart = true;
            for (var k = j + 1; k < close; k++)
            {
                if (optionStart && Kw(k) is Keyword.Analyze or Keyword.Analyse)
                {
                    analyze |= !IsFalse(k + 1);
                }

                optionStart = IsChar(k, ',');
            }

            j = close + 1;
        }
        else
        {
            while (Kw(j) is Keyword.Analyze or Keyword.Analyse or Keyword.Verbose)
            {
                analyze |= Kw(j) != Keyword.Verbose;
                j++;
            }
        }

        if (j >= _n || _t[j].Kind != TokenKind.Word)
        {
            return StatementKind.Unknown;
        }

        _t[j].Flags |= TokenFlags.StatementStart;
        var inner = LeadKind(j, nesting + 1);
        if (analyze)
        {
            return inner;
        }

        _explainWithoutAnalyze = true;
        return StatementKind.Explain;
    }

    private readonly bool IsFalse(int i)
    {
        if (i >= _n)
        {
            return false;
        }

        ref readonly var token = ref _t[i];
        var text = _sql.Slice(token.Start, token.Length);
        return token.Kind switch
        {
            TokenKind.Word => token.Keyword is Keyword.False or Keyword.Off,
            TokenKind.Number => text.SequenceEqual("0"u8),
            TokenKind.String => text.Length >= 2 && text[0] == '\'' && IsFalseText(text[1..^1]),
            _ => false,
        };
    }

    private static bool IsFalseText(ReadOnlySpan<byte> text)
        => Ascii.EqualsIgnoreCase(text, "false"u8) || Ascii.EqualsIgnoreCase(text, "off"u8) || text.SequenceEqual("0"u8);

    /// <summary>PREPARE name [(types)] AS statement: dynamic, and never less dangerous than the statement it prepares.</summary>
    private StatementKind Prepare(int i, int nesting)
    {
        var j = i + 1;
        if (Kw(j) == Keyword.Transaction)
        {
            return StatementKind.Commit;
        }

        _dynamic = true;
        if (!IsName(j))
        {
            return StatementKind.Unknown;
        }

        j++;
        if (IsChar(j, '('))
        {
            var close = _t[j].Match;
            if (close < 0)
            {
                return StatementKind.Unknown;
            }

            j = close + 1;
        }

        if (Kw(j) != Keyword.As || j + 1 >= _n || _t[j + 1].Kind != TokenKind.Word)
        {
            return StatementKind.Unknown;
        }

        _t[j + 1].Flags |= TokenFlags.StatementStart;
        var inner = LeadKind(j + 1, nesting + 1);
        return StatementKinds.MoreDangerous(StatementKind.Prepare, inner);
    }

    private void Raise(StatementKind kind)
    {
        if (!_anyQuery || StatementKinds.DangerRank(kind) > StatementKinds.DangerRank(_maxQuery))
        {
            _maxQuery = kind;
            _anyQuery = true;
        }
    }

    private static void Arm(ref Level level, ListMode mode, CaptureContext context)
    {
        level.List = mode;
        level.Armed = true;
        level.Context = context;
    }

    private static void Disarm(ref Level level)
    {
        level.Armed = false;
        if (level.List == ListMode.Single)
        {
            level.List = ListMode.None;
        }
    }

    private static bool AllowsFrom(StatementKind lead)
        => lead is StatementKind.Select or StatementKind.Insert or StatementKind.Update or StatementKind.Delete
            or StatementKind.Merge or StatementKind.Create;

    private static bool IsQuery(StatementKind lead)
        => lead is StatementKind.Select or StatementKind.Insert or StatementKind.Update or StatementKind.Delete or StatementKind.Merge;

    private static bool IsQueryKeyword(Keyword keyword)
        => keyword is Keyword.Select or Keyword.Values or Keyword.Table or Keyword.With or Keyword.Insert or Keyword.Update
            or Keyword.Delete or Keyword.Merge;

    private static bool EndsFromList(Keyword keyword)
        => keyword is Keyword.Where or Keyword.Group or Keyword.Having or Keyword.Window or Keyword.Order or Keyword.Limit
            or Keyword.Offset or Keyword.Fetch or Keyword.For or Keyword.Union or Keyword.Intersect or Keyword.Except
            or Keyword.Returning or Keyword.Set or Keyword.Values or Keyword.Select or Keyword.Into or Keyword.When
            or Keyword.Then or Keyword.Do;

    private readonly Keyword Kw(int i) => (uint)i < (uint)_n && _t[i].Kind == TokenKind.Word ? _t[i].Keyword : Keyword.None;

    private readonly bool IsChar(int i, char c) => (uint)i < (uint)_n && _t[i].Kind == TokenKind.Punctuation && _t[i].Char == c;

    private readonly bool IsWord(int i)
        => (uint)i < (uint)_n && _t[i].Kind is TokenKind.Word or TokenKind.QuotedIdentifier or TokenKind.UnicodeQuotedIdentifier;

    /// <summary>A token that can be a table name: an identifier that is not a reserved word.</summary>
    private readonly bool IsName(int i)
        => IsWord(i) && (_t[i].Kind != TokenKind.Word || !Keywords.IsReserved(_t[i].Keyword));

    private void AddTable(int first, int end)
    {
        var name = Normalize(first, end, out var unqualified, out var hash);
        ref var references = ref _batch.References;
        if (_referenceCount == references.Length)
        {
            Array.Resize(ref references, _referenceCount * 2);
        }

        references[_referenceCount++] = new TableReference { Name = name, Hash = hash, Token = first, Unqualified = unqualified };
    }

    private void AddCte(int token, int visibleFrom, int visibleTo)
    {
        var name = Normalize(token, ReadName(token), out _, out _);
        ref var ctes = ref _batch.Ctes;
        if (_cteCount == ctes.Length)
        {
            Array.Resize(ref ctes, _cteCount * 2);
        }

        ctes[_cteCount++] = new CteName { Name = name, VisibleFrom = visibleFrom, VisibleTo = visibleTo };
    }

    /// <summary>
    /// The name as PostgreSQL resolves it: unquoted parts folded to lower case (ASCII only, as PostgreSQL does
    /// for multi-byte encodings), quoted parts as written, each truncated to 63 bytes, joined with '.'. A
    /// database-qualified name (`shop.public.orders`) loses its first part: PostgreSQL refuses any database but the
    /// current one, so it names the same table as `public.orders`.
    /// </summary>
    private readonly string Normalize(int first, int end, out bool unqualified, out int hash)
    {
        ref var buffer = ref _batch.NameBuffer;
        var length = 0;
        var parts = 0;
        var secondPart = 0;
        for (var k = first; k < end; k++)
        {
            ref readonly var token = ref _t[k];
            if (token.Kind == TokenKind.Punctuation)
            {
                continue;
            }

            if (token.Kind == TokenKind.Word && token.Keyword == Keyword.Uescape)
            {
                k++; // UESCAPE 'c' belongs to the U&"…" before it
                continue;
            }

            var text = _sql.Slice(token.Start, token.Length);
            var needed = length + text.Length + 1;
            if (needed > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
            }

            if (parts++ > 0)
            {
                buffer[length++] = (byte)'.';
                secondPart = parts == 2 ? length : secondPart;
            }

            var partStart = length;
            var output = buffer.AsSpan(length);
            var written = token.Kind switch
            {
                TokenKind.Word => Lower(text, output),
                TokenKind.QuotedIdentifier => Undouble(text[1..^1], output),
                _ => Unicode(text[3..^1], EscapeCharacter(k), output),
            };
            length = partStart + Clip(buffer.AsSpan(partStart, written));
        }

        unqualified = parts == 1;
        var start = parts == 3 ? secondPart : 0;
        return _batch.Names.Get(buffer.AsSpan(start, length - start), out hash);
    }

    private readonly byte EscapeCharacter(int k)
    {
        if (Kw(k + 1) == Keyword.Uescape && k + 2 < _n && _t[k + 2].Kind == TokenKind.String && _t[k + 2].Length == 3)
        {
            return _sql[_t[k + 2].Start + 1];
        }

        return (byte)'\\';
    }

    internal static int Lower(ReadOnlySpan<byte> text, Span<byte> output)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            output[i] = c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c | 0x20) : c;
        }

        return text.Length;
    }

    internal static int Undouble(ReadOnlySpan<byte> text, Span<byte> output)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            output[length++] = text[i];
            if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
            {
                i++;
            }
        }

        return length;
    }

    /// <summary>U&amp;"…" (PostgreSQL docs 4.1.1): escape + 4 hex digits, escape + '+' + 6 hex digits, escape doubled.</summary>
    internal static int Unicode(ReadOnlySpan<byte> text, byte escape, Span<byte> output)
    {
        var length = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
            {
                output[length++] = c;
                i += 2;
                continue;
            }

            if (c != escape || i + 1 >= text.Length)
            {
                output[length++] = c;
                i++;
                continue;
            }

            if (text[i + 1] == escape)
            {
                output[length++] = escape;
                i += 2;
                continue;
            }

            var digits = text[i + 1] == '+' ? 6 : 4;
            var hexStart = i + (digits == 6 ? 2 : 1);
            if (hexStart + digits > text.Length || !TryHex(text.Slice(hexStart, digits), out var codePoint))
            {
                output[length++] = c;
                i++;
                continue;
            }

            i = hexStart + digits;
            if (codePoint is >= 0xD800 and <= 0xDBFF && i + 5 <= text.Length && text[i] == escape && TryHex(text.Slice(i + 1, 4), out var low)
                && low is >= 0xDC00 and <= 0xDFFF)
            {
                codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
                i += 5;
            }

            if (!Rune.TryCreate(codePoint, out var rune))
            {
                rune = Rune.ReplacementChar;
            }

            // An escape takes at least 5 bytes of input and yields at most 4, so the output keeps up.
            length += rune.EncodeToUtf8(output[length..]);
        }

        return length;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            int v;
            if (d is >= (byte)'0' and <= (byte)'9')
            {
                v = d - '0';
            }
            else if ((d | 0x20) is >= (byte)'a' and <= (byte)'f')
            {
                v = (d | 0x20) - 'a' + 10;
            }
            else
            {
                return false;
            }

            value = (value << 4) | v;
        }

        return true;
    }

    /// <summary>Truncates to 63 bytes without splitting a UTF-8 character, as PostgreSQL's truncate_identifier does.</summary>
    internal static int Clip(ReadOnlySpan<byte> part)
    {
        if (part.Length <= MaxIdentifierBytes)
        {
            return part.Length;
        }

        var length = MaxIdentifierBytes;
        while (length > 0 && (part[length] & 0xC0) == 0x80)
        {
            length--;
        }

        return length;
    }
}
