using System.Buffers.Binary;
using System.Text;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Tests.Postgres.Framing;

/// <summary>
/// Builds PostgreSQL messages field by field (PostgreSQL protocol 55.7, "Message Formats"), the length
/// counted from what was written, so a corpus entry reads like the spec's field list.
/// </summary>
internal sealed class PostgresWire
{
    private readonly List<byte> _bytes = [];

    public PostgresWire Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public PostgresWire Int16(short value)
    {
        Span<byte> field = stackalloc byte[2];
        BinaryPrimitives.WriteInt16BigEndian(field, value);
        _bytes.AddRange(field);
        return this;
    }

    public PostgresWire Int32(int value)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(field, value);
        _bytes.AddRange(field);
        return this;
    }

    public PostgresWire CString(string value)
    {
        _bytes.AddRange(Encoding.UTF8.GetBytes(value));
        _bytes.Add(0);
        return this;
    }

    public PostgresWire Bytes(params byte[] value)
    {
        _bytes.AddRange(value);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>A typed message: type byte, Int32 length counting itself and the body, body.</summary>
    public static byte[] Typed(char type, Action<PostgresWire> body)
    {
        var fields = new PostgresWire();
        body(fields);
        return new PostgresWire().Byte((byte)type).Int32(4 + fields._bytes.Count).Bytes([.. fields._bytes])._bytes.ToArray();
    }

    /// <summary>An untyped first message: Int32 length counting everything, Int32 code, body.</summary>
    public static byte[] Startup(int code, Action<PostgresWire> body)
    {
        var fields = new PostgresWire();
        body(fields);
        return new PostgresWire().Int32(8 + fields._bytes.Count).Int32(code).Bytes([.. fields._bytes])._bytes.ToArray();
    }

    /// <summary>A message header alone, with whatever length it is told to declare.</summary>
    public static byte[] TypedHeader(char type, int declaredLength) =>
        new PostgresWire().Byte((byte)type).Int32(declaredLength)._bytes.ToArray();

    public static byte[] StartupHeader(int length, int code) =>
        new PostgresWire().Int32(length).Int32(code)._bytes.ToArray();

    public static byte[] Concat(params byte[][] messages) => [.. messages.SelectMany(m => m)];

    public static int Protocol(int major, int minor) => (major << 16) | minor;
}

