namespace Proxy.Core.SessionLog;

public enum Durability
{
    /// <summary>Events are batched and committed in the background; traffic never waits for the log.</summary>
    Normal,

    /// <summary>
    /// An event is committed (group commit, fsync'd WAL) before the command it describes is forwarded;
    /// if the log cannot be written, new traffic is refused.
    /// </summary>
    Strict,
}
