using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;
using Proxy.Protocols.Postgres.Framing;
using Proxy.Protocols.Postgres.Masking;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Protocols.Postgres;

/// <summary>The client loop: frame, decide, forward or substitute, and note the answer expected.</summary>
internal sealed partial class PostgresConversation
{
    /// <summary>Prepared statements by name ("" is the unnamed one), as the client defined them.</summary>
    private readonly Dictionary<string, PreparedStatement> _statements = new(StringComparer.Ordinal);

    /// <summary>Portals by name: the statement each was bound to, and the parameters it was bound with.</summary>
    private readonly Dictionary<string, BoundPortal> _portals = new(StringComparer.Ordinal);

    /// <summary>Runs until the client ends or breaks the protocol; returns what it broke, or null.</summary>
    private async Task<string?> RunClientLoopAsync()
    {
        var input = _client.Input;
        var output = _upstream.Output;
        long streaming = 0;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    return null;
                }

                var buffer = result.Buffer;
                var terminated = false;
                try
                {
                    while (!terminated)
                    {
                        var framed = NextMessage(ref buffer, ref streaming, output, fromClient: true, out var message);
                        if (framed == Framed.NeedMore)
                        {
                            break;
                        }

                        if (framed == Framed.Message)
                        {
                            terminated = await OnClientMessageAsync(message, output).ConfigureAwait(false);
                        }
                    }
                }
                catch (PostgresProtocolException ex)
                {
                    return ex.Message;
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                var flush = await output.FlushAsync().ConfigureAwait(false);
                if (terminated || result.IsCompleted || flush.IsCompleted)
                {
                    return null;
                }
            }
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            _session.Abort(CloseReason.ClientClosed, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Handles one client message; true when it was Terminate. Completes synchronously except in strict
    /// durability, where a statement waits for its record to be committed before it is sent.
    /// </summary>
    private async ValueTask<bool> OnClientMessageAsync(PostgresMessage message, PipeWriter upstream)
    {
        switch ((FrontendMessageType)message.Type)
        {
            case FrontendMessageType.Query:
                await OnQueryAsync(message, upstream).ConfigureAwait(false);
                return false;
            case FrontendMessageType.Parse:
                OnParse(message, upstream);
                return false;
            case FrontendMessageType.Bind:
                OnBind(message, upstream);
                return false;
            case FrontendMessageType.Execute:
                await OnExecuteAsync(message, upstream).ConfigureAwait(false);
                return false;
            case FrontendMessageType.Describe:
                Forward(message, upstream, Expected.Describe);
                return false;
            case FrontendMessageType.Close:
                OnClose(message, upstream);
                return false;
            case FrontendMessageType.Sync:
                Forward(message, upstream, Expected.Sync);
                return false;
            case FrontendMessageType.FunctionCall:
                await OnFunctionCallAsync(message, upstream).ConfigureAwait(false);
                return false;
            case FrontendMessageType.Terminate:
                MessageWriter.WriteRaw(upstream, message.Raw);
                _session.TrySetCloseReason(CloseReason.ClientClosed);
                return true;
            case FrontendMessageType.Flush or FrontendMessageType.CopyDone or FrontendMessageType.CopyFail or FrontendMessageType.Password:
                MessageWriter.WriteRaw(upstream, message.Raw);
                return false;
            default:
                PostgresProtocolException.Throw($"unknown message type '{(char)message.Type}' (0x{message.Type:x2})");
                return true;
        }
    }

    private void Forward(in PostgresMessage message, PipeWriter upstream, Expected expected)
    {
        MessageWriter.WriteRaw(upstream, message.Raw);
        _pending.Enqueue(new PendingResponse { Expected = expected });
    }

    /// <summary>
    /// A simple Query: every statement in it is decided; if any is refused, none of it is forwarded
    /// (PostgreSQL runs a multi-statement Query as one implicit transaction, so nothing of it may run).
    /// </summary>
    private ValueTask OnQueryAsync(PostgresMessage message, PipeWriter upstream)
    {
        var sql = new MessageBodyReader(message.Body).ReadCStringBytes();
        var runs = Decide(sql, out var refusal);
        return refusal is null && NeedsApproval(runs)
            ? ApproveAndSendAsync(message, upstream, Expected.QueryCycle, runs)
            : SendStatementsAsync(message, upstream, Expected.QueryCycle, runs, refusal);
    }

    /// <summary>
    /// Sends a message that runs statements (Query, Execute, FunctionCall), or a failing substitute when they
    /// are refused. In strict durability each statement's record is committed first: one that cannot be
    /// recorded does not run.
    /// </summary>
    private async ValueTask SendStatementsAsync(PostgresMessage message, PipeWriter upstream, Expected expected, StatementRun[]? runs, ErrorFields? refusal, string? describePortal = null)
    {
        if (refusal is null && runs is { Length: > 0 })
        {
            refusal = await PrepareMasksAsync(runs).ConfigureAwait(false);
        }

        if (refusal is null && runs is { Length: > 0 } && _session.Log.Durability == Durability.Strict)
        {
            refusal = await CommitBeforeRunningAsync(runs).ConfigureAwait(false);
        }

        if (refusal is null)
        {
            if (describePortal is not null && runs is [{ Masks: not null } run, ..])
            {
                DescribeForMasking(upstream, describePortal, run);
            }

            MessageWriter.WriteRaw(upstream, message.Raw);
        }
        else
        {
            // In the extended protocol the substitute must be an extended message too, so the server skips to Sync.
            Refuse(upstream, refusal, asParse: expected == Expected.Execute);
        }

        foreach (var run in runs ?? [])
        {
            run.StartedAt = Stopwatch.GetTimestamp();
        }

        _pending.Enqueue(new PendingResponse { Expected = expected, Refusal = refusal, Statements = runs });
    }

    /// <summary>Commits each statement's record (outcome still unknown); the refusal to send when the log cannot take it.</summary>
    private async ValueTask<ErrorFields?> CommitBeforeRunningAsync(StatementRun[] runs)
    {
        try
        {
            foreach (var run in runs)
            {
                // Set first: a refused commit still keeps the event for when the log recovers, so the outcome
                // is recorded apart either way.
                run.Committed = true;
                await _session.Log.AppendCommittedAsync(StatementEventOf(run, outcome: null), _session.Aborted).ConfigureAwait(false);
            }

            return null;
        }
        catch (SessionLogUnavailableException ex)
        {
            return new ErrorFields(ErrorFields.Error, ErrorFields.PrerequisiteMissing, $"statement not run: the session log cannot record it ({ex.Message})");
        }
    }

    /// <summary>
    /// Parse: the statement is classified and decided once, here; Bind and Execute of it follow this decision.
    /// A refused Parse is replaced by a failing one, so the server itself reports an error and skips to Sync.
    /// </summary>
    private void OnParse(in PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var name = reader.ReadCString();
        var sql = reader.ReadCStringBytes();
        var runs = Decide(sql, out var refusal);
        var statement = new PreparedStatement(runs, refusal);

        // A named statement cannot be redefined before it is closed (the server answers 42P05), so the first
        // definition stands; the unnamed one is replaced by every Parse.
        if (name.Length == 0)
        {
            _statements[name] = statement;
        }
        else
        {
            _statements.TryAdd(name, statement);
        }

        if (refusal is null)
        {
            Forward(message, upstream, Expected.Parse);
            return;
        }

        Refuse(upstream, refusal, asParse: true);
        _pending.Enqueue(new PendingResponse { Expected = Expected.Parse, Refusal = refusal, Statements = Copies(runs) });
    }

    /// <summary>Bind of a refused statement is refused; otherwise the portal remembers its statement and parameters.</summary>
    private void OnBind(in PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var portal = reader.ReadCString();
        var name = reader.ReadCString();
        if (!_statements.TryGetValue(name, out var statement))
        {
            // Not defined through this connection's Parse: a statement of SQL PREPARE, which shares the namespace.
            // Nothing here says what it does, so it is decided as an unknown statement.
            statement = DecideUnseen($"(prepared statement \"{name}\")");
        }

        if (statement.Refusal is { } refusal)
        {
            // The server never sees this Bind, so the portal's name no longer means what it was last bound to.
            _portals.Remove(portal);
            Refuse(upstream, refusal, asParse: true);
            _pending.Enqueue(new PendingResponse { Expected = Expected.Bind, Refusal = refusal, Statements = Copies(statement.Runs) });
            return;
        }

        var parameters = _settings.AuditParameters ? ReadParameters(ref reader) : null;
        _portals[portal] = new BoundPortal(statement, parameters);
        Forward(message, upstream, Expected.Bind);
    }

    private ValueTask OnExecuteAsync(PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var portal = reader.ReadCString();
        StatementRun[]? runs = null;
        if (_portals.TryGetValue(portal, out var bound) && bound.Statement.Runs.Length > 0)
        {
            var run = Copy(bound.Statement.Runs[0]);
            run.Parameters = bound.Parameters;
            runs = [run];
        }
        else if (bound is null && UnboundPortalRun(portal) is { } cursor)
        {
            runs = [cursor];
        }

        // The hold is here, not at Parse: each execution is asked for, with its parameters known, and the Parse,
        // Bind and Describe sent with it (Npgsql sends all five at once) are answered meanwhile.
        return NeedsApproval(runs)
            ? ApproveAndSendAsync(message, upstream, Expected.Execute, runs!, describePortal: portal)
            : SendStatementsAsync(message, upstream, Expected.Execute, runs, refusal: null, describePortal: portal);
    }

    private void OnClose(in PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var what = reader.ReadByte();
        var name = reader.ReadCString();
        _ = what == (byte)'S' ? _statements.Remove(name) : _portals.Remove(name);
        Forward(message, upstream, Expected.Close);
    }

    /// <summary>
    /// FunctionCall (PostgreSQL protocol 55.2.6) names a function by OID: what it does cannot be seen, so it
    /// is refused unless a rule allows it explicitly (the policy's default is not enough).
    /// </summary>
    private ValueTask OnFunctionCallAsync(PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var oid = (uint)reader.ReadInt32();
        var text = $"(function call, oid {oid})";
        var input = StatementInput(text, "call", [], where: false, multi: false, cteWrite: false, dynamic: true, unknown: true);
        var decision = _handler.Services.Policy.Current.Decide(input);
        // A FunctionCallResponse has no RowDescription to mask by: a call whose results would be masked is refused.
        ErrorFields? refusal = decision.Verdict == Verdict.Allow && decision.RuleId is not null && decision.Masks.Count == 0
            ? null
            : new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege,
                decision.RuleId is null
                    ? "function call refused: no policy rule allows the FunctionCall message"
                    : RefusalText(decision));
        var run = new StatementRun(text, "call", [], decision, refused: refusal is not null);
        return SendStatementsAsync(message, upstream, Expected.FunctionCall, [run], refusal);
    }

