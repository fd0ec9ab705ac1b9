using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Proxy.Core.Diagnostics;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Protocols.Postgres;

/// <summary>The server loop: frame the answers, match them to what was sent, record outcomes, forward.</summary>
internal sealed partial class PostgresConversation
{
    /// <summary>Set by the first ReadyForQuery: authentication is over and the session is established.</summary>
    private bool _established;

    /// <summary>
    /// The session's client_encoding is one where the second byte of a character can be a quote or a backslash
    /// (SJIS, BIG5, GBK, …): the server would split such text where a UTF-8 reading does not, so no statement
    /// can be classified with certainty. Set from the server's ParameterStatus; read by the client loop.
    /// </summary>
    private volatile bool _ambiguousEncoding;

    /// <summary>The last command tag read, as bytes and as the string given out for them. Server loop only.</summary>
    private readonly byte[] _lastTagBytes = new byte[64];
    private int _lastTagLength;
    private string _lastTag = string.Empty;

    /// <summary>The last statement number given out. Both loops record statements, so it is taken with Interlocked.</summary>
    private long _statementSequence;

    private async Task RunServerLoopAsync()
    {
        var input = _upstream.Input;
        var output = _client.Output;
        long streaming = 0;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    LeaveClientWrite(streaming: 0);
                    return;
                }

                await EnterClientWriteAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                string? failure = null;
                OriginLookup? lookup = null;
                try
                {
                    while (true)
                    {
                        var before = buffer;
                        var framed = NextMessage(ref buffer, ref streaming, output, fromClient: false, out var message);
                        if (framed == Framed.NeedMore)
                        {
                            break;
                        }

                        if (framed == Framed.Message)
                        {
                            if (MissingOrigins(message) is { } missing)
                            {
                                // Left unread until its origins are looked up: the message is handled again after.
                                buffer = before;
                                lookup = missing;
                                break;
                            }

                            OnServerMessage(message, output);
                        }
                    }
                }
                catch (PostgresProtocolException ex)
                {
                    failure = ex.Message;
                }
                finally
                {
                    // Not examined to the end while a lookup is pending: the next read returns what is already here.
                    input.AdvanceTo(buffer.Start, lookup is null ? buffer.End : buffer.Start);
                }

                if (lookup is not null && failure is null)
                {
                    await output.FlushAsync().ConfigureAwait(false);

                    // A held statement's notice may go out while the catalog answers.
                    LeaveClientWrite(streaming);
                    await ResolveOriginsAsync(lookup).ConfigureAwait(false);
                    continue;
                }

                if (failure is not null)
                {
                    // The server is not speaking PostgreSQL (or the proxy points at the wrong port): say so and end.
                    _session.TrySetCloseReason(CloseReason.ProtocolError, $"upstream: {failure}");
                    await SendFatalAsync(ErrorFields.ProtocolViolation, $"the upstream server sent an invalid message: {failure}").ConfigureAwait(false);
                    break;
                }

                var flush = await output.FlushAsync().ConfigureAwait(false);
                if (result.IsCompleted || flush.IsCompleted)
                {
                    break;
                }

