using System.Buffers.Binary;
using System.Text;
using Proxy.Core.Policy;
using Proxy.Protocols.Postgres;
using Proxy.Tests.Policy;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>
/// Pattern masking in the extended protocol without a Describe of the proxy's own before each Execute: a
/// statement's result shape is kept from the first Describe and combined with each Bind's result formats. These
/// speak the protocol byte by byte, so the formats, the Describes sent and the statements dropped are the test's.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresKeptShapeTests
{
    private const string Policy = """
        version 1
        default allow

        rule cards {
          when protocol == postgres
          then mask pattern credit_card with partial(keep: 4)
        }

        rule no_vault {
          when sql.text ~ /\bvault\b/i
          then block "the vault is closed"
        }
        """;

    private const string Card = "card 4111 1111 1111 1111 on file";
    private const string Masked = "card ***************1111 on file";

    private InProcessProxy _proxy = null!;
    private string _database = null!;

    private static PostgresServer Server => PostgresFixture.Server;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await Server.CreateDatabaseAsync("kept_shape", $"""
            create table cards (id int primary key, note text);
            insert into cards values (1, '{Card}'), (2, 'nothing here');
            create table vault (id int);
            """);

    [OneTimeTearDown]
    public async Task DropDatabaseAsync() => await Server.DropDatabaseAsync(_database);

    [SetUp]
    public void Start() => _proxy = InProcessProxy.Start(
        InProcessProxy.Listener(Server.EndPoint) with { Protocol = "postgres", ProtocolSettings = new PostgresSettings() },
        policy: new PolicyStore(PolicyEvaluationTests.Compile(Policy)));

    [TearDown]
    public async Task StopAsync() => await _proxy.DisposeAsync();

    [Test]
    [CancelAfter(60_000)]
    public async Task A_named_statement_executed_with_different_result_formats_stays_masked(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        var clientEndPoint = client.Socket.LocalEndPoint!;
        long received = 0;
        await client.SendAsync(Batch(Parse("s", "select id, note from cards where id = $1"), Sync()), cancellationToken);
        received += Size(await client.ReadUntilReadyAsync(cancellationToken));

        // The first Execute follows the client's own Describe of its portal; the rest come without any Describe,
        // each Bind asking for other formats: all text, all binary, one code per column either way.
        short[][] formats = [[], [1], [0, 1], [1, 0], [1], [], [0]];
        for (var round = 0; round < formats.Length; round++)
        {
            byte[] batch = [.. Bind("", "s", formats[round], "1"), .. round == 0 ? Describe('P', "") : [], .. Execute(""), .. Sync()];
            await client.SendAsync(batch, cancellationToken);
            var messages = await client.ReadUntilReadyAsync(cancellationToken);
            received += Size(messages);

            var rows = messages.Where(m => m.Type == 'D').ToList();
            Assert.That(rows, Has.Count.EqualTo(1), $"round {round}: {Types(messages)}");
            var (id, note) = (Field(rows[0].Body, 0), Field(rows[0].Body, 1));
            var binaryId = formats[round] is [1] or [1, _];
            Assert.That(binaryId ? BinaryPrimitives.ReadInt32BigEndian(id) : int.Parse(Encoding.UTF8.GetString(id), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1), $"round {round}");
            Assert.That(Encoding.UTF8.GetString(note), Is.EqualTo(Masked), $"round {round}: binary text is its UTF-8 and is masked the same");
        }

        // The answers of a Describe the proxy sent itself would arrive from the server and not reach the client.
        // Masking keeps a value's length here, so what came from the server is exactly what the client received.
        await client.SendAsync(Terminate(), cancellationToken);
        var closed = await _proxy.WaitForCloseAsync(clientEndPoint, cancellationToken);
        Assert.That(closed.BytesFromUpstream - (received + StartupBytes), Is.Zero, "no Describe of the proxy's own: " + _proxy.Describe());
        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_statement_the_client_never_describes_is_masked_on_every_execute(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("n", "select note, id from cards order by id"), Sync()), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        for (var round = 0; round < 4; round++)
        {
            // Two executes of one portal with a row limit: the second resumes the suspended portal.
            byte[] batch = [.. Bind("c", "n", round % 2 == 0 ? [] : [1], null), .. Execute("c", limit: 1), .. Execute("c", limit: 0), .. Sync()];
            await client.SendAsync(batch, cancellationToken);
            var messages = await client.ReadUntilReadyAsync(cancellationToken);

            var notes = messages.Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(Field(m.Body, 0))).ToList();
            Assert.That(notes, Is.EqualTo(new[] { Masked, "nothing here" }), $"round {round}: {Types(messages)}");
            Assert.That(Types(messages), Does.Contain("s"), "the first Execute was suspended");
        }

        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_fetch_statement_whose_cursor_changes_shape_stays_masked(CancellationToken cancellationToken)
    {
        // PostgreSQL checks the result shape of planned statements only: a prepared FETCH answers whatever the
        // cursor of that name is at the time. Described over an int4 first (which patterns skip), then over text.
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Query("begin; declare c cursor for select id from cards order by id"), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("f", "fetch all from c"), Describe('S', "f"), Sync()), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        await client.SendAsync(Batch(Bind("", "f", [], null), Execute(""), Sync()), cancellationToken);
        var ids = (await client.ReadUntilReadyAsync(cancellationToken)).Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(Field(m.Body, 0)));
        Assert.That(ids, Is.EqualTo(new[] { "1", "2" }));

        await client.SendAsync(Query("close c; declare c cursor for select note from cards order by id"), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        await client.SendAsync(Batch(Bind("", "f", [], null), Execute(""), Sync()), cancellationToken);
        var messages = await client.ReadUntilReadyAsync(cancellationToken);

        var notes = messages.Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(Field(m.Body, 0)));
        Assert.That(notes, Is.EqualTo(new[] { Masked, "nothing here" }), Types(messages));
        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_deallocate_parsed_before_its_statement_drops_it_when_run(CancellationToken cancellationToken)
    {
        // The DEALLOCATE is parsed before `s` exists and run after: what it drops is decided when it runs, so the proxy
        // forgets `s` with the server, and the next Parse of `s` is a new statement with its own text column shape.
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("x", "deallocate s"), Parse("s", "select id from cards order by id"), Describe('S', "s"), Sync()), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        await client.SendAsync(Batch(Bind("", "x", [], null), Execute(""), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("2CZ"));

        await client.SendAsync(Batch(Parse("s", "select note from cards order by id"), Bind("", "s", [], null), Execute(""), Sync()), cancellationToken);
        var messages = await client.ReadUntilReadyAsync(cancellationToken);

        var notes = messages.Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(Field(m.Body, 0)));
        Assert.That(notes, Is.EqualTo(new[] { Masked, "nothing here" }), Types(messages));
        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_refused_named_statement_leaves_its_name_free(CancellationToken cancellationToken)
    {
        // The server never got the refused Parse, so the name is free there; the proxy keeps nothing for it either.
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("v", "select id from vault"), Sync()), cancellationToken);
        var refused = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(Encoding.UTF8.GetString(refused.Single(m => m.Type == 'E').Body), Does.Contain("the vault is closed"));

        await client.SendAsync(Batch(Parse("v", "select note from cards where id = 1"), Bind("", "v", [], null), Execute(""), Sync()), cancellationToken);
        var messages = await client.ReadUntilReadyAsync(cancellationToken);

        Assert.That(messages.Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(Field(m.Body, 0))), Is.EqualTo(new[] { Masked }), Types(messages));
    }

    /// <summary>
    /// A name dropped and prepared again is a new statement: its shape (here, a text column where there was only
    /// an int4, whose rows stream unread) must not be taken from the one it replaced.
    /// </summary>
    [TestCase("close")]
    [TestCase("deallocate")]
    [TestCase("deallocate all")]
    [TestCase("discard all")]
    [CancelAfter(60_000)]
    public async Task A_statement_prepared_again_under_its_name_after_ddl_is_described_anew(string drop, CancellationToken cancellationToken)
    {
        var table = $"shapes_{drop.Replace(' ', '_')}";
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(PostgresWireClient.Query($"drop table if exists {table}; create table {table} (id int); insert into {table} values (1)"), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("r", $"select * from {table}"), Sync()), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        for (var round = 0; round < 2; round++)
        {
            await client.SendAsync(Batch(Bind("", "r", [], null), Describe('P', ""), Execute(""), Sync()), cancellationToken);
            var before = await client.ReadUntilReadyAsync(cancellationToken);
            Assert.That(before.Count(m => m.Type == 'D'), Is.EqualTo(1), Types(before));
        }

        byte[] dropping = drop == "close"
            ? [.. Close('S', "r"), .. Sync()]
            : PostgresWireClient.Query(drop == "deallocate" ? "deallocate r" : drop);
        await client.SendAsync(dropping, cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Does.Not.Contain("E"));

        await client.SendAsync(PostgresWireClient.Query($"alter table {table} add column note text; update {table} set note = '{Card}'"), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("r", $"select * from {table}"), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Does.Not.Contain("E"));
        for (var round = 0; round < 3; round++)
        {
            await client.SendAsync(Batch(Bind("", "r", round == 1 ? [1] : [], null), Execute(""), Sync()), cancellationToken);
            var after = await client.ReadUntilReadyAsync(cancellationToken);

            var row = after.Single(m => m.Type == 'D');
            Assert.That(Encoding.UTF8.GetString(Field(row.Body, 1)), Is.EqualTo(Masked), $"{drop}, round {round}");
        }

        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    /// <summary>
    /// The server keeps a statement's result shape fixed while it exists: after DDL that changes it, executing the
    /// statement fails ("cached plan must not change result type") and the session goes on.
    /// </summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task A_kept_statement_whose_table_changed_fails_at_the_server_and_the_session_goes_on(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(PostgresWireClient.Query("drop table if exists changing; create table changing (id int); insert into changing values (1)"), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("k", "select * from changing"), Bind("", "k", [], null), Describe('P', ""), Execute(""), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Does.Contain("D"));
        await client.SendAsync(PostgresWireClient.Query($"alter table changing add column note text; update changing set note = '{Card}'"), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);

        await client.SendAsync(Batch(Bind("", "k", [], null), Execute(""), Sync()), cancellationToken);
        var messages = await client.ReadUntilReadyAsync(cancellationToken);

        var error = messages.Single(m => m.Type == 'E').Fields();
        Assert.That(error['C'], Is.EqualTo("0A000"), error['M']);
        Assert.That(messages.Where(m => m.Type == 'D'), Is.Empty);
        await client.SendAsync(PostgresWireClient.Query("select note from changing"), cancellationToken);
        var again = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(Encoding.UTF8.GetString(Field(again.Single(m => m.Type == 'D').Body, 0)), Is.EqualTo(Masked));
    }

    /// <summary>
    /// A name dropped in SQL and prepared again with a statement the policy refuses is refused: the decision of the
    /// statement it replaced does not carry over.
    /// </summary>
    [TestCase("deallocate p", "p")]
    [TestCase("DEALLOCATE PREPARE \"Mixed\"", "Mixed")]
    [TestCase("deallocate all", "p")]
    [TestCase("discard all", "p")]
    [CancelAfter(60_000)]
    public async Task A_name_dropped_in_sql_and_prepared_again_is_decided_again(string drop, string name, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse(name, "select 1"), Bind("", name, [], null), Execute(""), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Does.Contain("D"));
        await client.SendAsync(PostgresWireClient.Query(drop), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Does.Not.Contain("E"));

        await client.SendAsync(Batch(Parse(name, "select * from vault"), Bind("", name, [], null), Execute(""), Sync()), cancellationToken);
        var messages = await client.ReadUntilReadyAsync(cancellationToken);

        var error = messages.Single(m => m.Type == 'E').Fields();
        Assert.That(error['M'], Does.Contain("the vault is closed"));
    }

    /// <summary>The bytes of the login, as the server sent them before the first message counted by the tests.</summary>
    private long StartupBytes { get; set; }

    private async Task<PostgresWireClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = await PostgresWireClient.ConnectAsync(_proxy.EndPoint, cancellationToken);
        await client.SendAsync(PostgresWireClient.Startup(("user", PostgresServer.Superuser), ("database", _database)), cancellationToken);
        StartupBytes = Size(await client.ReadUntilReadyAsync(cancellationToken));
        return client;
    }

    internal static long Size(IEnumerable<WireMessage> messages) => messages.Sum(m => 5L + m.Body.Length);

    internal static string Types(IEnumerable<WireMessage> messages) => string.Concat(messages.Select(m => m.Type));

    internal static byte[] Parse(string name, string sql) => PostgresWireClient.Message('P', [.. CString(name), .. CString(sql), 0, 0]);

    internal static byte[] Bind(string portal, string statement, short[] resultFormats, string? parameter)
    {
        var body = new List<byte>();
        body.AddRange(CString(portal));
        body.AddRange(CString(statement));
        body.AddRange(Int16(0));
        if (parameter is null)
        {
            body.AddRange(Int16(0));
        }
        else
        {
            var value = Encoding.UTF8.GetBytes(parameter);
            body.AddRange(Int16(1));
            body.AddRange(Int32(value.Length));
            body.AddRange(value);
        }

        body.AddRange(Int16((short)resultFormats.Length));
        foreach (var format in resultFormats)
        {
            body.AddRange(Int16(format));
        }

        return PostgresWireClient.Message('B', [.. body]);
    }

    internal static byte[] Describe(char what, string name) => PostgresWireClient.Message('D', [(byte)what, .. CString(name)]);

    internal static byte[] Close(char what, string name) => PostgresWireClient.Message('C', [(byte)what, .. CString(name)]);

    internal static byte[] Execute(string portal, int limit = 0) => PostgresWireClient.Message('E', [.. CString(portal), .. Int32(limit)]);

    internal static byte[] Batch(params byte[][] messages) => [.. messages.SelectMany(m => m)];

    internal static byte[] Sync() => PostgresWireClient.Message('S', []);

    internal static byte[] Query(string sql) => PostgresWireClient.Message('Q', CString(sql));

    internal static byte[] Terminate() => PostgresWireClient.Message('X', []);

    internal static byte[] CString(string value) => [.. Encoding.UTF8.GetBytes(value), 0];

    internal static byte[] Int16(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }

    internal static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>Value <paramref name="index"/> of a DataRow body (not NULL).</summary>
    internal static byte[] Field(byte[] body, int index)
    {
        var at = 2;
        for (var i = 0; ; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(at));
            at += 4;
            if (i == index)
            {
                return length < 0 ? throw new AssertionException($"value {index} is NULL") : body.AsSpan(at, length).ToArray();
            }

            at += Math.Max(length, 0);
        }
    }
}
