using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Benchmarks.Macro;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.Transport;
using Proxy.Protocols;
using Proxy.Protocols.Postgres;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Benchmarks.Statements;

/// <summary>
/// What the statement and session benchmarks share: pgbench -S's statement, its messages as a peer frames them,
/// and the proxy they go through (a PostgreSQL listener with the policies/ directory this repository ships).
/// </summary>
internal static class Pgbench
{
    /// <summary>pgbench -S's statement, up to its parameter or literal.</summary>
    public const string Select = "SELECT abalance FROM pgbench_accounts WHERE aid = ";

    /// <summary>A listener's PostgreSQL handler with the shipped policies (the product as deployed).</summary>
    public static PostgresHandler ShippedHandler()
    {
        var (document, diagnostics) = PolicyLoader.Load(Path.Combine(MacroCommand.FindRepositoryRoot(), "policies"));
        var policy = new PolicyStore(CompiledPolicy.Compile(document ?? throw new InvalidOperationException(string.Join("\n", diagnostics))));
        var listener = new ListenerOptions
        {
            Name = "bench",
            Protocol = PostgresHandler.ProtocolName,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Upstream = new IPEndPoint(IPAddress.Loopback, 5432),
        };
        return new PostgresHandler(listener, new ProtocolServices { Policy = policy, LoggerFactory = NullLoggerFactory.Instance }, new PostgresSettings());
    }

    /// <summary>A typed protocol message whose body is <paramref name="parts"/>, one after the other.</summary>
    public static byte[] Message(char type, params ReadOnlySpan<byte[]> parts)
    {
        var body = new ArrayBufferWriter<byte>();
        foreach (var part in parts)
        {
            body.Write(part);
        }

        var output = new ArrayBufferWriter<byte>();
        MessageWriter.WriteMessage(output, (byte)type, body.WrittenSpan);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