    /// <summary>
    /// Classifies and decides every statement of <paramref name="sql"/>. <paramref name="refusal"/> is the
    /// error for the first refused statement, null when all may run.
    /// </summary>
    private StatementRun[] Decide(ReadOnlySequence<byte> sql, out ErrorFields? refusal)
    {
        refusal = null;
        var bytes = sql.IsSingleSegment ? sql.FirstSpan : sql.ToArray();
        SqlClassifier.Classify(bytes, _batch);
        var policy = _handler.Services.Policy.Current;
        var multi = _batch.Count > 1;
        var runs = new StatementRun[_batch.Count];
        for (var i = 0; i < _batch.Count; i++)
        {
            var statement = _batch[i];
            var text = Encoding.UTF8.GetString(bytes.Slice(statement.Start, statement.Length));
            var unknown = statement.Unknown || _ambiguousEncoding;
            var kind = StatementKinds.Name(unknown ? StatementKind.Unknown : statement.Kind);
            var names = _batch.Tables(i);
            string[] tables = names.IsEmpty ? [] : names.ToArray();
            var input = StatementInput(text, kind, tables, statement.HasWhere, multi, statement.CteWrite, statement.Dynamic, unknown);
            var decision = policy.Decide(input);
            var refused = RefusalFor(decision);
            var masks = refused is null ? MasksFor(decision, out refused) : null;
            refusal ??= refused;
            runs[i] = new StatementRun(text, kind, tables, decision, refused is not null) { Masks = masks };
        }

        return runs;
    }

