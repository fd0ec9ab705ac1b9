namespace Proxy.Protocols.Postgres.Framing;

/// <summary>
/// Messages a client sends after the startup phase, by their type byte (PostgreSQL protocol 55.7,
/// "Message Formats"). Values are the wire characters, so a type byte casts straight to the enum.
/// </summary>
public enum FrontendMessageType : byte
{
    Bind = (byte)'B',
    Close = (byte)'C',
    CopyData = (byte)'d',
    CopyDone = (byte)'c',
    CopyFail = (byte)'f',
    Describe = (byte)'D',
    Execute = (byte)'E',
    Flush = (byte)'H',
    FunctionCall = (byte)'F',
    Parse = (byte)'P',

    /// <summary>PasswordMessage, SASLInitialResponse, SASLResponse and GSSResponse share this byte.</summary>
    Password = (byte)'p',
    Query = (byte)'Q',
    Sync = (byte)'S',
    Terminate = (byte)'X',
}

/// <summary>Messages the server sends, by their type byte (PostgreSQL protocol 55.7).</summary>
public enum BackendMessageType : byte
{
    Authentication = (byte)'R',
    BackendKeyData = (byte)'K',
    BindComplete = (byte)'2',
    CloseComplete = (byte)'3',
    CommandComplete = (byte)'C',
    CopyData = (byte)'d',
    CopyDone = (byte)'c',
    CopyInResponse = (byte)'G',
    CopyOutResponse = (byte)'H',
    CopyBothResponse = (byte)'W',
    DataRow = (byte)'D',
    EmptyQueryResponse = (byte)'I',
    ErrorResponse = (byte)'E',
    FunctionCallResponse = (byte)'V',
    NegotiateProtocolVersion = (byte)'v',
    NoData = (byte)'n',
    NoticeResponse = (byte)'N',
    NotificationResponse = (byte)'A',
    ParameterDescription = (byte)'t',
    ParameterStatus = (byte)'S',
    ParseComplete = (byte)'1',
    PortalSuspended = (byte)'s',
    ReadyForQuery = (byte)'Z',
    RowDescription = (byte)'T',
}

/// <summary>The request codes of the untyped first messages (PostgreSQL protocol 55.2.1, 55.7).</summary>
public static class StartupCodes
{
    /// <summary>Protocol 3.0: major 3 in the high 16 bits, minor 0.</summary>
    public const int ProtocolVersion3 = 3 << 16;

    public const int CancelRequest = 80877102;

    public const int SslRequest = 80877103;

    public const int GssEncRequest = 80877104;
}
