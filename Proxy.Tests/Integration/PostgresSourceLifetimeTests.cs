using System.Text;
using Npgsql;
using Proxy.Tests.Support;
using static Proxy.Tests.Integration.PostgresKeptShapeTests;

namespace Proxy.Tests.Integration;

/// <summary>
/// A cursor's or prepared statement's name means what the server holds under it, and the server decides that:
/// a DECLARE or PREPARE of a name already taken fails and leaves the first, a DEALLOCATE in a failed transaction or
/// after an error in its Query does nothing. The proxy must follow the server's answers, not what it forwarded, or a
/// read of the name is decided with the wrong tables and a table's column mask does not apply. The policy allows
/// statements it cannot read, so nothing but the tables stands between a bypass and the secret.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresSourceLifetimeTests() : PeopleSecretFixture(Policy, "source_lifetime")
{
    private const string Policy = $$"""
        version 1
        default allow

        {{SecretsRule}}
        """;

    [Test]
    [CancelAfter(60_000)]
    public async Task A_cursor_declared_again_under_a_taken_name_leaves_the_name_to_the_first(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await RunAsync(client, "declare c cursor with hold for select secret from people", cancellationToken);

        await client.SendAsync(Query($"declare c cursor with hold for {Harmless}"), cancellationToken);
        AssertFailed(await client.ReadUntilReadyAsync(cancellationToken), "42P03");

        await client.SendAsync(Query("fetch all from c"), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_statement_prepared_again_under_a_taken_name_leaves_the_name_to_the_first(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await RunAsync(client, "prepare q as select secret from people where id = 1", cancellationToken);

        await client.SendAsync(Query($"prepare q as {Harmless}"), cancellationToken);
        AssertFailed(await client.ReadUntilReadyAsync(cancellationToken), "42P05");

        await client.SendAsync(Query("execute q"), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
    }

    /// <summary>
    /// A DEALLOCATE the server does not run (an error before it in its Query, or a failed transaction) leaves the
    /// statement there. <paramref name="steps"/>: Queries separated by `|`, each with the SQLSTATE it fails with after `=`.
    /// </summary>
    [TestCase("select 1/0; deallocate q=22012")]
    [TestCase("begin; select 1/0=22012|deallocate q=25P02|rollback")]
    [CancelAfter(60_000)]
    public async Task A_deallocate_the_server_did_not_run_leaves_the_sql_prepared_statement(string steps, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await RunAsync(client, "prepare q as select secret from people where id = 1", cancellationToken);

        foreach (var step in steps.Split('|'))
        {
            var (sql, state) = step.Split('=') is [var text, var code] ? (text, code) : (step, null);
            await client.SendAsync(Query(sql), cancellationToken);
            var answer = await client.ReadUntilReadyAsync(cancellationToken);
            if (state is not null)
            {
                AssertFailed(answer, state);
            }
        }

        await client.SendAsync(Query("execute q"), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
    }

    [TestCase(false, Description = "the Bind after the DEALLOCATE's answer")]
    [TestCase(true, Description = "the Bind pipelined behind the DEALLOCATE, before the proxy has its answer")]
    [CancelAfter(60_000)]
    public async Task A_deallocate_the_server_did_not_run_leaves_the_protocol_statement(bool pipelined, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("n", "select secret from people where id = 1"), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("1Z"));

        byte[] run = [.. Bind("", "n", [], null), .. Execute(""), .. Sync()];
        await client.SendAsync(pipelined ? Batch(Query("select 1/0; deallocate n"), run) : Query("select 1/0; deallocate n"), cancellationToken);
        AssertFailed(await client.ReadUntilReadyAsync(cancellationToken), "22012");
        if (!pipelined)
        {
            await client.SendAsync(run, cancellationToken);
        }

        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }), "the statement the server still holds, run by its own decision");
        Assert.That(Recorded("select secret from people where id = 1").Select(e => e.Outcome?.CommandTag), Has.Member("SELECT 1"));
    }

    /// <summary>A Close the server skipped (an error earlier in its batch) leaves the statement there, for EXECUTE and Bind alike.</summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task A_close_the_server_skipped_leaves_the_statement_to_its_tables(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("n", "select secret from people where id = 1"), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("1Z"));

        await client.SendAsync(Batch(Parse("", "select 1/0"), Bind("", "", [], null), Execute(""), Close('S', "n"), Sync()), cancellationToken);
        AssertFailed(await client.ReadUntilReadyAsync(cancellationToken), "22012");

        await client.SendAsync(Query("execute n"), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
        await client.SendAsync(Batch(Bind("", "n", [], null), Execute(""), Sync()), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));

        await client.SendAsync(Batch(Close('S', "n"), Parse("n", Harmless), Bind("", "n", [], null), Execute(""), Sync()), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { "harmless" }), "a Close the server ran frees the name, in the same batch too");
    }

    /// <summary>
    /// What a pool does when it hands a connection on: DISCARD ALL, and in the same write the next user's statements,
    /// whose names may be the ones just dropped. The Parse waits for the drop's answer instead of being refused as a duplicate.
    /// </summary>
    [TestCase("deallocate n")]
    [TestCase("discard all")]
    [CancelAfter(60_000)]
    public async Task A_name_dropped_and_parsed_again_in_one_write_is_the_new_statement(string drop, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("n", "select secret from people where id = 1"), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("1Z"));

        await client.SendAsync(Batch(Query(drop), Parse("n", Harmless), Bind("", "n", [], null), Execute(""), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("CZ"));
        var messages = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(Types(messages), Is.EqualTo("12DCZ"));
        Assert.That(Encoding.UTF8.GetString(Field(messages.Single(m => m.Type == 'D').Body, 0)), Is.EqualTo("harmless"));
        Assert.That(ProxyUnderTest.Errors, Is.Empty, ProxyUnderTest.Describe());
    }

    /// <summary>Statements of Parse and of SQL PREPARE share one namespace: SQL EXECUTE runs either, and reads the Parse's tables too.</summary>
    [TestCase("execute n")]
    [TestCase("create table copied as execute n")]
    [CancelAfter(60_000)]
    public async Task A_sql_execute_of_a_protocol_statement_is_decided_with_its_tables(string sql, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("n", "select secret from people where id = 1"), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("1Z"));

        await client.SendAsync(Query(sql), cancellationToken);
        var messages = await client.ReadUntilReadyAsync(cancellationToken);

        if (sql.StartsWith("create", StringComparison.Ordinal))
        {
            Assert.That(messages.Single(m => m.Type == 'E').Fields()['M'], Does.StartWith("statement refused: it would copy column public.people.secret"), Types(messages));
        }
        else
        {
            Assert.That(messages.Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(Field(m.Body, 0))), Is.EqualTo(new[] { Masked }), Types(messages));
        }

        Assert.That(Recorded(sql).Single().Tables, Does.Contain("people"));
    }

    /// <summary>
    /// Npgsql's pool with automatic preparation: statements stay prepared across the pooled connection's reuse (its
    /// reset closes portals and resets settings but keeps them), Parse'd again by name after the first uses.
    /// </summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task Automatically_prepared_statements_of_a_pooled_connection_stay_masked_across_reuse(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(Server.ConnectionString(Database, port: ProxyUnderTest.Port))
        {
            ApplicationName = nameof(Automatically_prepared_statements_of_a_pooled_connection_stay_masked_across_reuse),
            MaxAutoPrepare = 4,
            AutoPrepareMinUsages = 2,
            MaxPoolSize = 1,
        }.ConnectionString;

        for (var open = 0; open < 3; open++)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            for (var i = 0; i < 4; i++)
            {
                await using var command = new NpgsqlCommand("select secret from people where id = $1", connection) { Parameters = { new() { Value = 1 } } };
                Assert.That(await command.ExecuteScalarAsync(cancellationToken), Is.EqualTo(Masked), $"open {open}, run {i}");
            }
        }

        Assert.That(Recorded("select secret from people where id = $1"), Has.Count.EqualTo(12));
        Assert.That(ProxyUnderTest.Errors, Is.Empty, ProxyUnderTest.Describe());
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A FETCH prepared once reads whatever cursor has the name when it runs: it is decided then, with that cursor's tables.</summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task A_prepared_fetch_is_decided_with_the_cursor_it_reads_when_it_runs(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await RunAsync(client, $"declare c cursor with hold for {Harmless}", cancellationToken);
        await client.SendAsync(Batch(Parse("f", "fetch all from c"), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("1Z"));

        byte[] run = [.. Bind("", "f", [], null), .. Execute(""), .. Sync()];
        await client.SendAsync(run, cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { "harmless" }));

        await RunAsync(client, "close c; declare c cursor with hold for select secret from people", cancellationToken);
        await client.SendAsync(run, cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
    }

    /// <summary>A name may be written `U&amp;"…"` where it is defined or where it is read: both are the same name.</summary>
    [TestCase("declare U&\"c\\0031\" cursor with hold for select secret from people", "fetch all from c1")]
    [TestCase("declare c2 cursor with hold for select secret from people", "fetch all from U&\"c!0032\" UESCAPE '!'")]
    [TestCase("prepare U&\"p\\0031\" as select secret from people", "execute p1")]
    [CancelAfter(60_000)]
    public async Task A_unicode_escaped_name_is_the_name_it_spells(string definition, string read, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await RunAsync(client, definition, cancellationToken);

        await client.SendAsync(Query(read), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
    }

    /// <summary>Once the server has taken a new DECLARE of a name, a FETCH of it reads that cursor alone: no table of the one closed before it.</summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task A_cursor_declared_again_after_close_is_read_with_its_own_tables(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await RunAsync(client, "declare c cursor with hold for select secret from people", cancellationToken);
        await RunAsync(client, $"close c; declare c cursor with hold for {Harmless}", cancellationToken);

        await client.SendAsync(Query("fetch all from c"), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { "harmless" }));
        Assert.That(Recorded("fetch all from c").Single().Tables, Is.Empty);
    }

    /// <summary>Runs a Query that must succeed.</summary>
    private static async Task RunAsync(PostgresWireClient client, string sql, CancellationToken cancellationToken)
    {
        await client.SendAsync(Query(sql), cancellationToken);
        var messages = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(Types(messages), Does.Not.Contain("E"), sql + ": " + Types(messages));
    }

    private static void AssertFailed(IReadOnlyList<WireMessage> messages, string sqlState) =>
        Assert.That(messages.Single(m => m.Type == 'E').Fields()['C'], Is.EqualTo(sqlState), Types(messages));
}