/// <summary>Real messages of both directions, as psql, libpq, pgbench and the server send them.</summary>
internal static class PostgresCorpus
{
    // Protocol 3.2 (PostgreSQL 18) cancel keys are up to 256 bytes; the server sends 32.
    public static readonly byte[] LongCancelKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i))];

    public static readonly byte[] Query = PostgresWire.Typed('Q', m => m.CString("SELECT abalance FROM pgbench_accounts WHERE aid = 42;"));

    public static readonly byte[] Parse = PostgresWire.Typed('P', m => m
        .CString("s1")
        .CString("SELECT $1::int4, $2::text")
        .Int16(2).Int32(23).Int32(25));

    /// <summary>Three parameters: "42" as text, 7 as a binary int4, and NULL; binary results.</summary>
    public static readonly byte[] Bind = PostgresWire.Typed('B', m => m
        .CString("")
        .CString("s1")
        .Int16(3).Int16(0).Int16(1).Int16(0)
        .Int16(3)
        .Int32(2).Bytes("42"u8.ToArray())
        .Int32(4).Int32(7)
        .Int32(-1)
        .Int16(1).Int16(1));

    public static readonly byte[] Execute = PostgresWire.Typed('E', m => m.CString("").Int32(0));

    /// <summary>The empty-body message: length 4, counting only itself.</summary>
    public static readonly byte[] Sync = [(byte)'S', 0, 0, 0, 4];

    public static readonly byte[] Terminate = [(byte)'X', 0, 0, 0, 4];

    public static readonly byte[] CopyData = PostgresWire.Typed('d', m => m.Bytes("1\tone\t\\N\n"u8.ToArray()));

    public static readonly byte[] ErrorResponse = PostgresWire.Typed('E', m => m
        .Byte((byte)'S').CString("ERROR")
        .Byte((byte)'V').CString("ERROR")
        .Byte((byte)'C').CString("42P01")
        .Byte((byte)'M').CString("relation \"nope\" does not exist")
        .Byte((byte)'P').CString("15")
        .Byte((byte)'F').CString("parse_relation.c")
        .Byte((byte)'L').CString("1449")
        .Byte((byte)'R').CString("parserOpenTable")
        .Byte(0));

    public static readonly byte[] RowDescription = PostgresWire.Typed('T', m => m
        .Int16(1)
        .CString("abalance").Int32(16397).Int16(3).Int32(23).Int16(4).Int32(-1).Int16(0));

    /// <summary>Two columns: "1" and NULL.</summary>
    public static readonly byte[] DataRow = PostgresWire.Typed('D', m => m.Int16(2).Int32(1).Bytes((byte)'1').Int32(-1));

    public static readonly byte[] ReadyForQuery = [(byte)'Z', 0, 0, 0, 5, (byte)'I'];

    public static readonly byte[] CommandComplete = PostgresWire.Typed('C', m => m.CString("SELECT 1"));

    public static readonly byte[] StartupMessage30 = PostgresWire.Startup(StartupCodes.ProtocolVersion3, m => m
        .CString("user").CString("postgres")
        .CString("database").CString("pgbench")
        .CString("application_name").CString("psql")
        .CString("client_encoding").CString("UTF8")
        .Byte(0));

    public static readonly byte[] StartupMessage32 = PostgresWire.Startup(PostgresWire.Protocol(3, 2), m => m
        .CString("user").CString("app")
        .CString("database").CString("orders")
        .CString("application_name").CString("billing")
        .CString("_pq_.test_protocol_negotiation").CString("on")
        .Byte(0));

    public static readonly byte[] SslRequest = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F];

    public static readonly byte[] GssEncRequest = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x30];

    public static readonly byte[] CancelRequest = [0, 0, 0, 16, 0x04, 0xD2, 0x16, 0x2E, 0, 0, 0x30, 0x39, 0xDE, 0xAD, 0xBE, 0xEF];

    public static readonly byte[] CancelRequest32 = PostgresWire.Startup(StartupCodes.CancelRequest, m => m.Int32(12345).Bytes(LongCancelKey));

    public static IEnumerable<TestCaseData> TypedMessages()
    {
        yield return Named("Query", Query);
        yield return Named("Parse", Parse);
        yield return Named("Bind", Bind);
        yield return Named("Execute", Execute);
        yield return Named("Sync", Sync);
        yield return Named("Terminate", Terminate);
        yield return Named("CopyData", CopyData);
        yield return Named("ErrorResponse", ErrorResponse);
        yield return Named("RowDescription", RowDescription);
        yield return Named("DataRow", DataRow);
        yield return Named("ReadyForQuery", ReadyForQuery);
        yield return Named("CommandComplete", CommandComplete);
    }

    public static IEnumerable<TestCaseData> StartupPackets()
    {
        yield return Named("StartupMessage 3.0", StartupMessage30, StartupCodes.ProtocolVersion3);
        yield return Named("StartupMessage 3.2", StartupMessage32, PostgresWire.Protocol(3, 2));
        yield return Named("SSLRequest", SslRequest, StartupCodes.SslRequest);
        yield return Named("GSSENCRequest", GssEncRequest, StartupCodes.GssEncRequest);
        yield return Named("CancelRequest", CancelRequest, StartupCodes.CancelRequest);
        yield return Named("CancelRequest 3.2", CancelRequest32, StartupCodes.CancelRequest);
    }

    public static IEnumerable<byte[]> AllTypedMessages() => TypedMessages().Select(c => (byte[])c.Arguments[0]!);

    private static TestCaseData Named(string name, byte[] bytes) => new TestCaseData(bytes).SetArgDisplayNames(name);

    private static TestCaseData Named(string name, byte[] bytes, int code) => new TestCaseData(bytes, code).SetArgDisplayNames(name);
}
