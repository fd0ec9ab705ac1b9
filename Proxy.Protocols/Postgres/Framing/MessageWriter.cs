using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Proxy.Protocols.Postgres.Framing;

/// <summary>The fields of an ErrorResponse or NoticeResponse (PostgreSQL protocol 55.8).</summary>
public sealed record ErrorFields(string Severity, string SqlState, string Message, string? Detail = null, string? Hint = null)
{
    public const string Error = "ERROR";
    public const string Fatal = "FATAL";
    public const string Notice = "NOTICE";

    /// <summary>00000: a notice that reports no condition.</summary>
    public const string SuccessfulCompletion = "00000";

    /// <summary>57014: what the server answers a cancelled statement; clients treat it as a cancel.</summary>
    public const string QueryCanceled = "57014";

    /// <summary>08P01: the peer broke the protocol.</summary>
    public const string ProtocolViolation = "08P01";

    /// <summary>42501: not permitted; what a blocked statement gets, as for a missing privilege.</summary>
    public const string InsufficientPrivilege = "42501";

    /// <summary>28000: the connection is not allowed (as for a pg_hba.conf rule that refuses it).</summary>
    public const string InvalidAuthorization = "28000";

    /// <summary>28P01: a password did not match.</summary>
    public const string InvalidPassword = "28P01";

    /// <summary>
    /// 55000 (object_not_in_prerequisite_state): the statement cannot run now, as when strict durability cannot
    /// record it. Not 58030 (io_error): clients such as Npgsql close the connection on class 58.
    /// </summary>
    public const string PrerequisiteMissing = "55000";

    /// <summary>duplicate_prepared_statement: a Parse names a statement that already exists.</summary>
    public const string DuplicatePreparedStatement = "42P05";

    /// <summary>08006: the connection failed (the upstream is gone).</summary>
    public const string ConnectionFailure = "08006";
}

