namespace Proxy.Protocols.Postgres.Auth;

/// <summary>
/// One step of a SCRAM exchange: the next message to send, or why the exchange failed. The reason is for the
/// log only; a client is told nothing more than "password authentication failed" (SQLSTATE 28P01).
/// </summary>
internal readonly struct ScramStep
{
    private readonly byte[]? _message;

    private ScramStep(byte[]? message, string? failureReason)
    {
        _message = message;
        FailureReason = failureReason;
    }

    public bool Succeeded => FailureReason is null;

    /// <summary>The message to send next; empty when the exchange is complete and nothing is left to send.</summary>
    public ReadOnlyMemory<byte> Message => _message ?? throw new InvalidOperationException($"the SCRAM exchange failed: {FailureReason}");

    public string? FailureReason { get; }

    public static ScramStep Send(byte[] message) => new(message, null);

    public static ScramStep Complete() => new([], null);

    public static ScramStep Fail(string reason) => new(null, reason);

    public override string ToString() => Succeeded ? $"ok ({_message!.Length} bytes to send)" : $"failed: {FailureReason}";
}
