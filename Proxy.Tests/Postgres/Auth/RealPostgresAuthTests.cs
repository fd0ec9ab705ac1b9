using Npgsql;
using Proxy.Protocols.Postgres.Auth;
using Proxy.Tests.Integration;

namespace Proxy.Tests.Postgres.Auth;

/// <summary>
/// The auth primitives against a real PostgreSQL: its verifiers, our verifiers in it, and logging in to it
/// with SCRAM-SHA-256, MD5 and cleartext passwords as pg_hba.conf demands each.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class RealPostgresAuthTests
{
    private const string ScramRole = "auth_scram";
    private const string Md5Role = "auth_md5";
    private const string CleartextRole = "auth_cleartext";
    private const string OursRole = "auth_ours";
    private const string UnicodeRole = "auth_unicode";

    private PostgresServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _server = await PostgresServer.StartAsync(
            [
                $"host  all {ScramRole}     127.0.0.1/32 scram-sha-256",
                $"host  all {Md5Role}       127.0.0.1/32 md5",
                $"host  all {CleartextRole} 127.0.0.1/32 password",
                $"host  all {OursRole}      127.0.0.1/32 scram-sha-256",
                $"host  all {UnicodeRole}   127.0.0.1/32 scram-sha-256",
            ],
            timeout.Token);
        await ExecuteAsync(
            $"""
            set password_encryption = 'scram-sha-256';
            create role {ScramRole} login password 'scram-pw';
            create role {CleartextRole} login password 'cleartext-pw';
            create role {OursRole} login;
            create role {UnicodeRole} login;
            set password_encryption = 'md5';
            create role {Md5Role} login password 'md5-pw';
            """);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task A_PostgreSQL_verifier_parses_formats_back_and_our_server_accepts_our_client_against_it()
    {
        var text = await RolePasswordAsync(ScramRole);

        var verifier = ScramVerifier.Parse(text);

        Assert.That(verifier.Format(), Is.EqualTo(text));
        Assert.That(verifier.Iterations, Is.EqualTo(4096));
        Assert.That(verifier.Verifies("scram-pw"), Is.True);
        Assert.That(Exchange(verifier, "scram-pw"), Is.Null);
        Assert.That(Exchange(verifier, "scram-PW"), Does.Contain("wrong password"));
    }

    [Test]
    public async Task Our_verifier_is_stored_verbatim_and_real_clients_log_in_with_its_password()
    {
        var verifier = ScramVerifier.Create("ours-pw").Format();
        await ExecuteAsync($"alter role {OursRole} password '{verifier}'");

        Assert.That(await RolePasswordAsync(OursRole), Is.EqualTo(verifier));

        await using (var connection = new NpgsqlConnection(Login(OursRole, "ours-pw")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select current_user", connection);
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(OursRole));
        }

        var psql = await _server.PsqlAsync(["-d", $"host={PostgresServer.Host} port={_server.Port} user={OursRole} password=ours-pw dbname=postgres", "-tAc", "select current_user"]);
        Assert.That(psql.ExitCode, Is.Zero, psql.ToString());
        Assert.That(psql.StandardOutput.Trim(), Is.EqualTo(OursRole));

        await using var wrong = new NpgsqlConnection(Login(OursRole, "ours-PW"));
        var refused = Assert.ThrowsAsync<PostgresException>(() => wrong.OpenAsync());
        Assert.That(refused!.SqlState, Is.EqualTo("28P01"));
    }

    [Test]
    public async Task Our_scram_client_logs_in_to_PostgreSQL_and_checks_its_signature()
    {
        var outcome = await PostgresLoginWire.LoginAsync(_server.EndPoint, ScramRole, "scram-pw", CancellationToken.None);

        Assert.That(outcome.ReachedReadyForQuery, Is.True, outcome.ToString());
        Assert.That(outcome.Requests, Is.EqualTo(new[] { "sasl", "sasl-continue", "sasl-final", "ok" }));
    }

    [Test]
    public async Task Our_scram_client_with_a_wrong_password_gets_28P01()
    {
        var outcome = await PostgresLoginWire.LoginAsync(_server.EndPoint, ScramRole, "scram-PW", CancellationToken.None);

        Assert.That(outcome.ReachedReadyForQuery, Is.False);
        Assert.That(outcome.SqlState, Is.EqualTo("28P01"), outcome.ToString());
        Assert.That(outcome.Error, Is.EqualTo(ScramServerExchange.FailureMessage(ScramRole)));
    }

    [Test]
    public async Task The_md5_response_logs_in_to_PostgreSQL()
    {
        Assert.That(await RolePasswordAsync(Md5Role), Does.StartWith("md5"), "the role must hold an MD5 hash, else md5 in pg_hba means SCRAM");

        var outcome = await PostgresLoginWire.LoginAsync(_server.EndPoint, Md5Role, "md5-pw", CancellationToken.None);
        var wrong = await PostgresLoginWire.LoginAsync(_server.EndPoint, Md5Role, "md5-PW", CancellationToken.None);

        Assert.That(outcome.ReachedReadyForQuery, Is.True, outcome.ToString());
        Assert.That(outcome.Requests, Is.EqualTo(new[] { "md5", "ok" }));
        Assert.That(wrong.SqlState, Is.EqualTo("28P01"), wrong.ToString());
    }

    [Test]
    public async Task A_cleartext_password_logs_in_to_PostgreSQL()
    {
        var outcome = await PostgresLoginWire.LoginAsync(_server.EndPoint, CleartextRole, "cleartext-pw", CancellationToken.None);
        var wrong = await PostgresLoginWire.LoginAsync(_server.EndPoint, CleartextRole, "cleartext-PW", CancellationToken.None);

        Assert.That(outcome.ReachedReadyForQuery, Is.True, outcome.ToString());
        Assert.That(outcome.Requests, Is.EqualTo(new[] { "cleartext", "ok" }));
        Assert.That(wrong.SqlState, Is.EqualTo("28P01"), wrong.ToString());
    }

    // Passwords whose SASLprep needs no NFKC, so this holds under InvariantGlobalization (see SaslPrep).
    [TestCase("pässwörd", TestName = "PostgreSQL agrees: NFC non-ASCII password")]
    [TestCase("a\u00A0b\u00ADc", TestName = "PostgreSQL agrees: mapped space and soft hyphen")]
    [TestCase("priv\uE000ate", TestName = "PostgreSQL agrees: prohibited character, raw password")]
    [TestCase("\u05D0a\u05D1", TestName = "PostgreSQL agrees: bidi violation, raw password")]
    public async Task PostgreSQL_prepares_non_ASCII_passwords_as_we_do(string password)
    {
        await ExecuteAsync($"set password_encryption = 'scram-sha-256'; alter role {UnicodeRole} password '{password}'");
        var theirs = ScramVerifier.Parse(await RolePasswordAsync(UnicodeRole));
        Assert.That(theirs.Verifies(password), Is.True, "our preparation of the password differs from PostgreSQL's");

        var outcome = await PostgresLoginWire.LoginAsync(_server.EndPoint, UnicodeRole, password, CancellationToken.None);
        Assert.That(outcome.ReachedReadyForQuery, Is.True, outcome.ToString());

        await ExecuteAsync($"alter role {UnicodeRole} password '{ScramVerifier.Create(password).Format()}'");
        outcome = await PostgresLoginWire.LoginAsync(_server.EndPoint, UnicodeRole, password, CancellationToken.None);
        Assert.That(outcome.ReachedReadyForQuery, Is.True, outcome.ToString());
    }

    [Test]
    public async Task Real_clients_log_in_through_our_server_exchange_and_see_only_28P01_on_failure()
    {
        var verifier = ScramVerifier.Create("held-pw");
        await using var server = new ScriptedScramServer(user => user == "alice" ? new ScramServerExchange(verifier, user) : ScramServerExchange.ForUnknownUser(user));
        string Conninfo(string user, string password) => $"host={PostgresServer.Host} port={server.EndPoint.Port} user={user} password={password} dbname=postgres";

        var right = await _server.PsqlAsync(["-d", Conninfo("alice", "held-pw"), "-c", ";"]);
        var wrong = await _server.PsqlAsync(["-d", Conninfo("alice", "held-PW"), "-c", ";"]);
        var unknown = await _server.PsqlAsync(["-d", Conninfo("bob", "held-pw"), "-c", ";"]);
        var npgsqlSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder
        {
            Host = PostgresServer.Host,
            Port = server.EndPoint.Port,
            Username = "alice",
            Password = "held-pw",
            Database = "postgres",
            Pooling = false,
            SslMode = SslMode.Disable,
        }.ConnectionString);

        // The scripted server answers no catalog queries.
        npgsqlSource.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        await using (var dataSource = npgsqlSource.Build())
        await using (var npgsql = await dataSource.OpenConnectionAsync())
        {
            Assert.That(npgsql.State, Is.EqualTo(System.Data.ConnectionState.Open));
        }

        Assert.That(right.ExitCode, Is.Zero, right.ToString());
        Assert.That(wrong.ExitCode, Is.Not.Zero);
        Assert.That(wrong.StandardError, Does.Contain("password authentication failed for user \"alice\""));
        Assert.That(unknown.StandardError, Does.Contain("password authentication failed for user \"bob\""));
        Assert.That(server.Logins.Select(l => l ?? "ok"), Is.EqualTo(new[]
        {
            "ok",
            "SCRAM-SHA-256 for \"alice\": wrong password (the client proof does not match the verifier)",
            "SCRAM-SHA-256 for \"bob\": no such identity",
            "ok",
        }));
    }

    /// <summary>Runs our client against our server; null when both accept, else the first failure.</summary>
    private static string? Exchange(ScramVerifier verifier, string password)
    {
        var server = new ScramServerExchange(verifier, "x");
        using var client = new ScramClientExchange(password);
        var first = server.HandleClientFirst(client.CreateClientFirst());
        var clientFinal = client.HandleServerFirst(first.Message.Span);
        var serverFinal = server.HandleClientFinal(clientFinal.Message.Span);
        if (!serverFinal.Succeeded)
        {
            return serverFinal.FailureReason;
        }

        var done = client.HandleServerFinal(serverFinal.Message.Span);
        return done.Succeeded ? null : done.FailureReason;
    }

    private string Login(string user, string password) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString()) { Username = user, Password = password }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> RolePasswordAsync(string role)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select rolpassword from pg_authid where rolname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
