using System.Buffers.Binary;
using System.Net.Sockets;
using Proxy.Core.Policy;
using Proxy.Tests.Policy;
using Proxy.Tests.Postgres.Framing;
using Proxy.Tests.Support;

namespace Proxy.Tests.Postgres.Masking;

/// <summary>
/// Masked rows through the proxy's server loop, from a scripted server that splits its answer at every offset:
/// however the bytes arrive, each row is framed whole, masked once, and forwarded with correct lengths; rows with
/// nothing to mask arrive byte for byte as sent.
/// </summary>
public sealed class MaskedRowFramingTests
{
    private const string Policy = """
        version 1
        rule cards {
          when protocol == postgres
          then mask pattern credit_card with partial(keep: 4)
        }
        """;

    private static readonly byte[] Answer = PostgresWire.Concat(
        PostgresWire.Typed('T', m => m.Int16(2)
            .CString("id").Int32(0).Int16(0).Int32(23).Int16(4).Int32(-1).Int16(0)
            .CString("note").Int32(0).Int16(0).Int32(25).Int16(-1).Int32(-1).Int16(0)),
        ResultMaskTests.DataRow("1", "card 4111111111111111 ✓"),
        ResultMaskTests.DataRow("2", null),
        ResultMaskTests.DataRow("3", "nothing here"),
        PostgresWire.Typed('C', m => m.CString("SELECT 3")),
        PostgresWire.Typed('Z', m => m.Byte((byte)'I')));

    [Test]
    [CancelAfter(120_000)]
    public async Task A_masked_result_split_at_every_offset_arrives_masked_and_whole(CancellationToken cancellationToken)
    {
        var split = 0;
        await using var upstream = FakeUpstream.Start(async (socket, token) =>
        {
            socket.NoDelay = true;
            await ReadStartupAsync(socket, token);
            await socket.SendAllAsync(PostgresWire.Concat(PostgresWire.Typed('R', m => m.Int32(0)), PostgresWire.Typed('Z', m => m.Byte((byte)'I'))), token);
            await ReadMessageAsync(socket, token);
            var at = Interlocked.Increment(ref split) - 1;
            await socket.SendAllAsync(Answer.AsMemory(0, at), token);
            await Task.Delay(2, token);
            await socket.SendAllAsync(Answer.AsMemory(at), token);
            await ReadMessageAsync(socket, token);
        });
        await using var proxy = InProcessProxy.Start(
            InProcessProxy.Listener(upstream.EndPoint) with { Protocol = "postgres" },
            policy: new PolicyStore(PolicyEvaluationTests.Compile(Policy)));

        for (var offset = 0; offset <= Answer.Length; offset++)
        {
            await using var client = await PostgresWireClient.ConnectAsync(proxy.EndPoint, cancellationToken);
            await client.StartAsync(cancellationToken);
            await client.SendAsync(PostgresWireClient.Query("select id, note from notes"), cancellationToken);

            var messages = await client.ReadUntilReadyAsync(cancellationToken);

            Assert.That(string.Concat(messages.Select(m => m.Type)), Is.EqualTo("TDDDCZ"), $"split at {offset}");
            Assert.That(ResultMaskTests.BodyValues(messages[1].Body), Is.EqualTo(new[] { "1", "card ************1111 ✓" }), $"split at {offset}");
            Assert.That(ResultMaskTests.BodyValues(messages[2].Body), Is.EqualTo(new[] { "2", null }), $"split at {offset}");
            Assert.That(messages[3].Body, Is.EqualTo(ResultMaskTests.DataRow("3", "nothing here")[5..]), $"split at {offset}: unchanged bytes");
            await client.SendAsync(PostgresWireClient.Message('X', []), cancellationToken);
        }

        Assert.That(proxy.Errors, Is.Empty, proxy.Describe());
    }

    private static async Task ReadStartupAsync(Socket socket, CancellationToken cancellationToken)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(await socket.ReceiveExactlyAsync(4, cancellationToken));
        await socket.ReceiveExactlyAsync(length - 4, cancellationToken);
    }

    private static async Task ReadMessageAsync(Socket socket, CancellationToken cancellationToken)
    {
        var header = await socket.ReceiveExactlyAsync(5, cancellationToken);
        await socket.ReceiveExactlyAsync(BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4, cancellationToken);
    }
}
