using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;
using Proxy.Protocols.Postgres.Framing;
using Proxy.Protocols.Postgres.Masking;

namespace Proxy.Protocols.Postgres;

/// <summary>The client loop: frame, decide, forward or substitute, and note the answer expected.</summary>
internal sealed partial class PostgresConversation
{
    /// <summary>Prepared statements by name ("" is the unnamed one), as the client defined them.</summary>
    private readonly Dictionary<string, PreparedStatement> _statements = new(StringComparer.Ordinal);

    /// <summary>Portals by name: the statement each was bound to, and the parameters it was bound with.</summary>
    private readonly Dictionary<string, BoundPortal> _portals = new(StringComparer.Ordinal);

    /// <summary>Whether the proxy refused a message of the extended batch being sent: the server skips the rest of it, up to Sync.</summary>
    private bool _refusedInBatch;

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
            // Each of these returns, without doing anything, a definition or drop of the name it uses that an earlier
            // batch sent and the server has not answered: it is handled again once the answer is in.
            case FrontendMessageType.Parse:
                while (OnParse(message, upstream) is { } unanswered)
                {
                    await AwaitAnswerAsync(unanswered, upstream).ConfigureAwait(false);
                }

                return false;
            case FrontendMessageType.Bind:
                while (OnBind(message, upstream) is { } unanswered)
                {
                    await AwaitAnswerAsync(unanswered, upstream).ConfigureAwait(false);
                }

                return false;
            case FrontendMessageType.Execute:
                await OnExecuteAsync(message, upstream).ConfigureAwait(false);
                return false;
            case FrontendMessageType.Describe:
                OnDescribe(message, upstream);
                return false;
            case FrontendMessageType.Close:
                while (OnClose(message, upstream) is { } unanswered)
                {
                    await AwaitAnswerAsync(unanswered, upstream).ConfigureAwait(false);
                }

                return false;
            case FrontendMessageType.Sync:
                _refusedInBatch = false;
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

    private void Forward(in PostgresMessage message, PipeWriter upstream, Expected expected, Definition? defines = null)
    {
        MessageWriter.WriteRaw(upstream, message.Raw);
        defines?.Sent(_pending.BatchesSent);
        _pending.Enqueue(new PendingResponse { Expected = expected, Defines = defines });
    }

    /// <summary>
    /// The definition by that name, when the server has not failed it; null otherwise. Sets
    /// <paramref name="unanswered"/> when it comes from an earlier batch the server has not answered yet: the
    /// caller must then wait for that answer (<see cref="AwaitAnswerAsync"/>) before using the name at all.
    /// </summary>
    private T? Current<T>(T? found, out T? unanswered)
        where T : Definition
    {
        unanswered = found is not null && found.AwaitsAnswer(_pending.BatchesSent) ? found : null;
        return found is { IsFailed: false } ? found : null;
    }