    private PolicyInput StatementInput(string text, string kind, IReadOnlyList<string> tables, bool where, bool multi, bool cteWrite, bool dynamic, bool unknown)
    {
        var now = DateTimeOffset.Now;
        return _who with
        {
            SqlText = text,
            SqlKind = kind,
            SqlTables = tables,
            SqlWhere = where,
            SqlMulti = multi,
            SqlCteWrite = cteWrite,
            SqlDynamic = dynamic,
            SqlUnknown = unknown,
            TimeHour = now.Hour,
            TimeWeekday = now.DayOfWeek,
        };
    }

    /// <summary>The error a refused statement gets, or null when the decision lets it run (an approval is asked for when it is sent).</summary>
    private ErrorFields? RefusalFor(in PolicyDecision decision) => decision.Verdict switch
    {
        Verdict.Block => new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege, RefusalText(decision)),

        // Approvals need someone to ask: without a broker (a handler built without one) the statement is refused.
        Verdict.Approve when _handler.Services.Approvals is null => new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege,
            $"statement needs approval by \"{decision.Approval?.By}\" (policy rule {decision.RuleId}); approvals are not available on this listener",
            Hint: decision.Message?.Replace('\0', '\uFFFD')),

        _ => null,
    };

    /// <summary>A zero cannot travel in a String field (the writer refuses it), so one in a rule's message is shown as U+FFFD.</summary>
    private static string RefusalText(in PolicyDecision decision) =>
        (decision.Message is { Length: > 0 } message
            ? $"blocked by policy rule {decision.RuleId ?? "default"}: {message}"
            : $"blocked by policy rule {decision.RuleId ?? "default"}").Replace('\0', '\uFFFD');

    /// <summary>
    /// Sends the server, in place of a refused message, a statement that fails at once and touches nothing:
    /// casting text to an integer. The server then does exactly what any error makes it do — skip to Sync in
    /// the extended protocol, abort an open transaction (so a later COMMIT answers ROLLBACK) — and the server
    /// loop replaces its error with <paramref name="refusal"/>. The literal names the refusal, so the
    /// server's own log says why the statement failed.
    /// </summary>
    private static void Refuse(PipeWriter upstream, ErrorFields refusal, bool asParse)
    {
        var reason = refusal.Message.Replace("'", "''", StringComparison.Ordinal);
        var sql = $"SELECT 'refused by the access proxy: {reason}'::pg_catalog.int4";
        if (asParse)
        {
            MessageWriter.WriteParse(upstream, sql);
        }
        else
        {
            MessageWriter.WriteQuery(upstream, sql);
        }
    }

    /// <summary>Bind parameters as text for the session log: text values cut to the limit, binary ones as cut hex.</summary>
    private string?[] ReadParameters(ref MessageBodyReader reader)
    {
        var formatCount = reader.ReadInt16();
        Span<short> formats = formatCount <= 64 ? stackalloc short[formatCount] : new short[formatCount];
        for (var i = 0; i < formatCount; i++)
        {
            formats[i] = reader.ReadInt16();
        }

        var count = reader.ReadInt16();
        if (count < 0 || formatCount < 0)
        {
            PostgresProtocolException.Throw("Bind with a negative count");
        }

        var values = new string?[count];
        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadInt32();
            if (length == -1)
            {
                continue;
            }

            var bytes = reader.ReadBytes(length);
            var binary = formatCount switch { 0 => false, 1 => formats[0] == 1, _ => i < formatCount && formats[i] == 1 };
            var shown = bytes.Slice(0, Math.Min(bytes.Length, _settings.AuditParameterLimit));
            var text = binary ? "\\x" + Convert.ToHexStringLower(shown.ToArray()) : Encoding.UTF8.GetString(shown);
            values[i] = shown.Length < bytes.Length ? text + "…" : text;
        }

        return values;
    }

    private PreparedStatement DecideUnseen(string text)
    {
        var decision = _handler.Services.Policy.Current.Decide(
            StatementInput(text, "unknown", [], where: false, multi: false, cteWrite: false, dynamic: false, unknown: true));
        var refusal = RefusalFor(decision);
        var masks = refusal is null ? MasksFor(decision, out refusal) : null;
        return new PreparedStatement([new StatementRun(text, "unknown", [], decision, refusal is not null) { Masks = masks }], refusal);
    }

    private static StatementRun Copy(StatementRun run) =>
        new(run.Text, run.Kind, run.Tables, run.Decision, run.Refused) { Masks = run.Masks is { } masks ? new StatementMasks(masks.Plan) : null };

    private static StatementRun[] Copies(StatementRun[] runs) => Array.ConvertAll(runs, Copy);

    /// <summary>What a Parse decided, for the Binds and Executes of the statement.</summary>
    private sealed record PreparedStatement(StatementRun[] Runs, ErrorFields? Refusal);

    private sealed record BoundPortal(PreparedStatement Statement, string?[]? Parameters);
}
