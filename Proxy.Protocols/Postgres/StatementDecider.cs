using System.Buffers;
using System.Text;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.SessionLog;
using Proxy.Protocols.Postgres.Framing;
using Proxy.Protocols.Postgres.Masking;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Protocols.Postgres;

/// <summary>
/// One session's statement decisions: classify the SQL text, decide each statement with the current policy, and
/// compile its masks. Client loop only. Clients send the same statement text again and again (the unnamed Parse
/// of every execution in the extended protocol, a pool's warm-up queries), so the last text and table list are
/// kept and given out again when the next statement's bytes are the same: its record then shares their strings.
/// A repeat of the last single statement under everything its decision depended on is not decided again at all
/// (see <see cref="Repeat"/>).
/// </summary>
internal sealed class StatementDecider(PostgresHandler handler, SessionSources sources)
{
    private readonly StatementBatch _batch = new();

    private LastBytes _lastBytes;
    private string _lastText = string.Empty;
    private string[] _lastTables = [];

    private readonly Repeat _repeat = new();

    /// <summary>
    /// The record of the last decision made here: a session's statements mostly get the same decision (pgbench -M
    /// simple sends a new text every time), and their records then share one.
    /// </summary>
    private StatementDecision? _lastRecord;
    private PolicyDecision _lastRecordOf;

    /// <summary>The session's cursors and SQL-prepared statements: a FETCH or EXECUTE of one is decided with its tables.</summary>
    public SessionSources Sources => sources;

    /// <summary>
    /// Classifies and decides every statement of <paramref name="sql"/>, each with the session's fields of
    /// <paramref name="who"/>. <paramref name="refusal"/> is the error for the first refused statement, null when
    /// all may run. <paramref name="changes"/>, by statement, what each does to the session's named sources should
    /// the server run it (null when none does): the caller hands them to <see cref="SessionSources.Sent"/> as it
    /// forwards the statements. <paramref name="readsSource"/>: whether one reads a cursor or prepared statement by name.
    /// </summary>
    public StatementRun[] Decide(ReadOnlySequence<byte> sql, in PolicyInput who, bool ambiguousEncoding, out ErrorFields? refusal, out SourceChange?[]? changes, out bool readsSource)
    {
        refusal = null;
        changes = null;
        readsSource = false;
        var bytes = sql.IsSingleSegment ? sql.FirstSpan : sql.ToArray();
        var policy = handler.Services.Policy.Current;
        var clock = PolicyClock.Local();
        if (_repeat.Matches(bytes, policy, who, ambiguousEncoding, clock) is { } repeated)
        {
            refusal = _repeat.Refusal;
            return [repeated.Copy()];
        }

        SqlClassifier.Classify(bytes, _batch);
        var multi = _batch.Count > 1;
        var runs = new StatementRun[_batch.Count];
        for (var i = 0; i < _batch.Count; i++)
        {
            var statement = _batch[i];
            var statementBytes = bytes.Slice(statement.Start, statement.Length);
            var text = Text(statementBytes);
            var unknown = statement.Unknown || ambiguousEncoding;
            var kind = StatementKinds.Name(unknown ? StatementKind.Unknown : statement.Kind);
            var tables = Tables(_batch.Tables(i));
            if (statement.Kind is StatementKind.Other or StatementKind.Create || statement.Dynamic)
            {
                var change = ChangeOf(statementBytes, ref tables, changes, i, ref readsSource, ref unknown);
                if (change is not null)
                {
                    (changes ??= new SourceChange?[_batch.Count])[i] = change;
                }
            }

            var input = Input(who, text, kind, tables, statement.HasWhere, multi, statement.CteWrite, statement.Dynamic, unknown, clock);
            var decision = policy.Decide(input);
            var refused = RefusalFor(decision);
            var masks = refused is null ? MasksFor(decision, out refused) : null;
            refusal ??= refused;
            runs[i] = new StatementRun(text, kind, tables, decision, refused is not null, RecordOf(decision)) { Masks = masks };
        }

        // Only a single statement the classifier read with certainty, that neither changes nor reads a named source:
        // a repeat of it must mean nothing but another run of the same decision.
        if (runs is [{ Kind: not "unknown" and not "other" } run] && changes is null && !readsSource)
        {
            _repeat.Keep(bytes, policy, who, ambiguousEncoding, clock, run, refusal);
        }
        else
        {
            _repeat.Forget();
        }

        return runs;
    }

