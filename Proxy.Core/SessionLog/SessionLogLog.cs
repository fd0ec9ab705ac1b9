using Microsoft.Extensions.Logging;

namespace Proxy.Core.SessionLog;

internal static partial class SessionLogLog
{
    [LoggerMessage(2000, LogLevel.Information, "Session log {Path} open (schema version {Version}, {Durability} durability)")]
    public static partial void Opened(ILogger logger, string path, int version, Durability durability);

    [LoggerMessage(2001, LogLevel.Information, "Session log {Path}: schema migrated from version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(2002, LogLevel.Error, "Session log cannot be written, retrying with backoff: {Fault}")]
    public static partial void WriteFailed(ILogger logger, string fault, Exception exception);

    [LoggerMessage(2003, LogLevel.Information, "Session log {Path} writable again after {Elapsed}")]
    public static partial void Recovered(ILogger logger, string path, TimeSpan elapsed);

    [LoggerMessage(2004, LogLevel.Warning, "Session log {Path}: {Count} events were dropped because the queue was full ({Fault})")]
    public static partial void EventsDropped(ILogger logger, string path, long count, string fault);

    [LoggerMessage(2005, LogLevel.Error, "Session log {Path}: a {Kind} event could not be serialized; stored with an error marker")]
    public static partial void SerializationFailed(ILogger logger, string path, string kind, Exception exception);

    [LoggerMessage(2006, LogLevel.Error, "Session log {Path}: still failing {Limit} after close began; {Lost} queued events were lost ({Fault})")]
    public static partial void GaveUp(ILogger logger, string path, TimeSpan limit, long lost, string fault);

    [LoggerMessage(2007, LogLevel.Critical, "Session log {Path}: the writer stopped; nothing more will be written")]
    public static partial void WriterStopped(ILogger logger, string path, Exception exception);

    [LoggerMessage(2008, LogLevel.Information, "Session log {Path} closed")]
    public static partial void Closed(ILogger logger, string path);
}
