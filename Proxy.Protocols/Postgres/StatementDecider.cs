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
internal sealed class StatementDecider(PostgresHandler handler, Action<DroppedStatements, string?>? dropped = null)
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

    /// <summary>
    /// The tables of each cursor and SQL-prepared statement this session defined, by name (see <see cref="NamedSource"/>):
    /// a FETCH, EXECUTE or protocol Bind of one is decided with them. Kept until redefined (cursors) or dropped in SQL
    /// (statements); a stale entry only adds tables. Created at the first definition.
    /// </summary>
    private Dictionary<string, string[]>? _cursors;
    private Dictionary<string, string[]>? _prepared;

    /// <summary>The tables of the cursor <paramref name="name"/> as its DECLARE named them; none when this session did not declare it.</summary>
    public string[] TablesOfCursor(string name) => _cursors?.GetValueOrDefault(name) ?? [];

    /// <summary>The tables of the statement SQL PREPARE named <paramref name="name"/>; none when this session did not prepare it.</summary>
    public string[] TablesOfPrepared(string name) => _prepared?.GetValueOrDefault(name) ?? [];

    /// <summary>
    /// Classifies and decides every statement of <paramref name="sql"/>, each with the session's fields of
    /// <paramref name="who"/>. <paramref name="refusal"/> is the error for the first refused statement, null when
    /// all may run.
    /// </summary>
    public StatementRun[] Decide(ReadOnlySequence<byte> sql, in PolicyInput who, bool ambiguousEncoding, out ErrorFields? refusal)
    {
        refusal = null;
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
        List<(DroppedStatements What, string? Name)>? drops = null;
        List<(SourceUse Use, string Name, string[] Tables)>? sources = null;
        for (var i = 0; i < _batch.Count; i++)
        {
            var statement = _batch[i];
            var statementBytes = bytes.Slice(statement.Start, statement.Length);
            var text = Text(statementBytes);
            var unknown = statement.Unknown || ambiguousEncoding;
            var kind = StatementKinds.Name(unknown ? StatementKind.Unknown : statement.Kind);
            var tables = Tables(_batch.Tables(i));
            if ((statement.Kind == StatementKind.Other || statement.Dynamic) && NamedSource.Read(statementBytes, out var source) is var use and not SourceUse.None)
            {
                var defined = use switch
                {
                    SourceUse.ReadsCursor => DefinedEarlier(sources, SourceUse.DeclaresCursor, source!) ?? TablesOfCursor(source!),
                    SourceUse.ExecutesStatement => DefinedEarlier(sources, SourceUse.PreparesStatement, source!) ?? TablesOfPrepared(source!),
                    _ => [],
                };
                tables = defined.Length == 0 ? tables : [.. tables.Union(defined, StringComparer.Ordinal)];
                (sources ??= []).Add((use, source!, tables));
            }

            var input = Input(who, text, kind, tables, statement.HasWhere, multi, statement.CteWrite, statement.Dynamic, unknown, clock);
            var decision = policy.Decide(input);
            var refused = RefusalFor(decision);
            var masks = refused is null ? MasksFor(decision, out refused) : null;
            refusal ??= refused;
            runs[i] = new StatementRun(text, kind, tables, decision, refused is not null, RecordOf(decision)) { Masks = masks };
            if (statement.Kind == StatementKind.Other && dropped is not null
                && PreparedStatementDrop.Read(statementBytes, out var name) is var what and not DroppedStatements.None)
            {
                (drops ??= []).Add((what, name));
            }
        }

        // Only what will be sent drops or defines anything: one refused statement keeps the whole Query from the server.
        if (refusal is null && drops is not null)
        {
            foreach (var (what, name) in drops)
            {
                dropped!(what, name);
                if (what == DroppedStatements.One)
                {
                    _prepared?.Remove(name!);
                }
                else
                {
                    _prepared?.Clear();
                }
            }
        }

        if (refusal is null && sources is not null)
        {
            foreach (var (use, name, tables) in sources)
            {
                switch (use)
                {
                    case SourceUse.DeclaresCursor:
                        (_cursors ??= new(StringComparer.Ordinal))[name] = tables;
                        break;
                    case SourceUse.PreparesStatement:
                        (_prepared ??= new(StringComparer.Ordinal))[name] = tables;
                        break;
                }
            }
        }

        // Only a single statement the classifier read with certainty, that drops nothing and names no source of
        // rows: a repeat of it must mean nothing but another run of the same decision.
        if (runs is [{ Kind: not "unknown" and not "other" } run] && drops is null && sources is null)
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

    /// <summary>The tables of the last source of that name an earlier statement of the same Query defined; null when none did.</summary>
    private static string[]? DefinedEarlier(List<(SourceUse Use, string Name, string[] Tables)>? sources, SourceUse definition, string name)
    {
        for (var i = (sources?.Count ?? 0) - 1; i >= 0; i--)
        {
            if (sources![i].Use == definition && sources[i].Name == name)
            {
                return sources[i].Tables;
            }
        }

        return null;
    }

    /// <summary>
    /// Decides a statement whose text the proxy makes up (a FunctionCall, a statement or portal it has not seen
    /// defined), with the <paramref name="tables"/> known to be behind it.
    /// </summary>
    public PolicyDecision Decide(in PolicyInput who, string text, string kind, bool dynamic, string[]? tables = null) =>
        handler.Services.Policy.Current.Decide(Input(who, text, kind, tables ?? [], where: false, multi: false, cteWrite: false, dynamic, unknown: true, PolicyClock.Local()));

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