    /// <summary>
    /// What statement <paramref name="index"/> of a Query (its bytes <paramref name="statement"/>) does with a named
    /// source. A read of one adds the source's tables to <paramref name="tables"/>: those of a definition earlier in
    /// the same Query (which the server runs first), else the session's; a source the proxy never saw defined (a
    /// cursor a function opened) makes the statement <paramref name="unknown"/>, as nothing says what it reads. A
    /// definition or drop is returned as the change it makes, null otherwise.
    /// </summary>
    private SourceChange? ChangeOf(ReadOnlySpan<byte> statement, ref string[] tables, SourceChange?[]? earlier, int index, ref bool readsSource, ref bool unknown)
    {
        switch (NamedSource.Read(statement, out var name))
        {
            case SourceUse.DeclaresCursor:
                return new SourceChange(SourceChangeKind.DeclaresCursor, name, tables);
            case SourceUse.PreparesStatement:
                return new SourceChange(SourceChangeKind.PreparesStatement, name, tables);
            case SourceUse.ReadsCursor:
                readsSource = true;
                var cursor = DefinedEarlier(earlier, index, SourceChangeKind.DeclaresCursor, name!);
                unknown |= cursor is null && !sources.DeclaredCursor(name!);
                tables = SessionSources.Union(tables, cursor ?? sources.TablesOfCursor(name!));
                return null;
            case SourceUse.ExecutesStatement:
                readsSource = true;
                var prepared = DefinedEarlier(earlier, index, SourceChangeKind.PreparesStatement, name!);
                unknown |= prepared is null && !sources.Prepared(name!);
                tables = SessionSources.Union(tables, prepared ?? sources.TablesOfPrepared(name!));
                return null;
        }

        return PreparedStatementDrop.Read(statement, out name) switch
        {
            DroppedStatements.One => new SourceChange(SourceChangeKind.DropsStatement, name, []),
            DroppedStatements.All => new SourceChange(SourceChangeKind.DropsAllStatements, null, []),
            _ => null,
        };
    }

    /// <summary>
    /// The record of <paramref name="decision"/>: the last one's when it records the same verdict, rule, tags and
    /// audit hits (the policy hands out the same lists for the same contributions, so references are compared).
    /// </summary>
    private StatementDecision RecordOf(in PolicyDecision decision)
    {
        if (_lastRecord is null
            || decision.Verdict != _lastRecordOf.Verdict
            || !ReferenceEquals(decision.RuleId, _lastRecordOf.RuleId)
            || !ReferenceEquals(decision.LogTags, _lastRecordOf.LogTags)
            || !ReferenceEquals(decision.AuditHits, _lastRecordOf.AuditHits))
        {
            _lastRecord = StatementRun.RecordOf(decision);
            _lastRecordOf = decision;
        }

        return _lastRecord;
    }

    /// <summary>The tables of the last source of that name a statement before <paramref name="index"/> in the same Query defined; null when none did.</summary>
    private static string[]? DefinedEarlier(SourceChange?[]? changes, int index, SourceChangeKind definition, string name)
    {
        for (var i = index - 1; i >= 0 && changes is not null; i--)
        {
            if (changes[i] is { } change && change.Kind == definition && change.Name == name)
            {
                return change.Tables;
            }
        }

        return null;
    }

    /// <summary>
    /// Decides a statement whose text the proxy makes up (a FunctionCall, a statement or portal it has not seen
    /// defined), with the <paramref name="tables"/> known to be behind it. <paramref name="unknown"/>: what it runs
    /// cannot be read (false for a name the proxy saw defined).
    /// </summary>
    public PolicyDecision Decide(in PolicyInput who, string text, string kind, bool dynamic, string[]? tables = null, bool unknown = true) =>
        handler.Services.Policy.Current.Decide(Input(who, text, kind, tables ?? [], where: false, multi: false, cteWrite: false, dynamic, unknown, PolicyClock.Local()));

    /// <summary>The error a refused statement gets, or null when the decision lets it run (an approval is asked for when it is sent).</summary>
    public ErrorFields? RefusalFor(in PolicyDecision decision) => decision.Verdict switch
    {
        Verdict.Block => new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege, RefusalText(decision)),