    /// <summary>
    /// Waits for the server's answer to a definition of an earlier batch. What was forwarded goes out first: the
    /// server answers a batch at its Sync, which may still be in this loop's output.
    /// </summary>
    private async ValueTask AwaitAnswerAsync(Definition definition, PipeWriter upstream)
    {
        await upstream.FlushAsync(_session.Aborted).ConfigureAwait(false);
        await _pending.WhenAnswered(definition).WaitAsync(_session.Aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// A simple Query: every statement in it is decided; if any is refused, none of it is forwarded
    /// (PostgreSQL runs a multi-statement Query as one implicit transaction, so nothing of it may run).
    /// </summary>
    private ValueTask OnQueryAsync(PostgresMessage message, PipeWriter upstream)
    {
        var sql = new MessageBodyReader(message.Body).ReadCStringBytes();
        var runs = Decide(sql, out var refusal, out var changes, out _);
        return refusal is null && NeedsApproval(runs)
            ? ApproveAndSendAsync(message, upstream, Expected.QueryCycle, runs, changes)
            : SendStatementsAsync(message, upstream, Expected.QueryCycle, runs, refusal, changes);
    }

    /// <summary>
    /// Sends a message that runs statements (Query, Execute, FunctionCall), or a failing substitute when they
    /// are refused. In strict durability each statement's record is committed first: one that cannot be
    /// recorded does not run. <paramref name="changes"/>: what the statements do to the session's named sources,
    /// by statement, should the server run them.
    /// </summary>
    private async ValueTask SendStatementsAsync(PostgresMessage message, PipeWriter upstream, Expected expected, StatementRun[]? runs, ErrorFields? refusal, SourceChange?[]? changes = null, string? describePortal = null, BoundPortal? bound = null)
    {
        if (refusal is null && runs is { Length: > 0 })
        {
            refusal = await PrepareMasksAsync(runs).ConfigureAwait(false);
        }

        if (refusal is null && runs is { Length: > 0 } && _session.Log.Durability == Durability.Strict)
        {
            refusal = await CommitBeforeRunningAsync(runs).ConfigureAwait(false);
        }

        PreparedStatement? shaped = null;
        ResultMask? keptColumns = null;
        if (refusal is null)
        {
            if (describePortal is not null && runs is [{ Masks: { } masks } run, ..])
            {
                if (bound is not null && ShapeKnownBeforeRows(bound, masks, out keptColumns))
                {
                    shaped = bound.Statement;
                }
                else
                {
                    DescribeForMasking(upstream, describePortal, run, bound?.Statement);
                }
            }

            MessageWriter.WriteRaw(upstream, message.Raw);
            foreach (var change in changes ?? [])
            {
                if (change is not null)
                {
                    _decider.Sources.Sent(change, _pending.BatchesSent);
                }
            }
        }
        else
        {
            // In the extended protocol the substitute must be an extended message too, so the server skips to Sync.
            changes = null;
            Refuse(upstream, refusal, asParse: expected == Expected.Execute);
        }

        foreach (var run in runs ?? [])
        {
            run.StartedAt = Stopwatch.GetTimestamp();
        }

        _pending.Enqueue(new PendingResponse { Expected = expected, Refusal = refusal, Statements = runs, Changes = changes, RowsOf = shaped, ResultFormats = shaped is null ? null : bound!.ResultFormats, KeptColumns = keptColumns });
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
    /// Returns, without doing anything, a definition or drop of the name from an earlier batch still unanswered.
    /// </summary>
    private Definition? OnParse(in PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var name = reader.ReadCString();
        PreparedStatement? existing = null;
        if (name.Length > 0)
        {
            if (AwaitedDrop(name) is { } drop)
            {
                return drop;
            }

            existing = Current(_statements.GetValueOrDefault(name), out var unanswered);
            if (unanswered is not null)
            {
                return unanswered;
            }
        }

        // What a statement does to the session's named sources counts when it is executed (DependsOnSession), not here.
        var sql = reader.ReadCStringBytes();
        var runs = Decide(sql, out var refusal, out var changes, out var readsSource);
        var statement = new PreparedStatement(runs, refusal) { DependsOnSession = changes is not null || readsSource };

        // A named statement cannot be redefined before it is closed; the unnamed one is replaced by every Parse.
        // The proxy answers 42P05 itself, as PostgreSQL does, rather than forward: should the server have dropped
        // the name where the proxy cannot see it (DEALLOCATE inside a function), it would take the new text while
        // the proxy's Binds still followed the decision and shape of the old one. A refused named statement is
        // not kept: the server never gets it, so the name stays free for a Parse of another text. A name the
        // server may hold without the proxy knowing it (SQL PREPARE) is forwarded, and the server's 42P05 then
        // fails the definition.
        if (existing is not null)
        {
            refusal = new ErrorFields(ErrorFields.Error, ErrorFields.DuplicatePreparedStatement, $"prepared statement \"{name}\" already exists");
        }
        else if (name.Length == 0 || refusal is null)
        {
            _statements[name] = statement;
        }

        if (refusal is null)
        {
            Forward(message, upstream, Expected.Parse, defines: statement);
            return null;
        }

        Refuse(upstream, refusal, asParse: true);
        _pending.Enqueue(new PendingResponse { Expected = Expected.Parse, Refusal = refusal, Statements = Copies(runs) });
        return null;
    }

    /// <summary>
    /// Bind of a refused statement is refused; otherwise the portal remembers its statement and parameters.
    /// Returns, without doing anything, the statement's definition or drop when it is from an earlier batch still unanswered.
    /// </summary>
    private Definition? OnBind(in PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var portal = reader.ReadCString();
        var name = reader.ReadCStringBytes();
        if (_decider.Sources.AnyUnapplied && AwaitedDrop(Encoding.UTF8.GetString(name)) is { } drop)
        {
            return drop;
        }

        var statement = Current(FindStatement(name), out var unanswered);
        if (unanswered is not null)
        {
            return unanswered;
        }

        if (statement is null)
        {
            // Not defined through this connection's Parse (or the server failed that Parse): a statement of SQL
            // PREPARE, which shares the namespace, decided as its EXECUTE would be; one the proxy has not seen prepared
            // is decided as an unknown statement.
            var text = Encoding.UTF8.GetString(name);
            var sources = _decider.Sources;
            statement = DecideUnseen($"(prepared statement \"{text}\")", sources.PreparedInSql(text) ? "execute" : "unknown", sources.TablesOfPrepared(text));
        }

        if (statement.Refusal is { } refusal)
        {
            // The server never sees this Bind, so the portal's name no longer means what it was last bound to.
            _portals.Remove(portal);
            Refuse(upstream, refusal, asParse: true);
            _pending.Enqueue(new PendingResponse { Expected = Expected.Bind, Refusal = refusal, Statements = Copies(statement.Runs) });
            return null;
        }

        var parameters = _settings.AuditParameters ? ReadParameters(ref reader) : SkipParameters(ref reader);

        // Only rows that may be masked need the formats Bind asks for (see ShapeKnownBeforeRows).
        var formats = statement.Runs is [{ Masks: not null }, ..] ? ReadResultFormats(ref reader, statement) : null;
        var bound = new BoundPortal(statement, parameters, formats);
        _portals[portal] = bound;
        Forward(message, upstream, Expected.Bind, defines: bound);
        return null;
    }

    /// <summary>A statement by the UTF-8 bytes of its name, without making a string of it (every Bind of a named statement names it).</summary>
    private PreparedStatement? FindStatement(ReadOnlySequence<byte> name)
    {
        if (name.Length > 128)
        {
            return _statements.GetValueOrDefault(Encoding.UTF8.GetString(name));
        }

        Span<char> chars = stackalloc char[128];
        var count = Encoding.UTF8.GetChars(name, chars);
        return _statements.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..count], out var statement) ? statement : null;
    }

    /// <summary>
    /// Describe: forwarded as it is. Its answer is kept as the statement's result shape when the statement (or the
    /// portal's) has none yet, and a Describe of a portal tells the Execute that follows that its shape will be known.
    /// </summary>
    private void OnDescribe(in PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var what = reader.ReadByte();
        var name = reader.ReadCString();
        // A definition still unanswered is used as it is: should the server fail it, it skips this Describe as well
        // or describes what it does hold, which is then kept by a definition no one uses again.
        PreparedStatement? statement = null;
        if (what == (byte)'P' && Current(_portals.GetValueOrDefault(name), out _) is { } portal)
        {
            portal.Described = true;
            statement = portal.Statement;
        }
        else if (what == (byte)'S')
        {
            statement = Current(_statements.GetValueOrDefault(name), out _);
        }

        MessageWriter.WriteRaw(upstream, message.Raw);
        _pending.Enqueue(new PendingResponse { Expected = Expected.Describe, DescriptionOf = statement is { Description: null, ShapeIsFixed: true } ? statement : null });
    }

    /// <summary>
    /// Whether an Execute of <paramref name="bound"/> needs no Describe of the proxy's own. Pattern masks: its
    /// statement's result shape is kept from an earlier Describe, or the client described this very portal since
    /// binding it (the answer comes before the rows; if it fails, the server skips the Execute too). Column masks:
    /// the statement's columns were resolved from the proxy's own Describe in the catalog generation that is current
    /// now (after <see cref="PrepareMasksAsync"/>), with the same answer to whether it reads a masked column; those
    /// columns are <paramref name="keptColumns"/>, which the rows of this Execute are masked by whatever is kept later.
    /// </summary>
    private static bool ShapeKnownBeforeRows(BoundPortal bound, StatementMasks masks, out ResultMask? keptColumns)
    {
        keptColumns = null;
        return bound.ResultFormats is not null && bound.Statement.ShapeIsFixed
            && (masks.Plan.HasColumnMasks
                ? bound.Statement.KeptColumnsFor(masks, out keptColumns)
                : bound.Described || bound.Statement.Description is not null);
    }

    private ValueTask OnExecuteAsync(PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var portal = reader.ReadCString();
        var bound = Current(_portals.GetValueOrDefault(portal), out var unanswered);
        return unanswered is null ? ExecuteAsync(message, upstream, portal, bound) : ExecuteAfterAnswerAsync(message, upstream, portal, unanswered);
    }

    /// <summary>An Execute of a portal bound in an earlier batch the server has not answered yet.</summary>
    private async ValueTask ExecuteAfterAnswerAsync(PostgresMessage message, PipeWriter upstream, string portal, BoundPortal unanswered)
    {
        await AwaitAnswerAsync(unanswered, upstream).ConfigureAwait(false);
        await ExecuteAsync(message, upstream, portal, unanswered.IsFailed ? null : unanswered).ConfigureAwait(false);
    }

    private ValueTask ExecuteAsync(PostgresMessage message, PipeWriter upstream, string portal, BoundPortal? bound)
    {
        StatementRun[]? runs = null;
        ErrorFields? refusal = null;
        SourceChange?[]? changes = null;
        if (bound is { Statement: { DependsOnSession: true, Runs: [var statement] } })
        {
            // What it declares, prepares, drops, fetches or executes (CREATE TABLE … AS EXECUTE too) is a name, whose
            // meaning is the session's when it runs: it is decided again now, and what it changes counts from here.
            runs = Decide(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(statement.Text)), out refusal, out changes, out _);
            foreach (var run in runs)
            {
                run.Parameters = bound.Parameters;
            }
        }
        else if (bound is not null && bound.Statement.Runs.Length > 0)
        {
            var run = bound.Statement.Runs[0].Copy();
            run.Parameters = bound.Parameters;
            runs = [run];
        }
        else if (bound is null && !_refusedInBatch)
        {
            // Not bound here: a cursor declared in SQL is a portal too (a refused Bind leaves none, and the server skips to Sync).
            var unseen = UnboundPortal(portal);
            runs = unseen.Runs;
            refusal = unseen.Refusal;
        }

        // The hold is here, not at Parse: each execution is asked for, with its parameters known, and the Parse,
        // Bind and Describe sent with it (Npgsql sends all five at once) are answered meanwhile.
        return refusal is null && NeedsApproval(runs)
            ? ApproveAndSendAsync(message, upstream, Expected.Execute, runs!, changes, describePortal: portal, bound)
            : SendStatementsAsync(message, upstream, Expected.Execute, runs, refusal, changes, describePortal: portal, bound);
    }

