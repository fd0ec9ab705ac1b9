using System.Text;
using Npgsql;
using NpgsqlTypes;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Protocols.Postgres;
using Proxy.Tests.Policy;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>
/// The bypass suite of result masking (docs/masking.md) against a real PostgreSQL through the proxy, with psql
/// (simple protocol, text) and Npgsql (extended protocol, binary, prepared): every way of reading a masked column
/// (alias, star, expression, subquery, set operation, CTE, whole row, aggregate, view, COPY, copying into a new
/// table) is masked or refused, and what is not masked stays readable.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresMaskingTests
{
    internal const string Policy = """
        version 1
        default allow

        rule mask_email {
          when protocol == postgres
          then mask column ["public.users.email"] with email
        }

        rule mask_age {
          when protocol == postgres
          then mask column ["users.age", "born"] with partial(keep: 1)
        }

        rule cards {
          when protocol == postgres
          then mask pattern credit_card with partial(keep: 4)
        }
        """;

    /// <summary>What must never come out: the masked values and a card number.</summary>
    private static readonly string[] Secrets = ["alice", "bob@", "dave", "4111 1111 1111 1111", "4111111111111111"];

    private InProcessProxy _proxy = null!;
    private string _database = null!;

    private static PostgresServer Server => PostgresFixture.Server;

    private string Proxied => Server.ConnectionString(_database, port: _proxy.Port);

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await Server.CreateDatabaseAsync("masking", """
            create table users (id int primary key, email text, age int, born timestamptz, note text);
            insert into users values
              (1, 'alice@example.com', 31, '1990-01-02 03:04:05+00', 'card 4111 1111 1111 1111 on file'),
              (2, 'bob@corp.io', 42, '1980-05-06 00:00:00+00', null),
              (3, '', 7, null, 'Zoë 😀 plain');
            insert into users values (4, 'dave@x.org', null, null, '');
            create table other (id int, email text);
            insert into other values (1, 'carol@other.org');
            create view v_users as select id, email, lower(email) as lower_email, note from users;
            create view v_v as select email as e, id from v_users;
            create view v_row as select id, row_to_json(u)->>'email' as e, u::text as t from users u;
            create view v_id as select id, id::text as t from users;
            """);

    [OneTimeTearDown]
    public async Task DropDatabaseAsync() => await Server.DropDatabaseAsync(_database);

    [SetUp]
    public void Start() => _proxy = StartProxy(new PostgresSettings { Catalog = new HeldCredential(PostgresServer.Superuser, string.Empty) });

    [TearDown]
    public async Task StopAsync() => await _proxy.DisposeAsync();

    private static InProcessProxy StartProxy(PostgresSettings settings, string policy = Policy, byte[]? hashKey = null) =>
        InProcessProxy.Start(
            InProcessProxy.Listener(Server.EndPoint) with { Protocol = "postgres", ProtocolSettings = settings },
            policy: new PolicyStore(PolicyEvaluationTests.Compile(policy)),
            maskHashKey: hashKey);

    [Test]
    [CancelAfter(60_000)]
    public async Task Hash_masks_with_the_configured_key_so_equal_values_stay_equal(CancellationToken cancellationToken)
    {
        const string hashPolicy = """
            version 1
            rule hash_email {
              when protocol == postgres
              then mask column ["email"] with hash
            }
            """;
        await using var hashing = StartProxy(
            new PostgresSettings { Catalog = new HeldCredential(PostgresServer.Superuser, string.Empty) }, hashPolicy, "0123456789abcdef0123456789abcdef"u8.ToArray());

        var direct = await Server.PsqlAsync(["-At", "-c", "select email from users where id = 1; select email from users where id = 1; select email from other"], port: hashing.Port, database: _database, cancellationToken: cancellationToken);
        var hashes = direct.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(hashes, Has.Length.EqualTo(3), direct.ToString());
        Assert.That(hashes, Has.All.Match("^[0-9a-f]{32}$"));
        Assert.That(hashes[0], Is.EqualTo(hashes[1]), "equal values hash equally");
        Assert.That(hashes[2], Is.Not.EqualTo(hashes[0]));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_masked_column_is_masked_by_origin_and_the_rest_passes(CancellationToken cancellationToken)
    {
        var output = await PsqlAsync("select id, email, age, born, note from users order by id", cancellationToken);

        Assert.That(output, Is.EqualTo(
            "1|***@example.com|||card ***************1111 on file\n"
            + "2|***@corp.io|||\n"
            + "3|[redacted]|||Zoë 😀 plain\n"
            + "4|***@x.org|||\n"));
        Assert.That(await PsqlAsync("select email from other", cancellationToken), Is.EqualTo("carol@other.org\n"), "public.users.email names one table only");
        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    [TestCase("select email as x from users order by id", "***@example.com")]
    [TestCase("select u.* from users u order by id", "***@example.com")]
    [TestCase("select * from users order by id", "***@example.com")]
    [TestCase("select email::text from users order by id", "***@example.com")]
    [TestCase("select lower(email) from users order by id", "[redacted]")]
    [TestCase("select email || '' from users order by id", "[redacted]")]
    [TestCase("select substring(email, 1) from users order by id", "[redacted]")]
    [TestCase("select format('%s', email) from users order by id", "[redacted]")]
    [TestCase("select upper(email)::varchar(100) from users order by id", "[redacted]")]
    [TestCase("select (select email from users where id = 1)", "[redacted]")]
    [TestCase("select email from users union select 'x' order by 1", "[redacted]")]
    [TestCase("select email from users intersect select email from users order by 1", "[redacted]")]
    [TestCase("with c as (select email from users) select email from c order by 1", "***@")]
    [TestCase("with c as (select lower(email) as e from users) select e from c order by 1", "[redacted]")]
    [TestCase("select row_to_json(u) from users u order by id", "[redacted]")]
    [TestCase("select to_jsonb(u) from users u order by id", "[redacted]")]
    [TestCase("select json_agg(u) from users u", "[redacted]")]
    [TestCase("select array_agg(email) from users", "")]
    [TestCase("select string_agg(email, ',') from users", "[redacted]")]
    [TestCase("select u from users u order by id", "")]
    [TestCase("select row(id, email) from users order by id", "")]
    [TestCase("select email, lower_email from v_users order by id", "***@example.com|[redacted]")]
    [TestCase("select e from v_v order by id", "***@example.com")]
    [TestCase("select e, t from v_row order by id", "[redacted]|[redacted]", Description = "whole-row references in a view read every column")]
    [TestCase("select t from v_id order by id", "1", Description = "an expression of a view that reads no masked column")]
    [TestCase("select query_to_xml('select email from users where id = 1', true, false, '')", "[redacted]", Description = "a query in a string")]
    [TestCase("select table_to_xml('users', true, false, '')", "[redacted]")]
    [TestCase("select x.email from (select * from users) x order by id", "***@example.com")]
    [TestCase("begin; declare c cursor for select lower(email), email from users order by id; fetch all from c; commit", "[redacted]|***@example.com")]
    [TestCase("prepare p as select email, lower(email) from users order by id; execute p", "***@example.com|[redacted]")]
    [TestCase("select \"EMAIL\" from (select email as \"EMAIL\" from public.users) q order by 1", "***@")]
    [TestCase("table users", "***@example.com")]
    [TestCase("select distinct email from users order by 1", "***@")]
    [TestCase("select max(email), min(email) from users", "[redacted]|[redacted]")]
    [TestCase("select coalesce(email, ''), case when id = 1 then email end from users where id = 1", "[redacted]|[redacted]")]
    [TestCase("select (u).email from users u where id = 1", "***@example.com")]
    [TestCase("select email collate \"C\" from users where id = 1", "[redacted]")]
    [TestCase("select json_build_object('e', email) from users where id = 1", "[redacted]")]
    [TestCase("select lag(email) over (order by id) from users order by id", "[redacted]")]
    [TestCase("select x.e from users, lateral (select email as e) x where id = 1", "***@example.com")]
    [TestCase("update users set age = age where id = 1 returning email, id", "***@example.com")]
    [TestCase("with d as (update users set age = age where id = 1 returning *) select email from d", "***@example.com")]
    [TestCase("select email from users where id = 1 for update", "***@example.com")]
    [TestCase("values ((select email from users where id = 1))", "[redacted]")]
    [TestCase("select note from users where id = 1", "card ***************1111 on file")]
    [TestCase("select 'pay with 4111111111111111'", "pay with ************1111")]
    public async Task A_bypass_through_psql_is_masked(string sql, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = await PsqlAsync(sql, timeout.Token);

        AssertNoSecret(sql, output);
        Assert.That(output, Does.Contain(expected), sql);
    }

    [TestCase("select age, born from users order by id")]
    [TestCase("select age + 1, length(email), ascii(email) from users order by id")]
    [TestCase("select count(*) from users")]
    [TestCase("select now() as born")]
    public async Task Masked_or_derived_non_text_values_become_null(string sql)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = await PsqlAsync(sql, timeout.Token);

        Assert.That(output.Replace("|", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal), Is.Empty, sql);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Npgsql_reads_masked_values_in_binary_with_prepared_statements(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Proxied);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select id, email, age, born, lower(email), note from users where id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
        await command.PrepareAsync(cancellationToken);
        for (var round = 0; round < 3; round++)
        {
            command.Parameters[0].Value = 1;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            Assert.That(await reader.ReadAsync(cancellationToken), Is.True);
            Assert.That(reader.GetInt32(0), Is.EqualTo(1));
            Assert.That(reader.GetString(1), Is.EqualTo("***@example.com"));
            Assert.That(reader.IsDBNull(2), Is.True, "a masked int4 is NULL");
            Assert.That(reader.GetValue(2), Is.EqualTo(DBNull.Value));
            Assert.That(reader.IsDBNull(3), Is.True, "a masked timestamptz is NULL");
            Assert.That(reader.GetString(4), Is.EqualTo("[redacted]"));
            Assert.That(reader.GetString(5), Is.EqualTo("card ***************1111 on file"));
        }

        // Unprepared, and in a batch: the extended protocol without a Describe of the client's own.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new NpgsqlBatchCommand("select email from users where id = 2"), new NpgsqlBatchCommand("select to_jsonb(u) from users u where id = 1") },
        };
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            Assert.That(await reader.ReadAsync(cancellationToken), Is.True);
            Assert.That(reader.GetString(0), Is.EqualTo("***@corp.io"));
            Assert.That(await reader.NextResultAsync(cancellationToken), Is.True);
            Assert.That(await reader.ReadAsync(cancellationToken), Is.True);
            Assert.That(reader.GetString(0), Is.EqualTo("[redacted]"));
        }

        await using var all = new NpgsqlCommand("select * from users order by id", connection);
        await using (var reader = await all.ExecuteReaderAsync(cancellationToken))
        {
            var values = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values.Add(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!);
                }
            }

            AssertNoSecret("select *", string.Join("|", values));
            Assert.That(values, Is.EqualTo(new[]
            {
                "1", "***@example.com", "NULL", "NULL", "card ***************1111 on file",
                "2", "***@corp.io", "NULL", "NULL", "NULL",
                "3", "[redacted]", "NULL", "NULL", "Zoë 😀 plain",
                "4", "***@x.org", "NULL", "NULL", string.Empty,
            }));
        }

        Assert.That(_proxy.Errors, Is.Empty, _proxy.Describe());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_cursor_executed_through_the_extended_protocol_is_masked(CancellationToken cancellationToken)
    {
        // A cursor declared in SQL is a portal: a client can Execute it by name without ever binding it.
        await using var client = await PostgresWireClient.ConnectAsync(_proxy.EndPoint, cancellationToken);
        await client.SendAsync(PostgresWireClient.Startup(("user", PostgresServer.Superuser), ("database", _database)), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        await client.SendAsync(PostgresWireClient.Query("begin; declare c cursor for select email, lower(email), id from users order by id"), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);

        byte[] execute = [.. PostgresWireClient.Message('E', [.. "c"u8, 0, 0, 0, 0, 0]), .. PostgresWireClient.Message('S', [])];
        await client.SendAsync(execute, cancellationToken);
        var messages = await client.ReadUntilReadyAsync(cancellationToken);

        var rows = messages.Where(m => m.Type == 'D').Select(m => Proxy.Tests.Postgres.Masking.ResultMaskTests.BodyValues(m.Body)).ToList();
        Assert.That(rows, Has.Count.EqualTo(4), string.Concat(messages.Select(m => m.Type)));
        // Nothing names the cursor's tables here: the origins its RowDescription names are looked up then.
        Assert.That(rows[0], Is.EqualTo(new[] { "***@example.com", "[redacted]", "1" }));
        AssertNoSecret("execute c", string.Join("|", rows.SelectMany(r => r)));
    }

    [TestCase("create table stolen_a as select * from users")]
    [TestCase("select * into stolen_b from users")]
    [TestCase("create table stolen_c as select id, lower(email) as e from v_users")]
    [TestCase("insert into other select id, email from users")]
    [TestCase("prepare steal as select id, email from users; create table stolen_d as execute steal")]
    public async Task Copying_a_masked_column_into_a_table_is_refused(string sql)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var connection = new NpgsqlConnection(Proxied);
        await connection.OpenAsync(timeout.Token);
        await using var command = new NpgsqlCommand(sql, connection);

        var refused = Assert.ThrowsAsync<PostgresException>(async () => await command.ExecuteNonQueryAsync(timeout.Token));

        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(refused.MessageText, Does.StartWith("statement refused: it would copy column public.").And.Contain("masked by policy rule mask_"));
        await using var count = new NpgsqlCommand("select count(*) from other", connection);
        Assert.That(await count.ExecuteScalarAsync(timeout.Token), Is.EqualTo(1L), "nothing was copied, and the session goes on");
    }

    [TestCase("copy users to stdout")]
    [TestCase("copy (select email from users) to stdout")]
    [TestCase("copy users to stdout with (format csv)")]
    [TestCase("copy (select * from v_users) to stdout csv header")]
    public async Task Copy_to_stdout_is_masked(string sql)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await Server.PsqlAsync(["-c", sql], port: _proxy.Port, database: _database, cancellationToken: timeout.Token);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        AssertNoSecret(sql, result.StandardOutput);
        Assert.That(result.StandardOutput, Does.Contain("***@example.com").Or.Contain("[redacted]"), result.ToString());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_binary_import_is_not_affected(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Proxied);
        await connection.OpenAsync(cancellationToken);
        await using (var import = await connection.BeginBinaryImportAsync("copy other (id, email) from stdin (format binary)", cancellationToken))
        {
            await import.WriteRowAsync(cancellationToken, 7, "imported@example.com");
            await import.CompleteAsync(cancellationToken);
        }

        await using var delete = new NpgsqlCommand("delete from other where id = 7", connection);
        Assert.That(await delete.ExecuteNonQueryAsync(cancellationToken), Is.EqualTo(1));
    }

    [TestCase("copy users to stdout with (format binary)")]
    [TestCase("copy (select email from users) to stdout binary")]
    public async Task Binary_copy_of_masked_results_is_refused(string sql)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await Server.PsqlAsync(["-c", sql], port: _proxy.Port, database: _database, cancellationToken: timeout.Token);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain("binary COPY cannot be masked"), result.ToString());
        AssertNoSecret(sql, result.StandardOutput);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_statement_event_records_what_was_masked(CancellationToken cancellationToken)
    {
        await PsqlAsync("select email, age, note from users order by id", cancellationToken);

        var statement = _proxy.Log.Events.Select(e => e.Event).OfType<StatementEvent>().Single(e => e.Text.StartsWith("select email, age", StringComparison.Ordinal));
        var masked = statement.Outcome!.Masked!;
        Assert.That(masked, Has.Some.EqualTo(new MaskedValues("column public.users.email", "email", 4)));
        Assert.That(masked, Has.Some.EqualTo(new MaskedValues("column public.users.age", "partial", 3)));
        Assert.That(masked, Has.Some.EqualTo(new MaskedValues("pattern credit_card", "partial", 1)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Without_a_catalog_credential_a_passthrough_listener_refuses_column_masked_statements(CancellationToken cancellationToken)
    {
        await using var bare = StartProxy(new PostgresSettings());

        var result = await Server.PsqlAsync(["-c", "select email from users"], port: bare.Port, database: _database, cancellationToken: cancellationToken);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain("policy rule mask_email masks columns").And.Contain("no CatalogUser"), result.ToString());
        AssertNoSecret("select email", result.StandardOutput);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_catalog_that_cannot_be_read_refuses_the_statement_and_the_session_goes_on(CancellationToken cancellationToken)
    {
        await using var broken = StartProxy(new PostgresSettings { Catalog = new HeldCredential("no_such_role", "x") });

        // psql goes on after an error without ON_ERROR_STOP: both statements are refused in the same session (every
        // statement carries the column masks), each with the reason, and the session stays up.
        var result = await Server.PsqlAsync(["-v", "ON_ERROR_STOP=0", "-c", "select email from users", "-c", "select id from users", "-c", "\\echo still connected"], port: broken.Port, database: _database, cancellationToken: cancellationToken);

        var refusals = result.StandardError.Split('\n').Where(line => line.Contains("could not be read", StringComparison.Ordinal) && line.Contains("no_such_role", StringComparison.Ordinal));
        Assert.That(refusals.Count(), Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("55000").Or.Contain("statement not run"), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("still connected"), result.ToString());
        AssertNoSecret("select email", result.StandardOutput);
    }

    [TestCase("select email::int from users where id = 1")]
    [TestCase("select 1 / (email = 'alice@example.com')::int from users")]
    [TestCase("select ('pre\"' || replace(email, '@', '\"x\"') || '\"post')::int from users where id = 1", Description = "quote marks inside the value")]
    public async Task Server_errors_about_masked_values_do_not_carry_them(string sql)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await Server.PsqlAsync(["-c", sql], port: _proxy.Port, database: _database, cancellationToken: timeout.Token);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        AssertNoSecret(sql, result.StandardOutput + result.StandardError);
        var logged = _proxy.Log.Events.Select(e => e.Event).OfType<StatementEvent>().Single(e => e.Text == sql);
        AssertNoSecret(sql, logged.Outcome?.ErrorMessage ?? string.Empty);
    }

    /// <summary>application_name is reported to the client in a ParameterStatus whenever it changes, beside the masked rows.</summary>
    [TestCase("select set_config('application_name', email, false) from users where id = 1", "[redacted]")]
    [TestCase("select set_config('application_name', 'card ' || note, false) from users where id = 1", "[redacted]")]
    [TestCase("select set_config('application_name', 'tool', false)", "tool", Description = "reads no masked column")]
    [CancelAfter(60_000)]
    public async Task A_setting_reported_to_the_client_does_not_carry_a_masked_value(string sql, string expected, CancellationToken cancellationToken)
    {
        await using var client = await PostgresWireClient.ConnectAsync(_proxy.EndPoint, cancellationToken);
        await client.SendAsync(PostgresWireClient.Startup(("user", PostgresServer.Superuser), ("database", _database)), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);

        await client.SendAsync(PostgresWireClient.Query(sql), cancellationToken);
        var messages = await client.ReadUntilReadyAsync(cancellationToken);

        var reported = messages.Where(m => m.Type == 'S').Select(m => Encoding.UTF8.GetString(m.Body).Split('\0')).Single(fields => fields[0] == "application_name");
        Assert.That(reported[1], Is.EqualTo(expected));
        AssertNoSecret(sql, string.Join("|", messages.Select(m => Encoding.UTF8.GetString(m.Body))));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Ddl_through_the_proxy_drops_the_catalog_cache(CancellationToken cancellationToken)
    {
        Assert.That(await PsqlAsync("select email from other", cancellationToken), Is.EqualTo("carol@other.org\n"));
        await PsqlAsync("create table users2 (email text); insert into users2 values ('eve@evil.org')", cancellationToken);
        await PsqlAsync("alter table users2 rename to users_renamed", cancellationToken);

        // A view created through the proxy over the masked column: its reads are seen at once.
        await PsqlAsync("create view v_fresh as select email as contact from users", cancellationToken);
        var output = await PsqlAsync("select contact from v_fresh order by 1", cancellationToken);

        Assert.That(output, Does.Not.Contain("alice"));
        Assert.That(output, Does.Contain("***@example.com"));
    }

    private async Task<string> PsqlAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await Server.PsqlAsync(["-At", "-F", "|", "-c", sql], port: _proxy.Port, database: _database, cancellationToken: cancellationToken);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString() + Environment.NewLine + _proxy.Describe());
        return result.StandardOutput;
    }

    private static void AssertNoSecret(string sql, string output)
    {
        foreach (var secret in Secrets)
        {
            Assert.That(output, Does.Not.Contain(secret), $"{sql} leaked {secret}");
        }
    }
}