        // Approvals need someone to ask: without a broker (a handler built without one) the statement is refused.
        Verdict.Approve when handler.Services.Approvals is null => new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege,
            $"statement needs approval by \"{decision.Approval?.By}\" (policy rule {decision.RuleId}); approvals are not available on this listener",
            Hint: decision.Message?.Replace('\0', '\uFFFD')),

        _ => null,
    };

    /// <summary>A zero cannot travel in a String field (the writer refuses it), so one in a rule's message is shown as U+FFFD.</summary>
    public static string RefusalText(in PolicyDecision decision) =>
        (decision.Message is { Length: > 0 } message
            ? $"blocked by policy rule {decision.RuleId ?? "default"}: {message}"
            : $"blocked by policy rule {decision.RuleId ?? "default"}").Replace('\0', '\uFFFD');

    /// <summary>The compiled masks of a decision, or null when it has none; <paramref name="refusal"/> when they cannot be compiled.</summary>
    public StatementMasks? MasksFor(in PolicyDecision decision, out ErrorFields? refusal)
    {
        refusal = null;
        if (decision.Masks.Count == 0)
        {
            return null;
        }

        try
        {
            return new StatementMasks(handler.Masking.Plan(decision.Masks));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            refusal = new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege,
                $"the statement's masks cannot be applied ({ex.Message}); it is refused rather than answered unmasked");
            return null;
        }
    }

    /// <summary>
    /// The last single statement decided and everything its decision depended on: its bytes, the policy, the
    /// session's fields, whether the encoding was ambiguous and the local hour and weekday. The unnamed Parse of
    /// every execution in the extended protocol repeats them all; it then gets a copy of the kept run (its own
    /// state and mask counts, the same decision and record) without being classified, decided and planned again.
    /// Kept in place, so that a statement that does not repeat (a new literal in every Query) allocates nothing here.
    /// </summary>
    private sealed class Repeat
    {
        private LastBytes _bytes;
        private CompiledPolicy? _policy;
        private PolicyInput _who;
        private bool _ambiguousEncoding;
        private (int Hour, DayOfWeek Weekday) _clock;
        private StatementRun? _run;

        public ErrorFields? Refusal { get; private set; }

        /// <summary>The kept run when <paramref name="bytes"/> repeat it under the same conditions; null otherwise.</summary>
        public StatementRun? Matches(ReadOnlySpan<byte> bytes, CompiledPolicy policy, in PolicyInput who, bool ambiguousEncoding, (int Hour, DayOfWeek Weekday) clock) =>
            _run is not null && ReferenceEquals(policy, _policy) && ambiguousEncoding == _ambiguousEncoding && clock == _clock
            && _bytes.Equals(bytes) && who.Equals(_who)
                ? _run
                : null;

        /// <summary>
        /// Keeps <paramref name="run"/> itself: <see cref="StatementRun.Copy"/> takes only what no run changes (its
        /// text, decision, record and mask plan). Long texts are not kept (<see cref="LastBytes"/>).
        /// </summary>
        public void Keep(ReadOnlySpan<byte> bytes, CompiledPolicy policy, in PolicyInput who, bool ambiguousEncoding, (int Hour, DayOfWeek Weekday) clock, StatementRun run, ErrorFields? refusal)
        {
            if (!_bytes.TryKeep(bytes))
            {
                Forget();
                return;
            }

            _policy = policy;
            _who = who;
            _ambiguousEncoding = ambiguousEncoding;
            _clock = clock;
            _run = run;
            Refusal = refusal;
        }

        public void Forget()
        {
            _run = null;
            _policy = null;
            _who = default;
            Refusal = null;
        }
    }

    private static PolicyInput Input(in PolicyInput who, string text, string kind, IReadOnlyList<string> tables, bool where, bool multi, bool cteWrite, bool dynamic, bool unknown, (int Hour, DayOfWeek Weekday) clock)
    {
        var (hour, weekday) = clock;
        return who with
        {
            SqlText = text,
            SqlKind = kind,
            SqlTables = tables,
            SqlWhere = where,
            SqlMulti = multi,
            SqlCteWrite = cteWrite,
            SqlDynamic = dynamic,
            SqlUnknown = unknown,
            TimeHour = hour,
            TimeWeekday = weekday,
        };
    }

    /// <summary>The statement's text: the last one's string when the bytes are the same.</summary>
    private string Text(ReadOnlySpan<byte> statement)
    {
        if (_lastBytes.Equals(statement))
        {
            return _lastText;
        }

        var text = Encoding.UTF8.GetString(statement);
        if (_lastBytes.TryKeep(statement))
        {
            _lastText = text;
        }

        return text;
    }

    /// <summary>The statement's tables: the last list when it names the same ones.</summary>
    private string[] Tables(ReadOnlySpan<string> names)
    {
        if (names.IsEmpty)
        {
            return [];
        }

        if (names.SequenceEqual(_lastTables))
        {
            return _lastTables;
        }

        return _lastTables = names.ToArray();
    }

    /// <summary>
    /// A copy of the last bytes seen, in a buffer reused from one to the next. Long texts (a bulk INSERT) are not
    /// kept: comparing them costs more than a repeat would save.
    /// </summary>
    private struct LastBytes
    {
        private const int Longest = 4096;

        private byte[]? _buffer;
        private int _length;

        public readonly bool Equals(ReadOnlySpan<byte> bytes) =>
            _buffer is not null && bytes.SequenceEqual(_buffer.AsSpan(0, _length));

        /// <summary>Keeps <paramref name="bytes"/>; false, keeping the last ones, when they are too long to.</summary>
        public bool TryKeep(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > Longest)
            {
                return false;
            }

            if (_buffer is null || _buffer.Length < bytes.Length)
            {
                _buffer = new byte[Math.Max(bytes.Length, 256)];
            }

            bytes.CopyTo(_buffer);
            _length = bytes.Length;
            return true;
        }
    }
}
