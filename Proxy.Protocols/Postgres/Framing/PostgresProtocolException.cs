using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Proxy.Protocols.Postgres.Framing;

/// <summary>
/// Bytes that are not the PostgreSQL protocol: a bad length, an unknown startup code, a body that does not
/// match its type. The session answers with ErrorResponse 08P01 and closes; the proxy is unaffected.
/// </summary>
public sealed class PostgresProtocolException : Exception
{
    public PostgresProtocolException(string message)
        : base(message)
    {
    }

    public PostgresProtocolException()
    {
    }

    public PostgresProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Kept out of line so the framers' hot paths stay small enough to inline.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string message) => throw new PostgresProtocolException(message);
}
