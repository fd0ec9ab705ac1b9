using System.IO.Pipelines;
using Proxy.Core.Approvals;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.SessionLog;
using Proxy.Protocols.Postgres.Framing;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Protocols.Postgres;

/// <summary>
/// Statements a rule says `approve(…)` for (docs/approvals.md). `hold`: the statement waits at the proxy while the
/// client is told, in a NoticeResponse, which request an approver must decide; approved, it is forwarded; denied,
/// timed out or withdrawn, it is refused by substitution like a blocked one. `retry`: refused at once with the
/// request id, and run once an approval for the same requester and fingerprint holds.
/// </summary>
internal sealed partial class PostgresConversation
{
    /// <summary>The reason a CancelRequest gives when it withdraws a held statement's request.</summary>
    internal const string CancelledByClient = "cancelled by the client";

    /// <summary>
    /// The right to write to the client's output. Its writer is the server loop, but a held statement's notice is
    /// written by the client loop while the server loop may be forwarding answers to earlier messages (a pipelined
    /// query, the Parse and Bind of the held Execute). A PipeWriter is not thread-safe, and a notice must land
    /// between two whole messages, never inside a row the server loop streams through in pieces. So the server loop
    /// holds this from the moment a read returns until it has flushed and stands at a message boundary (across
    /// reads while a message streams through), and the client loop takes it to write a notice. Uncontended, taking
    /// it completes synchronously and allocates nothing, which is the server loop's case on every read but one
    /// that meets a notice being written.
    /// </summary>
    private readonly SemaphoreSlim _clientWrite = new(1, 1);

    /// <summary>Whether the server loop holds <see cref="_clientWrite"/>; used by the server loop only.</summary>
    private bool _serverHoldsClientWrite;

    /// <summary>Set under <see cref="_clientWrite"/> once the client's output is completed: nothing may be written after.</summary>
    private bool _clientOutputCompleted;

    /// <summary>The request the client loop is holding a statement for; null when none. Read by a CancelRequest's session.</summary>
    private string? _heldApproval;

    /// <summary>
    /// A CancelRequest for this session arrived (on a connection of its own): if a statement is held, its request is
    /// withdrawn and the client's wait ends with a cancel error. False when nothing is held (or it was just decided),
    /// and the cancel goes to the server as usual.
    /// </summary>
    internal bool TryWithdrawHeldApproval() =>
        Volatile.Read(ref _heldApproval) is { } id && _handler.Services.Approvals?.Withdraw(id, CancelledByClient) == true;