                LeaveClientWrite(streaming);
            }
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            _session.Abort(CloseReason.UpstreamClosed, ex.Message);
        }

        // The server is gone (or broke the protocol): the client learns it from the closed connection, as it
        // would without the proxy, and the client loop stops reading (and waiting for answers).
        _pending.Close();
        await CompleteClientOutputAsync().ConfigureAwait(false);
        _client.Input.CancelPendingRead();
    }

    private void OnServerMessage(in PostgresMessage message, PipeWriter client)
    {
        switch ((BackendMessageType)message.Type)
        {
            case BackendMessageType.BackendKeyData when !_established:
                IssueCancelKey(message, client);
                return;
            case BackendMessageType.ReadyForQuery:
                EndResult();
                OnReadyForQuery();
                break;
            case BackendMessageType.DataRow when _rows is not null:
                OnMaskedRow(message, client);
                return;
            case BackendMessageType.CopyData when _copy is not null:
                OnMaskedCopyRow(message, client);
                return;
            case BackendMessageType.CopyOutResponse:
                OnCopyOut(message);
                break;
            case BackendMessageType.ErrorResponse:
                EndResult();
                OnError(message, client);
                return;
            case BackendMessageType.CommandComplete:
                EndResult();
                OnCompletion(message);
                break;
            case BackendMessageType.EmptyQueryResponse or BackendMessageType.PortalSuspended:
                EndResult();
                OnCompletion(message);
                break;
            case BackendMessageType.ParseComplete or BackendMessageType.BindComplete:
                _pending.TryDequeueCompleted();
                break;
            case BackendMessageType.CloseComplete:
                _pending.TryDequeueCompleted();
                break;
            case BackendMessageType.NoticeResponse when TryMaskReport(message, client, out _):
                return;
            case BackendMessageType.ParameterStatus when TryMaskParameterStatus(message, client):
                return;
            case BackendMessageType.ParameterStatus:
                OnParameterStatus(message);
                break;
            case BackendMessageType.RowDescription or BackendMessageType.NoData when OnMaskingDescription(message):
                return;
            case BackendMessageType.RowDescription:
                OnQueryRowDescription(message);
                goto case BackendMessageType.NoData;
            case BackendMessageType.NoData:
                // An answer to Describe ends with one of these; in a Query or an Execute they only announce rows.
                if (_pending.TryPeek(out var head) && head.Expected == Expected.Describe)
                {
                    head.DescriptionOf?.Described(message);
                    _pending.TryDequeue(out _);
                }

                break;
        }

        MessageWriter.WriteRaw(client, message.Raw);
    }

    private void OnParameterStatus(in PostgresMessage message)
    {
        var reader = new MessageBodyReader(message.Body);
        if (reader.ReadCString() == "client_encoding")
        {
            // PostgreSQL's client-only encodings, whose multi-byte characters may end in 0x5C or 0x27.
            _ambiguousEncoding = reader.ReadCString().ToUpperInvariant() is "SJIS" or "SHIFT_JIS_2004" or "BIG5" or "GBK" or "GB18030" or "UHC" or "JOHAB";
        }
    }

    /// <summary>The client gets a key the proxy issued; the server's stays here (see <see cref="CancelKeys"/>).</summary>
    private void IssueCancelKey(in PostgresMessage message, PipeWriter client)
    {
        var reader = new MessageBodyReader(message.Body);
        var processId = reader.ReadInt32();
        var secret = reader.ReadRest().ToArray();
        if (secret.Length is < 4 or > 256)
        {
            PostgresProtocolException.Throw($"BackendKeyData with a secret of {secret.Length} bytes");
        }

        var issued = _handler.CancelKeys.Issue(new UpstreamCancelKey(processId, secret) { Session = this });
        _issuedProcessId = issued.ProcessId;
        MessageWriter.WriteBackendKeyData(client, issued.ProcessId, issued.Secret);
    }

    /// <summary>ReadyForQuery ends a Query, a FunctionCall or an extended-protocol batch at its Sync.</summary>
    private void OnReadyForQuery()
    {
        _batchMasks = null;
        if (!_established)
        {
            _established = true;
            _session.Identity = _user;
            return;
        }

        while (_pending.TryDequeue(out var done))
        {
            RecordRemaining(done, outcome: null);
            if (done.EndsBatch)
            {
                return;
            }
        }
    }

    /// <summary>
    /// An error ends the statement it answers. For a refused message the server's error (about the substitute)
    /// is replaced by the refusal. In the extended protocol the server then skips everything up to Sync, so the
    /// answers expected for those messages will never come.
    /// </summary>
    private void OnError(in PostgresMessage message, PipeWriter client)
    {
        if (!_established || !_pending.TryPeek(out var head))
        {
            MessageWriter.WriteRaw(client, message.Raw);
            return;
        }

        StatementOutcome outcome;
        if (head.Refusal is { } refusal)
        {
            MessageWriter.WriteError(client, refusal);
            outcome = Outcome(head, tag: null, refusal.SqlState, refusal.Message);
        }
        else
        {
            var (sqlState, text) = ReadError(message.Body);
            if (TryMaskReport(message, client, out var masked))
            {
                text = masked;
            }
            else
            {
                MessageWriter.WriteRaw(client, message.Raw);
            }

            outcome = Outcome(head, tag: null, sqlState, text);
        }

        switch (head.Expected)
        {
            case Expected.QueryCycle:
                // The statement that failed ends the Query: the ones after it never run.
                if (head.Statements is { } statements)
                {
                    for (var i = head.Completed; i < statements.Length; i++)
                    {
                        Record(statements[i], i == head.Completed || head.Refusal is not null ? outcome : NotRun(outcome));
                    }

                    head.Completed = statements.Length;
                    _pending.ReplaceHead(head);
                }

                return;
            case Expected.FunctionCall or Expected.Sync:
                RecordRemaining(head, outcome);
                head.Statements = null;
                _pending.ReplaceHead(head);
                return;
            default:
                _pending.TryDequeue(out _);
                RecordRemaining(head, outcome);

                // An error of a Parse, Bind or Describe is the error of the Execute that follows it; later ones never ran.
                StatementOutcome? carried = head.Statements is null ? outcome : null;
                while (_pending.TryPeek(out var skipped) && skipped.Expected != Expected.Sync)
                {
                    _pending.TryDequeue(out _);

                    // A refused Bind after the refused Parse of the same statement repeats a refusal already recorded.
                    if (skipped.Refusal is null && skipped.Statements is not null)
                    {
                        RecordRemaining(skipped, carried ?? NotRun(outcome));
                        carried = null;
                    }
                }

                return;
        }
    }

    /// <summary>CommandComplete, EmptyQueryResponse or PortalSuspended: one statement of a Query, or an Execute, is done.</summary>
    private void OnCompletion(in PostgresMessage message)
    {
        if (!_pending.TryPeek(out var head))
        {
            return;
        }

        string? tag = message.Type switch
        {
            (byte)BackendMessageType.CommandComplete => CommandTag(new MessageBodyReader(message.Body).ReadCStringBytes()),
            (byte)BackendMessageType.PortalSuspended => "(suspended)",
            _ => null,
        };
        if (head.Expected == Expected.QueryCycle)
        {
            if (head.Statements is { } statements && head.Completed < statements.Length)
            {
                KeepBatchMasks(statements[head.Completed].Masks);
                CompleteChange(head, head.Completed, message.Type);
                Record(statements[head.Completed], Outcome(head, tag, null, null));
                head.Completed++;
                _pending.ReplaceHead(head);
            }
        }
        else if (head.Expected == Expected.Execute)
        {
            CompleteChange(head, 0, message.Type);
            _pending.TryDequeue(out _);
            if (head.Statements is [var run, ..])
            {
                KeepBatchMasks(run.Masks);
                Record(run, Outcome(head, tag, null, null));
            }
        }
    }

    /// <summary>A statement that changes the session's named sources (DECLARE, PREPARE, DEALLOCATE …) has run: the server took the change.</summary>
    private void CompleteChange(in PendingResponse head, int statement, byte completion)
    {
        if (head.Changes is { } changes && completion == (byte)BackendMessageType.CommandComplete && changes[statement] is { } change)
        {
            _pending.Completed(change);
        }
    }

    /// <summary>A CommandComplete's tag: the last one's string when the bytes are the same (`SELECT 1` after `SELECT 1`).</summary>
    private string CommandTag(ReadOnlySequence<byte> tag)
    {
        Span<byte> bytes = stackalloc byte[64];
        if (tag.Length > bytes.Length)
        {
            return Encoding.UTF8.GetString(tag);
        }

        bytes = bytes[..(int)tag.Length];
        tag.CopyTo(bytes);
        if (bytes.SequenceEqual(_lastTagBytes.AsSpan(0, _lastTagLength)))
        {
            return _lastTag;
        }

        _lastTag = Encoding.UTF8.GetString(bytes);
        bytes.CopyTo(_lastTagBytes);
        _lastTagLength = bytes.Length;
        return _lastTag;
    }

    private static StatementOutcome Outcome(in PendingResponse head, string? tag, string? sqlState, string? error)
    {
        var started = head.Statements is { Length: > 0 } statements && head.Completed < statements.Length
            ? statements[head.Completed].StartedAt
            : Stopwatch.GetTimestamp();
        return new StatementOutcome(Stopwatch.GetElapsedTime(started), tag, RowsOf(tag), sqlState, error);
    }

    private static StatementOutcome NotRun(StatementOutcome cause) =>
        new(TimeSpan.Zero, null, null, null, $"not run: an earlier statement failed ({cause.SqlState})");

    /// <summary>The row count a command tag ends with ("UPDATE 3", "INSERT 0 5", "SELECT 10"); null for tags without one.</summary>
    private static long? RowsOf(string? tag)
    {
        if (tag is null)
        {
            return null;
        }

        var space = tag.LastIndexOf(' ');
        return space > 0 && long.TryParse(tag.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var rows) ? rows : null;
    }

    internal static (string? SqlState, string? Message) ReadError(ReadOnlySequence<byte> body)
    {
        string? sqlState = null;
        string? text = null;
        var reader = new MessageBodyReader(body);
        while (!reader.End)
        {
            var code = reader.ReadByte();
            if (code == 0)
            {
                break;
            }

            var value = reader.ReadCString();
            switch (code)
            {
                case (byte)'C':
                    sqlState = value;
                    break;
                case (byte)'M':
                    text = value;
                    break;
            }
        }

        return (sqlState, text);
    }

    /// <summary>Records the statements of an answer that did not complete one by one.</summary>
    private void RecordRemaining(in PendingResponse response, StatementOutcome? outcome)
    {
        if (response.Statements is not { } statements)
        {
            return;
        }

        for (var i = response.Completed; i < statements.Length; i++)
        {
            Record(statements[i], outcome);
        }
    }

    /// <summary>When the session ends with answers still owed, their statements are recorded without an outcome.</summary>
    private void RecordUnfinished()
    {
        while (_pending.TryDequeue(out var response))
        {
            RecordRemaining(response, outcome: null);
        }
    }

    /// <summary>
    /// The record of a finished statement: the whole event, or — when its event was committed before it ran
    /// (strict durability) — the outcome alone, joined to it by the sequence number.
    /// </summary>
    private void Record(StatementRun run, StatementOutcome? outcome)
    {
        outcome = AfterStatement(run, outcome);
        ProxyMetrics.Shared.StatementRecorded(run.Decision.Verdict, outcome?.Duration);
        _session.Log.TryAppend(run.Committed
            ? new StatementResultEvent(_session.Id, DateTimeOffset.UtcNow, run.Sequence, outcome)
            : StatementEventOf(run, outcome));
    }

    private StatementEvent StatementEventOf(StatementRun run, StatementOutcome? outcome)
    {
        if (run.Sequence == 0)
        {
            run.Sequence = Interlocked.Increment(ref _statementSequence);
        }

        return run.ToEvent(_session.Id, _session.Identity ?? _user, _database, outcome);
    }
}
