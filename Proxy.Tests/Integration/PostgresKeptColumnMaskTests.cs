using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Npgsql;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Protocols.Postgres;
using Proxy.Tests.Policy;
using Proxy.Tests.Support;
using static Proxy.Tests.Integration.PostgresKeptShapeTests;

namespace Proxy.Tests.Integration;

/// <summary>
/// Column masks in the extended protocol without a Describe of the proxy's own before each Execute: a planned
/// statement's columns are resolved through the catalog once and kept for as long as the catalog cache state they
/// were resolved in. Byte by byte, so the formats, the Describes and the DDL between Executes are the test's.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresKeptColumnMaskTests
{
    /// <summary>`partial` keeps a value's length, so bytes from the server and bytes to the client stay comparable.</summary>
    private const string Policy = """
        version 1
        default allow

        rule secrets {
          when protocol == postgres
          then mask column ["secret", "hidden.dup.note", "v_people.label"] with partial(keep: 2)
        }
        """;

    private const string CatalogRole = "kept_columns_catalog";

    private InProcessProxy _proxy = null!;
    private string _database = null!;

    private static PostgresServer Server => PostgresFixture.Server;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        await AsSuperuserAsync("postgres", $"drop role if exists {CatalogRole}; create role {CatalogRole} login");
        _database = await Server.CreateDatabaseAsync("kept_columns", """
            create table people (id int primary key, name text, secret text);
            insert into people values (1, 'annabel', 'ssh-secret-1'), (2, 'benedict', 'ssh-secret-2');
            create view v_people as select id, name as label from people;
            create table staff (id int, nick text);
            insert into staff values (1, 'annabel');
            create view v_staff as select id, nick as label from staff;
            create schema hidden;
            create table public.dup (id int, note text);
            create table hidden.dup (id int, note text);
            insert into public.dup values (1, 'public note');
            insert into hidden.dup values (1, 'hidden note');
            """);
    }

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        await Server.DropDatabaseAsync(_database);
        await AsSuperuserAsync("postgres", $"drop role if exists {CatalogRole}");
    }

    [SetUp]
    public void Start() => _proxy = InProcessProxy.Start(
        InProcessProxy.Listener(Server.EndPoint) with
        {
            Protocol = "postgres",
            ProtocolSettings = new PostgresSettings { Catalog = new HeldCredential(CatalogRole, string.Empty) },
        },
        policy: new PolicyStore(PolicyEvaluationTests.Compile(Policy)));

    [TearDown]
    public async Task StopAsync() => await _proxy.DisposeAsync();

    [Test]
    [CancelAfter(60_000)]
    public async Task Only_the_first_execute_of_a_column_masked_statement_is_described_by_the_proxy(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        var clientEndPoint = client.Socket.LocalEndPoint!;
        long received = 0;
        var prepared = await ExchangeAsync(client, Batch(Parse("s", "select id, name, secret from people where id = $1"), Describe('S', "s"), Sync()), cancellationToken);
        received += Size(prepared);
        var description = prepared.Single(m => m.Type == 'T');

        // Text, binary, one code per column either way; one round with the client's own Describe of its portal.
        short[][] formats = [[], [1], [0, 1, 1], [1, 0, 0], [1], [], [0]];
        for (var round = 0; round < formats.Length; round++)
        {
            byte[] batch = [.. Bind("", "s", formats[round], "1"), .. round == 3 ? Describe('P', "") : [], .. Execute(""), .. Sync()];
            var messages = await ExchangeAsync(client, batch, cancellationToken);
            received += Size(messages);

            var row = messages.Single(m => m.Type == 'D');
            var id = Field(row.Body, 0);
            Assert.That(formats[round] is [1] or [1, ..] ? BinaryPrimitives.ReadInt32BigEndian(id) : int.Parse(Encoding.UTF8.GetString(id), CultureInfo.InvariantCulture), Is.EqualTo(1), $"round {round}");
            Assert.That(Encoding.UTF8.GetString(Field(row.Body, 1)), Is.EqualTo("annabel"), $"round {round}");
            Assert.That(Encoding.UTF8.GetString(Field(row.Body, 2)), Is.EqualTo("**********-1"), $"round {round}: masked in text and binary alike");
        }

        // A mask naming a view's own column, kept the same way.
        var view = await ExchangeAsync(client, Batch(Parse("v", "select label from v_people order by id"), Describe('S', "v"), Sync()), cancellationToken);
        received += Size(view);
        var viewDescription = view.Single(m => m.Type == 'T');
        for (var round = 0; round < 3; round++)
        {
            var messages = await ExchangeAsync(client, Batch(Bind("", "v", round == 1 ? [1] : [], null), Execute(""), Sync()), cancellationToken);
            received += Size(messages);
            Assert.That(messages.Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(Field(m.Body, 0))), Is.EqualTo(new[] { "*****el", "******ct" }), $"round {round}");
        }

        // What the proxy's own Describes brought back never reached the client, and masking kept every length: the
        // difference is exactly one RowDescription per statement, for its first Execute.
        var fromUpstream = await CloseAsync(client, clientEndPoint, cancellationToken);
        Assert.That(fromUpstream - (received + StartupBytes), Is.EqualTo(Size([description, viewDescription])), "one Describe of the proxy's own per statement: " + _proxy.Describe());
        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_column_renamed_through_the_proxy_between_executes_is_masked_as_it_is_now(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        // It reads a masked column (people.secret) before and after, so only the resolution of `label` changes.
        await ExchangeAsync(client, Batch(Parse("l", "select s.label, p.secret from v_staff s, people p where s.id = 1 and p.id = 1"), Sync()), cancellationToken);
        Assert.That(await LabelsAsync(client, "l", cancellationToken), Is.EqualTo(new[] { "annabel", "annabel" }), "no mask applies to staff.nick");

        // The view's column now reads a column named `secret`: the kept columns were resolved before, and must go.
        // Renamed by psql in a session of its own through the proxy: DDL of any session drops the catalog cache.
        await PsqlThroughProxyAsync("alter table staff rename column nick to secret", cancellationToken);
        try
        {
            Assert.That(await LabelsAsync(client, "l", cancellationToken), Is.EqualTo(new[] { "*****el", "*****el" }));
        }
        finally
        {
            await PsqlThroughProxyAsync("alter table staff rename column secret to nick", cancellationToken);
        }

        Assert.That(await LabelsAsync(client, "l", cancellationToken), Is.EqualTo(new[] { "annabel", "annabel" }), "renamed back, unmasked again");
        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_statement_whose_table_name_another_schema_shares_follows_the_search_path(CancellationToken cancellationToken)
    {
        // PostgreSQL analyses a prepared statement again when the search_path changes: `dup` is then hidden.dup,
        // whose note is masked. The proxy cannot see every search_path change (set_config), so a statement naming a
        // relation whose name is not unique is described before every Execute.
        await using var client = await ConnectAsync(cancellationToken);
        await ExchangeAsync(client, Batch(Parse("d", "select note from dup where id = 1"), Sync()), cancellationToken);
        Assert.That(await LabelsAsync(client, "d", cancellationToken), Is.EqualTo(new[] { "public note", "public note" }));

        await ExchangeAsync(client, Query("select pg_catalog.set_config('search_path', 'hidden, public', false)"), cancellationToken);
        Assert.That(await LabelsAsync(client, "d", cancellationToken), Is.EqualTo(new[] { "*********te", "*********te" }));

        await ExchangeAsync(client, Query("set search_path = public"), cancellationToken);
        Assert.That(await LabelsAsync(client, "d", cancellationToken), Is.EqualTo(new[] { "public note", "public note" }));
        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_execute_refused_for_a_catalog_failure_is_retried_and_not_answered_from_kept_columns(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await ExchangeAsync(client, Batch(Parse("s", "select secret from people where id = 1"), Sync()), cancellationToken);
        for (var round = 0; round < 2; round++)
        {
            await AssertSecretMaskedAsync(client, cancellationToken);
        }

        try
        {
            // The catalog role can no longer log in, and its open connection is ended: the next lookup fails.
            await AsSuperuserAsync(_database, $"alter role {CatalogRole} nologin; select pg_terminate_backend(pid) from pg_stat_activity where usename = '{CatalogRole}'");

            // DDL through the proxy drops the catalog cache (and, needing the catalog itself, is refused).
            var ddl = await ExchangeAsync(client, Query("create table kept_columns_scratch (id int)"), cancellationToken);
            Assert.That(ddl.Single(m => m.Type == 'E').Fields()['C'], Is.EqualTo("55000"), Types(ddl));

            // The columns kept from before are of a dropped cache state: each Execute asks the catalog again.
            for (var round = 0; round < 2; round++)
            {
                var refused = await ExchangeAsync(client, Batch(Bind("", "s", [], null), Execute(""), Sync()), cancellationToken);
                Assert.That(refused.Where(m => m.Type == 'D'), Is.Empty, $"round {round}: {Types(refused)}");
                var error = refused.Single(m => m.Type == 'E').Fields();
                Assert.That(error['C'], Is.EqualTo("55000"), error['M']);
            }
        }
        finally
        {
            await AsSuperuserAsync(_database, $"alter role {CatalogRole} login");
        }

        for (var round = 0; round < 3; round++)
        {
            await AssertSecretMaskedAsync(client, cancellationToken);
        }

        Assert.That(_proxy.Log.Events.Select(e => e.Event).OfType<StatementEvent>().Count(e => e.Outcome?.SqlState == "55000"), Is.EqualTo(3));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Npgsql_prepared_statements_stay_masked_across_ddl_in_text_and_binary(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString(_database, port: _proxy.Port));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select secret, secret::varchar(40), name, id from people where id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = 2 });
        await command.PrepareAsync(cancellationToken);
        for (var round = 0; round < 6; round++)
        {
            if (round == 3)
            {
                await using var ddl = new NpgsqlCommand("create table if not exists kept_columns_other (id int)", connection);
                await ddl.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            Assert.That(await reader.ReadAsync(cancellationToken), Is.True);
            Assert.That(reader.GetString(0), Is.EqualTo("**********-2"), $"round {round}");
            Assert.That(reader.GetString(1), Is.EqualTo("[redacted]"), $"round {round}: a cast has no origin, and the statement reads a masked column");
            Assert.That(reader.GetString(2), Is.EqualTo("benedict"), $"round {round}");
            Assert.That(reader.GetInt32(3), Is.EqualTo(2), $"round {round}");
        }

        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    private async Task AssertSecretMaskedAsync(PostgresWireClient client, CancellationToken cancellationToken)
    {
        var messages = await ExchangeAsync(client, Batch(Bind("", "s", [1], null), Execute(""), Sync()), cancellationToken);
        Assert.That(Encoding.UTF8.GetString(Field(messages.Single(m => m.Type == 'D').Body, 0)), Is.EqualTo("**********-1"), Types(messages) + _proxy.Describe());
    }

    /// <summary>The first column of the rows of two Executes of statement <paramref name="name"/>, in text and in binary.</summary>
    private static async Task<string[]> LabelsAsync(PostgresWireClient client, string name, CancellationToken cancellationToken)
    {
        var labels = new List<string>();
        foreach (short[] formats in new short[][] { [], [1] })
        {
            var messages = await ExchangeAsync(client, Batch(Bind("", name, formats, null), Execute(""), Sync()), cancellationToken);
            labels.Add(Encoding.UTF8.GetString(Field(messages.Single(m => m.Type == 'D').Body, 0)));
        }

        return [.. labels];
    }

    private static async Task<IReadOnlyList<WireMessage>> ExchangeAsync(PostgresWireClient client, byte[] messages, CancellationToken cancellationToken)
    {
        await client.SendAsync(messages, cancellationToken);
        return await client.ReadUntilReadyAsync(cancellationToken);
    }

    private long StartupBytes { get; set; }

    private async Task<PostgresWireClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = await PostgresWireClient.ConnectAsync(_proxy.EndPoint, cancellationToken);
        await client.SendAsync(PostgresWireClient.Startup(("user", PostgresServer.Superuser), ("database", _database)), cancellationToken);
        StartupBytes = Size(await client.ReadUntilReadyAsync(cancellationToken));
        return client;
    }

    /// <summary>Ends the session; the bytes the server sent it.</summary>
    private async Task<long> CloseAsync(PostgresWireClient client, System.Net.EndPoint clientEndPoint, CancellationToken cancellationToken)
    {
        await client.SendAsync(Terminate(), cancellationToken);
        return (await _proxy.WaitForCloseAsync(clientEndPoint, cancellationToken)).BytesFromUpstream;
    }

    private async Task PsqlThroughProxyAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await Server.PsqlAsync(["-c", sql], port: _proxy.Port, database: _database, cancellationToken: cancellationToken);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    internal static async Task AsSuperuserAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