/// <summary>
/// Writes the messages the proxy itself originates. Everything it merely forwards goes out as the bytes
/// that came in; these are for answers of its own (errors, key data) and for the statements it substitutes.
/// </summary>
public static class MessageWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The one-byte answer to SSLRequest or GSSENCRequest: 'S' (go ahead) or 'N' (not here).</summary>
    public static void WriteEncryptionAnswer(IBufferWriter<byte> output, bool accept)
    {
        output.GetSpan(1)[0] = accept ? (byte)'S' : (byte)'N';
        output.Advance(1);
    }

    public static void WriteError(IBufferWriter<byte> output, ErrorFields error) => WriteErrorOrNotice(output, BackendMessageType.ErrorResponse, error);

    public static void WriteNotice(IBufferWriter<byte> output, ErrorFields notice) => WriteErrorOrNotice(output, BackendMessageType.NoticeResponse, notice);

    public static void WriteReadyForQuery(IBufferWriter<byte> output, byte transactionStatus)
    {
        var span = output.GetSpan(6);
        span[0] = (byte)BackendMessageType.ReadyForQuery;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], 5);
        span[5] = transactionStatus;
        output.Advance(6);
    }

    /// <summary>BackendKeyData: a process id and a secret key (4 bytes in protocol 3.0, up to 256 in 3.2).</summary>
    public static void WriteBackendKeyData(IBufferWriter<byte> output, int processId, ReadOnlySpan<byte> secret)
    {
        var length = 4 + 4 + secret.Length;
        var span = output.GetSpan(1 + length);
        span[0] = (byte)BackendMessageType.BackendKeyData;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        BinaryPrimitives.WriteInt32BigEndian(span[5..], processId);
        secret.CopyTo(span[9..]);
        output.Advance(1 + length);
    }

    /// <summary>CancelRequest (untyped): length, code, process id, secret key.</summary>
    public static void WriteCancelRequest(IBufferWriter<byte> output, int processId, ReadOnlySpan<byte> secret)
    {
        var length = 12 + secret.Length;
        var span = output.GetSpan(length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], StartupCodes.CancelRequest);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], processId);
        secret.CopyTo(span[12..]);
        output.Advance(length);
    }

    /// <summary>A simple Query message.</summary>
    public static void WriteQuery(IBufferWriter<byte> output, string sql)
    {
        var textLength = StringFieldLength(sql, nameof(sql));
        var span = output.GetSpan(1 + 4 + textLength + 1);
        span[0] = (byte)FrontendMessageType.Query;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], 4 + textLength + 1);
        Utf8.GetBytes(sql, span[5..]);
        span[5 + textLength] = 0;
        output.Advance(1 + 4 + textLength + 1);
    }

    /// <summary>A Parse of <paramref name="sql"/> into the unnamed statement, with no parameter types.</summary>
    public static void WriteParse(IBufferWriter<byte> output, string sql)
    {
        var textLength = StringFieldLength(sql, nameof(sql));
        var length = 4 + 1 + textLength + 1 + 2;
        var span = output.GetSpan(1 + length);
        span[0] = (byte)FrontendMessageType.Parse;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        span[5] = 0;
        Utf8.GetBytes(sql, span[6..]);
        span[6 + textLength] = 0;
        BinaryPrimitives.WriteInt16BigEndian(span[(7 + textLength)..], 0);
        output.Advance(1 + length);
    }

    /// <summary>Describe of a portal ('P') or a prepared statement ('S').</summary>
    public static void WriteDescribe(IBufferWriter<byte> output, byte kind, string name)
    {
        var nameLength = StringFieldLength(name, nameof(name));
        var length = 4 + 1 + nameLength + 1;
        var span = output.GetSpan(1 + length);
        span[0] = (byte)FrontendMessageType.Describe;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        span[5] = kind;
        Utf8.GetBytes(name, span[6..]);
        span[6 + nameLength] = 0;
        output.Advance(1 + length);
    }

    /// <summary>Any typed message whose body is already built: the authentication exchange's messages.</summary>
    public static void WriteMessage(IBufferWriter<byte> output, byte type, ReadOnlySpan<byte> body)
    {
        var span = output.GetSpan(5 + body.Length);
        span[0] = type;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], 4 + body.Length);
        body.CopyTo(span[5..]);
        output.Advance(5 + body.Length);
    }

    /// <summary>An Authentication message ('R'): the request code, then what that request carries.</summary>
    public static void WriteAuthentication(IBufferWriter<byte> output, int code, ReadOnlySpan<byte> data)
    {
        Span<byte> body = stackalloc byte[4 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(body, code);
        data.CopyTo(body[4..]);
        WriteMessage(output, (byte)BackendMessageType.Authentication, body);
    }

    /// <summary>Copies a sequence (a forwarded message) to the output.</summary>
    public static void WriteRaw(IBufferWriter<byte> output, in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            output.Write(segment.Span);
        }
    }

    /// <summary>
    /// The UTF-8 length of a String field's text. A String ends at its first zero byte (PostgreSQL protocol
    /// 55.6), so a zero inside the text would end the field early and the peer would read the rest as
    /// fields of their own: a forged SQLSTATE in an ErrorResponse, a statement cut short in a Query. The
    /// text is refused before anything is written.
    /// </summary>
    private static int StringFieldLength(string value, string parameterName)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a PostgreSQL string field cannot contain a zero character", parameterName);
        }

        return Utf8.GetByteCount(value);
    }

    private static void WriteErrorOrNotice(IBufferWriter<byte> output, BackendMessageType type, ErrorFields fields)
    {
        // 'S' is the localized severity and 'V' the untranslated one (9.6+); we send both, as servers do.
        Span<(byte Code, string? Value)> parts =
        [
            ((byte)'S', fields.Severity), ((byte)'V', fields.Severity), ((byte)'C', fields.SqlState),
            ((byte)'M', fields.Message), ((byte)'D', fields.Detail), ((byte)'H', fields.Hint),
        ];
        var length = 4 + 1;
        foreach (var (_, value) in parts)
        {
            if (value is not null)
            {
                length += 1 + StringFieldLength(value, nameof(fields)) + 1;
            }
        }

        var span = output.GetSpan(1 + length);
        span[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        var at = 5;
        foreach (var (code, value) in parts)
        {
            if (value is null)
            {
                continue;
            }

            span[at++] = code;
            at += Utf8.GetBytes(value, span[at..]);
            span[at++] = 0;
        }

        span[at] = 0;
        output.Advance(1 + length);
    }
}