    private static bool NeedsApproval(StatementRun[]? runs)
    {
        foreach (var run in runs ?? [])
        {
            if (run.Decision.Verdict == Verdict.Approve)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Asks for every statement that needs approval, then sends the message, or its failing substitute when one is not approved.</summary>
    private async ValueTask ApproveAndSendAsync(PostgresMessage message, PipeWriter upstream, Expected expected, StatementRun[] runs, SourceChange?[]? changes, string? describePortal = null, BoundPortal? bound = null)
    {
        var refusal = await ApproveAsync(runs, upstream).ConfigureAwait(false);
        await SendStatementsAsync(message, upstream, expected, runs, refusal, changes, describePortal, bound).ConfigureAwait(false);
    }

    /// <summary>
    /// The statements are asked for in order (one request each: different rules may name different approvers);
    /// the first not approved refuses the message and none of its statements runs. Null when all may run.
    /// </summary>
    private async ValueTask<ErrorFields?> ApproveAsync(StatementRun[] runs, PipeWriter upstream)
    {
        var broker = _handler.Services.Approvals!;
        var requester = _user!;
        foreach (var run in runs)
        {
            if (run.Decision.Verdict != Verdict.Approve || run.Decision.Approval is not { } parameters)
            {
                continue;
            }

            var mode = ApprovalNames.ParseMode(parameters.Mode) ?? ApprovalDefaults.Mode;
            var fingerprint = StatementFingerprint.Of(run.Text);
            // A grant covers the statement where it was asked for: the same database, and approvers of the group
            // the rule names now (a grant given by one group is not one another group's rule accepts).
            if (mode == ApprovalMode.Retry
                && broker.TryGetGrant(requester, fingerprint, out var grant)
                && grant!.Ask.Database == _database
                && grant.Ask.ApproverGroup == parameters.By)
            {
                run.ApprovalId = grant.Id;
                continue;
            }

            var ask = new ApprovalAsk(
                _session.Id,
                requester,
                _database,
                run.Text,
                fingerprint,
                run.Decision.RuleId ?? "default",
                run.Decision.Message,
                parameters.By,
                mode,
                parameters.Timeout is { } timeout && timeout > TimeSpan.Zero ? timeout : ApprovalDefaults.Timeout,
                parameters.Grant is { } granted && granted >= TimeSpan.Zero ? granted : ApprovalDefaults.Grant)
            {
                Parameters = run.Parameters,
            };
            var ticket = broker.Request(ask);
            run.ApprovalId = ticket.Id;
            if (mode == ApprovalMode.Hold)
            {
                // From here a CancelRequest withdraws it, also while its event is being committed.
                Volatile.Write(ref _heldApproval, ticket.Id);
            }

            try
            {
                try
                {
                    // Nobody may be told of a request, let alone approve it, before the log has it.
                    await ticket.Recorded.ConfigureAwait(false);
                }
                catch (SessionLogUnavailableException ex)
                {
                    broker.Withdraw(ticket.Id, "the session log cannot record the request");
                    return new ErrorFields(ErrorFields.Error, ErrorFields.PrerequisiteMissing, Clean($"statement not run: the session log cannot record its approval request ({ex.Message})"));
                }

                if (mode == ApprovalMode.Retry)
                {
                    return new ErrorFields(
                        ErrorFields.Error,
                        ErrorFields.InsufficientPrivilege,
                        Clean($"statement needs approval by \"{ask.ApproverGroup}\" (policy rule {ask.RuleId}): approval request {ticket.Id} is pending; run the statement again once it is approved"),
                        Detail: ask.RuleMessage is null ? null : Clean(ask.RuleMessage),
                        Hint: ApproverHint(ticket.Id));
                }

                var final = await HoldAsync(broker, ticket, ask, upstream).ConfigureAwait(false);
                if (final.State != ApprovalState.Approved)
                {
                    return RefusalOf(final);
                }
            }
            finally
            {
                Volatile.Write(ref _heldApproval, null);
            }
        }

        return null;
    }

    /// <summary>Tells the client what it waits for, then waits for the decision, a cancel, the client leaving, or the session's end.</summary>
    private async Task<ApprovalRequest> HoldAsync(IApprovalBroker broker, ApprovalTicket ticket, ApprovalAsk ask, PipeWriter upstream)
    {
        try
        {
            // What was forwarded before the held message (an earlier pipelined query, the Parse and Bind of this
            // Execute) goes to the server now: only this statement waits.
            await upstream.FlushAsync(_session.Aborted).ConfigureAwait(false);

            // Withdrawn already (a cancel while the request was being committed): nothing to announce.
            if (!ticket.Completion.IsCompleted)
            {
                await SendNoticeAsync(new ErrorFields(
                    ErrorFields.Notice,
                    ErrorFields.SuccessfulCompletion,
                    Clean($"statement held for approval: request {ticket.Id} (policy rule {ask.RuleId}); waiting up to {ApprovalBroker.FormatDuration(ask.Timeout)} for a member of \"{ask.ApproverGroup}\""),
                    Detail: ask.RuleMessage is null ? null : Clean(ask.RuleMessage),
                    Hint: ApproverHint(ticket.Id))).ConfigureAwait(false);
            }

            // The client loop is not reading while it holds, so the client's leaving shows only on the socket.
            var first = await Task.WhenAny(ticket.Completion, _session.ClientEnded).WaitAsync(_session.Aborted).ConfigureAwait(false);
            if (first != ticket.Completion)
            {
                broker.Withdraw(ticket.Id, "the client closed the session while the statement was held");
            }
        }
        catch (OperationCanceledException)
        {
            broker.Withdraw(ticket.Id, "the session was aborted while the statement was held");
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            broker.Withdraw(ticket.Id, $"the session failed while the statement was held: {ex.Message}");
        }

        // Final now: withdrawn above, or decided (a decision racing the withdrawal wins or loses in the broker).
        return await ticket.Completion.ConfigureAwait(false);
    }

    /// <summary>Writes a NoticeResponse to the client from the client loop, between two of the server loop's messages.</summary>
    private async Task SendNoticeAsync(ErrorFields notice)
    {
        await _clientWrite.WaitAsync(_session.Aborted).ConfigureAwait(false);
        try
        {
            if (_clientOutputCompleted)
            {
                return;
            }

            MessageWriter.WriteNotice(_client.Output, notice);
            await _client.Output.FlushAsync(_session.Aborted).ConfigureAwait(false);
        }
        finally
        {
            _clientWrite.Release();
        }
    }

    /// <summary>The server loop, after a read: takes the client's output unless it still holds it (mid-message).</summary>
    private ValueTask EnterClientWriteAsync()
    {
        if (_serverHoldsClientWrite)
        {
            return ValueTask.CompletedTask;
        }

        _serverHoldsClientWrite = true;
        var wait = _clientWrite.WaitAsync();
        return wait.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(wait);
    }

    /// <summary>The server loop, after a flush: lets a notice in, unless a message is still streaming through.</summary>
    private void LeaveClientWrite(long streaming)
    {
        if (_serverHoldsClientWrite && streaming == 0)
        {
            _serverHoldsClientWrite = false;
            _clientWrite.Release();
        }
    }

    /// <summary>The server loop's end: completes the client's output, after which no notice is written.</summary>
    private async Task CompleteClientOutputAsync()
    {
        await EnterClientWriteAsync().ConfigureAwait(false);
        try
        {
            _clientOutputCompleted = true;
            await _client.Output.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            LeaveClientWrite(streaming: 0);
        }
    }

    /// <summary>The error a held statement gets when its request ends other than approved.</summary>
    private static ErrorFields RefusalOf(ApprovalRequest final)
    {
        var reason = final.Reason is { Length: > 0 } text ? $": {text}" : string.Empty;
        return final.State switch
        {
            // Answered as the server answers a cancelled statement, so clients treat the withdrawal as their cancel.
            ApprovalState.Withdrawn when final.Reason == CancelledByClient => new ErrorFields(
                ErrorFields.Error, ErrorFields.QueryCanceled, $"canceling statement due to user request (approval request {final.Id} withdrawn)"),
            ApprovalState.Denied => new ErrorFields(
                ErrorFields.Error, ErrorFields.InsufficientPrivilege, Clean($"approval request {final.Id} was denied by {final.DecidedBy}{reason}")),
            ApprovalState.TimedOut => new ErrorFields(
                ErrorFields.Error, ErrorFields.InsufficientPrivilege, Clean($"approval request {final.Id} timed out{reason}")),
            _ => new ErrorFields(
                ErrorFields.Error, ErrorFields.InsufficientPrivilege, Clean($"approval request {final.Id} {ApprovalNames.State(final.State)}{reason}")),
        };
    }

    private static string ApproverHint(string id) => $"an approver runs: proxy approvals approve {id}";

    /// <summary>A zero cannot travel in a String field; text from rules and approvers may carry one.</summary>
    private static string Clean(string text) => text.Replace('\0', '\uFFFD');
}
