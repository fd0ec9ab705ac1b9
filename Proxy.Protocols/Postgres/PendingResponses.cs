using System.Diagnostics;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.SessionLog;
using Proxy.Protocols.Postgres.Framing;
using Proxy.Protocols.Postgres.Masking;

namespace Proxy.Protocols.Postgres;

/// <summary>What the server will answer a forwarded message with, in the order it will answer.</summary>
internal enum Expected : byte
{
    /// <summary>A simple Query: a completion per statement, then ReadyForQuery.</summary>
    QueryCycle,
    Parse,
    Bind,
    Describe,
    Close,
    Execute,
    Sync,

    /// <summary>FunctionCall: FunctionCallResponse or an error, then ReadyForQuery.</summary>
    FunctionCall,
}

/// <summary>One statement on its way through: what it is, what the policy said, when it was sent.</summary>
internal sealed class StatementRun(string text, string kind, IReadOnlyList<string> tables, PolicyDecision decision, bool refused, StatementDecision? recorded = null)
{
    public string Text { get; } = text;

    public string Kind { get; } = kind;

    public IReadOnlyList<string> Tables { get; } = tables;

    public PolicyDecision Decision { get; } = decision;

    /// <summary>Whether the proxy refused it (block, or an approval that cannot be given here).</summary>
    public bool Refused { get; } = refused;

    public IReadOnlyList<string?>? Parameters { get; set; }

    /// <summary>The statement's number in its session, from 1: what joins a strict-durability record to its outcome.</summary>
    public long Sequence { get; set; }

    /// <summary>The approval request asked for it (or whose retry grant let it run); null when none was needed.</summary>
    public string? ApprovalId { get; set; }

    /// <summary>Whether its record was committed before it ran (strict durability); the outcome is then recorded apart.</summary>
    public bool Committed { get; set; }

    public long StartedAt { get; set; } = Stopwatch.GetTimestamp();

    /// <summary>The statement's result masks; null when its decision has none (its rows then stream through unread).</summary>
    public StatementMasks? Masks { get; set; }

    /// <summary>
    /// The decision as the session log records it, built once and shared by the copies of a prepared statement
    /// (and by consecutive statements with the same decision, see <see cref="StatementDecider"/>).
    /// </summary>
    private StatementDecision? _recorded = recorded;

    /// <summary>A fresh run of the same statement (each Execute of a prepared one): same decision, its own state and mask counts.</summary>
    public StatementRun Copy() =>
        new(Text, Kind, Tables, Decision, Refused, Recorded()) { Masks = Masks is { } masks ? new StatementMasks(masks.Plan) : null };

    /// <summary>The statement's record, with <paramref name="outcome"/> when it is known.</summary>
    public StatementEvent ToEvent(string sessionId, string? identity, string? database, StatementOutcome? outcome)
    {
        var decision = Recorded();
        return new StatementEvent(
            sessionId,
            DateTimeOffset.UtcNow,
            Sequence,
            identity,
            database,
            Text,
            Parameters,
            Kind,
            Tables,
            ApprovalId is null ? decision : decision with { Approval = ApprovalId },
            outcome);
    }

    private StatementDecision Recorded() => _recorded ??= RecordOf(Decision);

    /// <summary>How the session log records <paramref name="decision"/>.</summary>
    public static StatementDecision RecordOf(in PolicyDecision decision) =>
        new(VerdictName(decision.Verdict),
            decision.RuleId,
            decision.LogTags,
            decision.AuditHits.Count == 0 ? [] : decision.AuditHits.Select(hit => hit.RuleId).ToArray());

    private static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Block => "block",
        Verdict.Approve => "approve",
        _ => "allow",
    };
}

/// <summary>
/// One expected answer. <see cref="Refusal"/> is set when the proxy sent the server a substitute that fails
/// (see PostgresConversation.Refuse): the server's error is then replaced by this one.
/// </summary>
internal struct PendingResponse
{
    public Expected Expected;

    public ErrorFields? Refusal;

    /// <summary>The statements whose outcome the answer carries: one per statement of a Query, one for an Execute.</summary>
    public StatementRun[]? Statements;

    /// <summary>For a Query: how many of its statements have completed.</summary>
    public int Completed;

    /// <summary>A Describe the proxy sent itself before this statement's Execute: its answer sets up the masks and is not forwarded.</summary>
    public StatementRun? MaskFor;

    /// <summary>For a Describe: the statement whose result shape its answer gives, when none is kept yet.</summary>
    public PostgresConversation.PreparedStatement? DescriptionOf;

    /// <summary>
    /// For an Execute sent without a Describe of the proxy's own: the statement whose kept description (with
    /// <see cref="ResultFormats"/>) sets up the masks of its rows when the first one arrives.
    /// </summary>
    public PostgresConversation.PreparedStatement? RowsOf;

    /// <summary>The result-format codes of the Bind that made the executed portal.</summary>
    public short[]? ResultFormats;

    /// <summary>Under column masks: the statement's kept columns the Execute was sent on (see <see cref="RowsOf"/>).</summary>
    public ResultMask? KeptColumns;

