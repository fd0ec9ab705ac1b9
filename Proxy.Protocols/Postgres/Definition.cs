namespace Proxy.Protocols.Postgres;

/// <summary>
/// A prepared statement or a portal as the client defined it, by Parse or Bind. The proxy keeps what the client
/// sent, but the server may not take it: the name may already exist there (a SQL `PREPARE`, a Close or
/// `DEALLOCATE` the server skipped or refused), or an earlier error in the batch makes the server skip the
/// message. Its answer settles the definition (<see cref="PendingResponses"/>). Until then the client loop uses
/// it only within the batch that sent it (if the server fails the definition, it skips the rest of that batch
/// too) and waits for the answer before using it in a later batch. A failed definition means nothing: its name
/// is as if never defined, so a Bind of it is decided as a statement the proxy has not seen, never by a text the
/// server does not run.
/// </summary>
internal abstract class Definition
{
    private const int Stands = 0;
    private const int Failed = -1;

    /// <summary>
    /// <see cref="Stands"/> (also for a definition never sent: an unseen statement the proxy decided itself),
    /// <see cref="Failed"/>, or, until the answer, 1 + the number of the batch it was sent in (wrapping; only
    /// compared for equality). One int: one is allocated per Bind.
    /// </summary>
    private int _state;

    /// <summary>The server failed or skipped it: it does not exist there.</summary>
    public bool IsFailed => Volatile.Read(ref _state) == Failed;

    public bool IsUnanswered => Volatile.Read(ref _state) is not (Stands or Failed);

    /// <summary>Whether using it in batch <paramref name="batch"/> has to wait for the server's answer: it is unanswered, from an earlier batch.</summary>
    public bool AwaitsAnswer(long batch) => Volatile.Read(ref _state) is var state && state is not (Stands or Failed) && state != StateOf(batch);

    /// <summary>Client loop, as the definition is forwarded in batch <paramref name="batch"/>.</summary>
    public void Sent(long batch) => Volatile.Write(ref _state, StateOf(batch));

    /// <summary>The server's answer: ParseComplete or BindComplete (<paramref name="taken"/>), or an error or its skipping the message.</summary>
    public void Settle(bool taken) => Volatile.Write(ref _state, taken ? Stands : Failed);

    private static int StateOf(long batch) => (int)(batch % int.MaxValue) + 1;
}