    /// <summary>
    /// Close of a statement counts only once the server has closed it (after an error earlier in the batch it skips
    /// the Close, and the statement stays): it is a drop like DEALLOCATE (see <see cref="SessionSources"/>), forgotten
    /// as it is sent, so a Parse of the name behind it is forwarded, and put back should the Close fail; it waits for an
    /// earlier drop of the name still unanswered. A portal is forgotten at once: one the server keeps after skipping
    /// its Close can run nothing, as the error aborted its transaction.
    /// </summary>
    private SourceChange? OnClose(in PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var what = reader.ReadByte();
        var name = reader.ReadCString();
        if (what != (byte)'S')
        {
            _portals.Remove(name);
            Forward(message, upstream, Expected.Close);
            return null;
        }

        if (AwaitedDrop(name) is { } drop)
        {
            return drop;
        }

        var close = new SourceChange(SourceChangeKind.DropsStatement, name, []);
        _decider.Sources.Sent(close, _pending.BatchesSent);
        Forward(message, upstream, Expected.Close, defines: close);
        return null;
    }

    /// <summary>
    /// A DEALLOCATE or DISCARD ALL of the statement <paramref name="name"/> an earlier batch sent and the server has not
    /// answered: until it has, the name may still be the statement the drop forgot (see <see cref="SessionSources"/>).
    /// </summary>
    private SourceChange? AwaitedDrop(string name) =>
        _decider.Sources.AnyUnapplied ? _decider.Sources.AwaitedDrop(name, _pending.BatchesSent) : null;