    /// <summary>For a forwarded Parse or Bind: the statement or portal it defines, which its answer settles (for a Close of a statement: the drop).</summary>
    public Definition? Defines;

    /// <summary>
    /// By statement (as <see cref="Statements"/>), what each forwarded statement changes of the session's named sources:
    /// settled as taken when it completes (<see cref="PendingResponses.Completed"/>), failed if the answer ends first.
    /// </summary>
    public SourceChange?[]? Changes;

    /// <summary>Whether the server's ReadyForQuery answers this one (it ends a batch).</summary>
    public readonly bool EndsBatch => Expected is Expected.Sync or Expected.QueryCycle or Expected.FunctionCall;
}

/// <summary>
/// The answers still owed by the server, oldest first. The client loop adds as it forwards; the server loop
/// takes as answers arrive. A ring that grows and never shrinks, so steady traffic allocates nothing. Taking
/// an answer settles what it defines (see <see cref="Definition"/>): taken as answered by ParseComplete or
/// BindComplete, failed otherwise (an error, or skipped after one), so no definition stays unanswered once
/// its answer is gone.
/// </summary>
internal sealed class PendingResponses
{
    private readonly Lock _lock = new();
    private PendingResponse[] _items = new PendingResponse[16];
    private int _head;
    private int _count;
    private long _batchesSent;
    private bool _closed;

    /// <summary>The definition the client loop waits for the answer to, and what it waits on (<see cref="WhenAnswered"/>).</summary>
    private Definition? _awaited;
    private TaskCompletionSource? _answered;

    /// <summary>
    /// How many batches (a Sync, Query or FunctionCall and what came before it) the client loop has sent: the
    /// number of the batch being sent now. Client loop only.
    /// </summary>
    public long BatchesSent => _batchesSent;

    public void Enqueue(in PendingResponse response)
    {
        lock (_lock)
        {
            if (response.EndsBatch)
            {
                _batchesSent++;
            }

            if (_closed)
            {
                // The server is gone: nothing sent now will be answered.
                SettleAll(response, taken: false);
            }

            if (_count == _items.Length)
            {
                var grown = new PendingResponse[_items.Length * 2];
                for (var i = 0; i < _count; i++)
                {
                    grown[i] = _items[(_head + i) % _items.Length];
                }

                _items = grown;
                _head = 0;
            }

            _items[(_head + _count) % _items.Length] = response;
            _count++;
        }
    }

    public bool TryPeek(out PendingResponse response)
    {
        lock (_lock)
        {
            response = _count > 0 ? _items[_head] : default;
            return _count > 0;
        }
    }

    /// <summary>Stores a changed head (a Query whose statements are completing one by one).</summary>
    public void ReplaceHead(in PendingResponse response)
    {
        lock (_lock)
        {
            _items[_head] = response;
        }
    }

    /// <summary>Takes the oldest answer owed; what it defined failed (an error, or the server skipped it).</summary>
    public bool TryDequeue(out PendingResponse response) => TryDequeue(out response, taken: false);

    /// <summary>Takes the oldest answer owed for its ParseComplete, BindComplete or CloseComplete: what it defined (or dropped) stands.</summary>
    public bool TryDequeueCompleted() => TryDequeue(out _, taken: true);

    /// <summary>Client loop: completes once the server has answered <paramref name="definition"/> (at once if it has).</summary>
    public Task WhenAnswered(Definition definition)
    {
        lock (_lock)
        {
            if (!definition.IsUnanswered)
            {
                return Task.CompletedTask;
            }

            // Continuations run on the pool, never inside the server loop's dequeue.
            _awaited = definition;
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _answered.Task;
        }
    }

    /// <summary>The server is gone: what is owed fails now, and whatever is sent later at once.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            for (var i = 0; i < _count; i++)
            {
                SettleAll(_items[(_head + i) % _items.Length], taken: false);
            }
        }
    }

    private bool TryDequeue(out PendingResponse response, bool taken)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                response = default;
                return false;
            }

            response = _items[_head];
            _items[_head] = default;
            _head = (_head + 1) % _items.Length;
            _count--;
            SettleAll(response, taken);
            return true;
        }
    }

    /// <summary>Server loop: the statement that makes <paramref name="change"/> completed, so the change is taken.</summary>
    public void Completed(SourceChange change)
    {
        lock (_lock)
        {
            Settle(change, taken: true);
        }
    }

    /// <summary>Settles what an answer defines (as <paramref name="taken"/>) and the changes its statements did not complete (as failed).</summary>
    private void SettleAll(in PendingResponse response, bool taken)
    {
        Settle(response.Defines, taken);
        foreach (var change in response.Changes ?? [])
        {
            Settle(change, taken: false);
        }
    }

    /// <summary>Settles a definition (under the lock), and wakes the client loop when it waits for this one.</summary>
    private void Settle(Definition? definition, bool taken)
    {
        if (definition is null || !definition.IsUnanswered)
        {
            return;
        }

        definition.Settle(taken);
        if (ReferenceEquals(definition, _awaited))
        {
            _awaited = null;
            _answered!.TrySetResult();
        }
    }
}