    /// <summary>
    /// FunctionCall (PostgreSQL protocol 55.2.6) names a function by OID: what it does cannot be seen, so it
    /// is refused unless a rule allows it explicitly (the policy's default is not enough).
    /// </summary>
    private ValueTask OnFunctionCallAsync(PostgresMessage message, PipeWriter upstream)
    {
        var reader = new MessageBodyReader(message.Body);
        var oid = (uint)reader.ReadInt32();
        var text = $"(function call, oid {oid})";
        var decision = _decider.Decide(_who, text, "call", dynamic: true);
        // A FunctionCallResponse has no RowDescription to mask by: a call whose results would be masked is refused.
        ErrorFields? refusal = decision.Verdict == Verdict.Allow && decision.RuleId is not null && decision.Masks.Count == 0
            ? null
            : new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege,
                decision.RuleId is null
                    ? "function call refused: no policy rule allows the FunctionCall message"
                    : StatementDecider.RefusalText(decision));
        var run = new StatementRun(text, "call", [], decision, refused: refusal is not null);
        return SendStatementsAsync(message, upstream, Expected.FunctionCall, [run], refusal);
    }

    /// <summary>
    /// Classifies and decides every statement of <paramref name="sql"/>. <paramref name="refusal"/> is the
    /// error for the first refused statement, null when all may run.
    /// </summary>
    private StatementRun[] Decide(ReadOnlySequence<byte> sql, out ErrorFields? refusal, out SourceChange?[]? changes, out bool readsSource) =>
        _decider.Decide(sql, _who, _ambiguousEncoding, out refusal, out changes, out readsSource);

    /// <summary>
    /// Sends the server, in place of a refused message, a statement that fails at once and touches nothing:
    /// casting text to an integer. The server then does exactly what any error makes it do — skip to Sync in
    /// the extended protocol, abort an open transaction (so a later COMMIT answers ROLLBACK) — and the server
    /// loop replaces its error with <paramref name="refusal"/>. The literal names the refusal, so the
    /// server's own log says why the statement failed.
    /// </summary>
    private void Refuse(PipeWriter upstream, ErrorFields refusal, bool asParse)
    {
        _refusedInBatch |= asParse;
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

    /// <summary>Steps over Bind's parameters when they are not recorded.</summary>
    private static string?[]? SkipParameters(ref MessageBodyReader reader)
    {
        var formatCount = reader.ReadInt16();
        if (formatCount < 0)
        {
            PostgresProtocolException.Throw("Bind with a negative count");
        }

        reader.ReadBytes(2 * formatCount);
        var count = reader.ReadInt16();
        if (count < 0)
        {
            PostgresProtocolException.Throw("Bind with a negative count");
        }

        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadInt32();
            if (length > 0)
            {
                reader.ReadBytes(length);
            }
        }

        return null;
    }

    /// <summary>
    /// Bind's result-format codes (none: all text; one: every column; else one per column). The arrays are shared:
    /// one for each single code, and per statement the last list, so a statement bound again and again with the
    /// same formats allocates nothing.
    /// </summary>
    private static short[] ReadResultFormats(ref MessageBodyReader reader, PreparedStatement statement)
    {
        var count = reader.ReadInt16();
        switch (count)
        {
            case < 0:
                PostgresProtocolException.Throw("Bind with a negative count");
                return [];
            case 0:
                return [];
            case 1:
                var code = reader.ReadInt16();
                return code switch { 0 => AllText, 1 => AllBinary, _ => [code] };
        }

        Span<short> formats = count <= 256 ? stackalloc short[count] : new short[count];
        for (var i = 0; i < count; i++)
        {
            formats[i] = reader.ReadInt16();
        }

        if (statement.LastFormats is { } last && formats.SequenceEqual(last))
        {
            return last;
        }

        return statement.LastFormats = formats.ToArray();
    }

    private static readonly short[] AllText = [0];
    private static readonly short[] AllBinary = [1];

    /// <summary>
    /// A statement or portal not defined through this connection's Parse or Bind, decided as <paramref name="kind"/>
    /// reading <paramref name="tables"/>: `execute` (dynamic, as SQL EXECUTE is) or `other` (a FETCH) with the tables
    /// of the SQL PREPARE or DECLARE that defined it in this session, `unknown` when none did.
    /// </summary>
    private PreparedStatement DecideUnseen(string text, string kind, string[] tables)
    {
        var decision = _decider.Decide(_who, text, kind, dynamic: kind == "execute", tables, unknown: kind == "unknown");
        var refusal = _decider.RefusalFor(decision);
        var masks = refusal is null ? _decider.MasksFor(decision, out refusal) : null;
        return new PreparedStatement([new StatementRun(text, kind, tables, decision, refusal is not null) { Masks = masks }], refusal);
    }

    private static StatementRun[] Copies(StatementRun[] runs) => Array.ConvertAll(runs, run => run.Copy());

    /// <summary>
    /// What a Parse decided, for the Binds and Executes of the statement, and the shape of its rows once a Describe
    /// has told it. A planned statement's result shape cannot change while it exists (PostgreSQL refuses to run it:
    /// "cached plan must not change result type"), and each Parse of the unnamed one makes a new object, so the
    /// shape is kept for as long as the object is. Only a planned statement's: PostgreSQL does not check utility
    /// statements so, and the rows of `FETCH c` or `EXECUTE p` change shape with whatever `c` or `p` is at the time.
    /// </summary>
    internal sealed class PreparedStatement(StatementRun[] runs, ErrorFields? refusal) : Definition
    {
        private volatile byte[]? _description;

        /// <summary>Under column masks: the columns as last resolved, and the catalog state they hold for.</summary>
        private volatile ResolvedColumns? _columns;

        public StatementRun[] Runs { get; } = runs;

        /// <summary>One planned statement (its result shape is checked by PostgreSQL on every run), so a kept description stays true.</summary>
        public bool ShapeIsFixed { get; } = runs is [{ Kind: "select" or "insert" or "update" or "delete" or "merge" }];

        public ErrorFields? Refusal { get; } = refusal;

        /// <summary>
        /// Its text defines, drops or reads a cursor or prepared statement by name, whose meaning is the session's when
        /// it runs: each Execute decides it again.
        /// </summary>
        public bool DependsOnSession { get; init; }

        /// <summary>The body of the first RowDescription a Describe of it answered; empty for NoData; null until then.</summary>
        public byte[]? Description => _description;

        /// <summary>The last multi-column result-format list a Bind of it sent (client loop only).</summary>
        public short[]? LastFormats { get; set; }

        /// <summary>Server loop only: the formats <see cref="RowMask"/> was built for, and from what.</summary>
        private short[]? _maskFormats;

        private object? _maskSource;

        private ResultMask? _rowMask;

        /// <summary>Keeps the first answer to a Describe of it, a RowDescription or NoData (server loop only).</summary>
        public void Described(in PostgresMessage answer) =>
            _description ??= answer.Type == (byte)BackendMessageType.RowDescription ? answer.Body.ToArray() : [];

        /// <summary>
        /// Under column masks, the answer to the proxy's own Describe before an Execute, its origins looked up: the
        /// masks of this result. They are kept for later Executes when they cannot differ from what the next
        /// Describe would give while the catalog's generation stays: resolved within one generation, every origin
        /// the only relation of its name (PostgreSQL analyses a prepared statement again when the search_path
        /// changes, and names are all that can then lead it elsewhere). Otherwise nothing is kept, and the next
        /// Execute is described again (server loop only).
        /// </summary>
        public ResultMask? ResolveColumns(in PostgresMessage answer, StatementMasks masks, MaskCatalog catalog)
        {
            var generation = catalog.Generation;
            if (answer.Type != (byte)BackendMessageType.RowDescription)
            {
                // NoData: rows never come (the shape is fixed), so nothing is left to resolve.
                _columns = new ResolvedColumns(null, generation, masks.ReadsMasked);
                return null;
            }

            // An answer that cannot be kept also drops what an earlier one kept: it may name an origin the kept
            // columns do not (a relation recreated where the proxy could not see it).
            var columns = ResultMask.ForRowDescription(answer.Body, masks, keepAll: true)!;
            _columns = ResultMask.OriginsPinned(answer.Body, catalog) && catalog.Generation == generation
                ? new ResolvedColumns(columns, generation, masks.ReadsMasked)
                : null;

            return columns.CanChange ? columns : null;
        }

        /// <summary>
        /// Whether the kept columns hold for an Execute whose masks were just prepared (client loop); they are
        /// <paramref name="columns"/> (null for NoData), taken once, as the server loop may keep others meanwhile.
        /// </summary>
        public bool KeptColumnsFor(StatementMasks masks, out ResultMask? columns)
        {
            var kept = _columns;
            var holds = kept is not null && masks.Catalog is { } catalog && kept.Generation == catalog.Generation && kept.ReadsMasked == masks.ReadsMasked;
            columns = holds ? kept!.Columns : null;
            return holds;
        }

        /// <summary>
        /// Whether rows of it can be masked without a description of their own: it has one with columns (under
        /// column masks, <paramref name="keptColumns"/>: those its Execute was sent with).
        /// </summary>
        public bool HasRowShape(StatementMasks masks, ResultMask? keptColumns) =>
            masks.Plan.HasColumnMasks ? keptColumns is not null : _description is { Length: > 0 };

        /// <summary>
        /// The masks of its rows for a Bind's result formats, built from the kept description (or, under column masks,
        /// from <paramref name="keptColumns"/>, without the catalog) and reused while Binds ask the same formats
        /// (server loop only: one result is masked at a time, and each flushes its counts).
        /// </summary>
        public ResultMask? RowMask(short[] formats, StatementMasks masks, ResultMask? keptColumns)
        {
            var columns = masks.Plan.HasColumnMasks ? keptColumns! : null;
            object source = (object?)columns ?? _description!;
            if (!ReferenceEquals(source, _maskSource) || _maskFormats is null || !(ReferenceEquals(formats, _maskFormats) || formats.AsSpan().SequenceEqual(_maskFormats)))
            {
                _rowMask = columns is not null
                    ? columns.ForFormats(formats)
                    : ResultMask.ForRowDescription(new ReadOnlySequence<byte>(_description!), masks, resultFormats: formats);
                _maskFormats = formats;
                _maskSource = source;
            }

            return _rowMask;
        }

        /// <summary>Columns resolved from a description (null for NoData) in one catalog generation, for one answer to whether the statement reads a masked column.</summary>
        private sealed record ResolvedColumns(ResultMask? Columns, long Generation, bool ReadsMasked);
    }

    /// <summary>A portal: the statement it was bound to, with the parameters and result formats of the Bind.</summary>
    private sealed class BoundPortal(PreparedStatement statement, string?[]? parameters, short[]? resultFormats) : Definition
    {
        public PreparedStatement Statement { get; } = statement;

        public string?[]? Parameters { get; } = parameters;

        /// <summary>Bind's result-format codes, when the statement's rows may be masked; null otherwise.</summary>
        public short[]? ResultFormats { get; } = resultFormats;

        /// <summary>The client sent a Describe of this portal (client loop only).</summary>
        public bool Described { get; set; }
    }
}
