using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Npgsql;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Protocols;
using Proxy.Protocols.Postgres;
using Proxy.Protocols.Postgres.Auth;
using Proxy.Tests.Policy;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>
/// `Auth: held`: clients log in to the proxy with their own identity (SCRAM-SHA-256) and the proxy logs in
/// upstream with a role and password the client never sees — not in a byte, not in a log, not in the record.
/// </summary>
[TestFixture]
public sealed class PostgresHeldCredentialTests
{
    private const string AlicePassword = "alice's secret ✓";
    private const string BobPassword = "bob-password";

    private const string Policy = """
        version 1
        rule dba_only_truncate {
          when sql.kind == truncate and not (groups has "dba")
          then block "TRUNCATE is for DBAs"
        }
        """;

    private InProcessProxy _proxy = null!;

    private static PostgresServer Server => PostgresFixture.Server;

    [SetUp]
    public void Start()
    {
        var settings = new PostgresSettings
        {
            Auth = PostgresAuth.Held,
            Upstream = new HeldCredential(PostgresServer.PasswordUser, PostgresServer.PasswordUserPassword),
        };
        var identities = new Dictionary<string, ProxyIdentity>
        {
            ["alice"] = new("alice", ScramVerifier.Create(AlicePassword).Format(), ["dba"]),
            ["bob"] = new("bob", ScramVerifier.Create(BobPassword).Format(), []),
        };
        _proxy = InProcessProxy.Start(
            InProcessProxy.Listener(Server.EndPoint) with { Protocol = "postgres", ProtocolSettings = settings },
            policy: new PolicyStore(PolicyEvaluationTests.Compile(Policy)),
            identities: identities);
    }

    [TearDown]
    public async Task StopAsync() => await _proxy.DisposeAsync();

    [Test]
    [CancelAfter(30_000)]
    public async Task Npgsql_logs_in_as_an_identity_and_runs_as_the_held_role(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(_proxy.Port, "alice", AlicePassword));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select current_user, session_user", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Assert.That(await reader.ReadAsync(cancellationToken), Is.True);

        Assert.That(reader.GetString(0), Is.EqualTo(PostgresServer.PasswordUser));
        Assert.That(reader.GetString(1), Is.EqualTo(PostgresServer.PasswordUser));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Psql_logs_in_as_an_identity(CancellationToken cancellationToken)
    {
        var result = await Server.PsqlAsync(
            [ConnectionString(_proxy.Port, "alice", AlicePassword, libpq: true), "-At", "-c", "select current_user"],
            cancellationToken: cancellationToken);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.StandardOutput.Trim(), Is.EqualTo(PostgresServer.PasswordUser));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Pgbench_and_Npgsql_run_through_a_held_credential_listener_over_TLS(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("proxy-held-tls-").FullName;
        try
        {
            var certificates = TestCertificates.Create(directory);
            var settings = (PostgresSettings)_proxy.Options.ProtocolSettings! with
            {
                TlsCertificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificates.CertificateFile, certificates.KeyFile),
                ClientTls = ClientTlsMode.Required,
            };
            await using var proxy = InProcessProxy.Start(
                _proxy.Options with { Name = "held-tls", Listen = new IPEndPoint(IPAddress.Loopback, 0), ProtocolSettings = settings },
                identities: new Dictionary<string, ProxyIdentity> { ["alice"] = new("alice", ScramVerifier.Create(AlicePassword).Format(), ["dba"]) });

            var script = Path.Combine(directory, "select.sql");
            await File.WriteAllTextAsync(script, "\\set id random(1, 1000)\nselect :id, current_user;\n", cancellationToken);
            var pgbench = await ExternalProcess.RunAsync(
                Server.PgbenchPath,
                ["-n", "-f", script, "-c", "4", "-j", "2", "-t", "100", "-M", "extended", "postgres"],
                TimeSpan.FromSeconds(50),
                directory,
                new Dictionary<string, string?>
                {
                    ["PGHOST"] = "127.0.0.1", ["PGPORT"] = $"{proxy.Port}", ["PGUSER"] = "alice", ["PGPASSWORD"] = AlicePassword,
                    ["PGSSLMODE"] = "verify-full", ["PGSSLROOTCERT"] = certificates.CaFile, ["PGDATABASE"] = null,
                },
                cancellationToken);
            Assert.That(pgbench.ExitCode, Is.Zero, pgbench.ToString);
            Assert.That(pgbench.StandardOutput, Does.Contain("number of transactions actually processed: 400/400"), pgbench.ToString);

            var builder = new NpgsqlConnectionStringBuilder(ConnectionString(proxy.Port, "alice", AlicePassword)) { SslMode = SslMode.VerifyFull, RootCertificate = certificates.CaFile };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select current_user", connection);
            Assert.That(await command.ExecuteScalarAsync(cancellationToken), Is.EqualTo(PostgresServer.PasswordUser));
            await using var ssl = new NpgsqlCommand("select 1", connection);
            Assert.That(await ssl.ExecuteScalarAsync(cancellationToken), Is.EqualTo(1), "verify-full accepted the proxy's certificate");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase("alice", "wrong", TestName = "A_wrong_password_gets_28P01")]
    [TestCase("mallory", "anything", TestName = "An_unknown_identity_gets_the_same_28P01")]
    [TestCase(PostgresServer.PasswordUser, PostgresServer.PasswordUserPassword, TestName = "The_upstream_role_is_not_an_identity")]
    [CancelAfter(30_000)]
    public async Task Failed_login(string user, string password, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(_proxy.Port, user, password));

        var failure = Assert.ThrowsAsync<PostgresException>(async () => await connection.OpenAsync(cancellationToken));

        Assert.That(failure!.SqlState, Is.EqualTo(PostgresErrorCodes.InvalidPassword));
        Assert.That(failure.MessageText, Is.EqualTo($"password authentication failed for user \"{user}\""));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Rules_see_the_identity_and_its_groups(CancellationToken cancellationToken)
    {
        var table = $"held_{Guid.NewGuid():N}";
        await using (var direct = new NpgsqlConnection(Server.ConnectionString()))
        {
            // PostgreSQL 15 lets only owners create in schema public: the superuser creates, the held role owns.
            await direct.OpenAsync(cancellationToken);
            await Execute(direct, $"create table {table} (id int); alter table {table} owner to {PostgresServer.PasswordUser}", cancellationToken);
        }

        await using var owner = new NpgsqlConnection(ConnectionString(_proxy.Port, "alice", AlicePassword));
        await owner.OpenAsync(cancellationToken);
        await using var bob = new NpgsqlConnection(ConnectionString(_proxy.Port, "bob", BobPassword));
        await bob.OpenAsync(cancellationToken);

        var refused = Assert.ThrowsAsync<PostgresException>(async () => await Execute(bob, $"truncate {table}", cancellationToken));
        await Execute(owner, $"truncate {table}", cancellationToken);
        await Execute(owner, $"drop table {table}", cancellationToken);

        Assert.That(refused!.MessageText, Is.EqualTo("blocked by policy rule dba_only_truncate: TRUNCATE is for DBAs"));
        var truncates = _proxy.Log.Events.Select(e => e.Event).OfType<StatementEvent>().Where(s => s.StatementKind == "truncate").ToArray();
        Assert.That(truncates.Select(s => (s.Identity, s.Decision.Verdict)), Is.EqualTo(new[] { ((string?)"bob", "block"), ("alice", "allow") }));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_upstream_password_is_in_no_byte_sent_to_the_client_no_log_line_and_no_recorded_event(CancellationToken cancellationToken)
    {
        await using var tap = ClientTap.Start(_proxy.EndPoint);
        await using (var connection = new NpgsqlConnection(ConnectionString(tap.Port, "alice", AlicePassword)))
        {
            await connection.OpenAsync(cancellationToken);
            await Execute(connection, "select 1", cancellationToken);
            Assert.ThrowsAsync<PostgresException>(async () => await Execute(connection, "select * from no_such_table", cancellationToken));
        }

        await using (var wrong = new NpgsqlConnection(ConnectionString(tap.Port, "alice", "wrong")))
        {
            Assert.ThrowsAsync<PostgresException>(async () => await wrong.OpenAsync(cancellationToken));
        }

        await _proxy.Log.WaitForClosedCountAsync(2, TimeSpan.FromSeconds(10), cancellationToken);
        var secret = Encoding.UTF8.GetBytes(PostgresServer.PasswordUserPassword);
        var toClient = tap.FromProxy();
        Assert.That(toClient.Length, Is.GreaterThan(100), "the tap saw the sessions");
        Assert.That(toClient.AsSpan().IndexOf(secret), Is.EqualTo(-1), "bytes sent to the client");
        Assert.That(_proxy.Describe(), Does.Not.Contain(PostgresServer.PasswordUserPassword), "proxy log and session log");
        foreach (var recorded in _proxy.Log.Events)
        {
            using var buffer = new MemoryStream();
            await using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                recorded.Event.WriteData(writer);
                writer.WriteEndObject();
            }

            Assert.That(buffer.ToArray().AsSpan().IndexOf(secret), Is.EqualTo(-1), $"recorded {recorded.Event.Kind} event");
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_second_login_takes_the_upstream_keys_from_the_cache_and_another_password_does_not(CancellationToken cancellationToken)
    {
        var cache = ScramKeyCache.Shared;
        cache.Clear();
        var (misses, hits) = (cache.Misses, cache.Hits);

        Assert.That(await CurrentUserAsync(_proxy.Port, cancellationToken), Is.EqualTo(PostgresServer.PasswordUser));
        Assert.That((cache.Misses - misses, cache.Hits - hits, cache.Count), Is.EqualTo((1, 0, 1)), "the first login ran PBKDF2 and kept the keys");
        Assert.That(await CurrentUserAsync(_proxy.Port, cancellationToken), Is.EqualTo(PostgresServer.PasswordUser));
        Assert.That((cache.Misses - misses, cache.Hits - hits), Is.EqualTo((1, 1)), "the second login used them");

        // Same role, same salt, another password: a cache keyed without the password would let this one in.
        await using var wrong = StartProxy(new HeldCredential(PostgresServer.PasswordUser, PostgresServer.PasswordUserPassword + "-not"));
        var refused = Assert.ThrowsAsync<PostgresException>(async () => await CurrentUserAsync(wrong.Port, cancellationToken));
        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.ConnectionFailure));
        // Npgsql may try the login more than once after a failure; each attempt misses, none is kept.
        Assert.That(cache.Misses - misses, Is.GreaterThanOrEqualTo(2), "the other password derived its own keys");
        Assert.That((cache.Hits - hits, cache.Count), Is.EqualTo((1, 1)), "and did not use or keep any");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_pgbench_connection_storm_derives_the_upstream_keys_at_most_once_per_client(CancellationToken cancellationToken)
    {
        const int Clients = 4;
        const int PerClient = 10;
        var cache = ScramKeyCache.Shared;
        cache.Clear();
        var (misses, hits) = (cache.Misses, cache.Hits);
        var directory = Directory.CreateTempSubdirectory("proxy-held-storm-").FullName;
        try
        {
            // -C: a new connection, so a new upstream login, for every transaction.
            var script = Path.Combine(directory, "select.sql");
            await File.WriteAllTextAsync(script, "select current_user;\n", cancellationToken);
            var pgbench = await ExternalProcess.RunAsync(
                Server.PgbenchPath,
                ["-n", "-C", "-f", script, "-c", $"{Clients}", "-j", "2", "-t", $"{PerClient}", "postgres"],
                TimeSpan.FromSeconds(80),
                directory,
                new Dictionary<string, string?>
                {
                    ["PGHOST"] = "127.0.0.1", ["PGPORT"] = $"{_proxy.Port}", ["PGUSER"] = "alice", ["PGPASSWORD"] = AlicePassword, ["PGDATABASE"] = null,
                },
                cancellationToken);
            Assert.That(pgbench.ExitCode, Is.Zero, pgbench.ToString);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        // A client's logins follow one another, and keys enter the cache before AuthenticationOk reaches the
        // client: only logins running before the first one finished can miss.
        Assert.That(cache.Misses - misses, Is.InRange(1, Clients));
        Assert.That(cache.Misses - misses + cache.Hits - hits, Is.InRange(Clients * PerClient, Clients * PerClient + 1), "one upstream SCRAM login per transaction (and pgbench's own first connection)");
        Assert.That(cache.Count, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task After_ALTER_ROLE_PASSWORD_the_new_salt_and_a_rotated_password_log_in(CancellationToken cancellationToken)
    {
        const string Rotated = "proxy-rotated-password";
        var cache = ScramKeyCache.Shared;
        Assert.That(await CurrentUserAsync(_proxy.Port, cancellationToken), Is.EqualTo(PostgresServer.PasswordUser));
        try
        {
            // The same password again: PostgreSQL makes a new salt, so the cached keys no longer fit.
            await SetUpstreamPasswordAsync(PostgresServer.PasswordUserPassword, cancellationToken);
            var misses = cache.Misses;
            Assert.That(await CurrentUserAsync(_proxy.Port, cancellationToken), Is.EqualTo(PostgresServer.PasswordUser));
            Assert.That(cache.Misses - misses, Is.EqualTo(1), "a new salt derives afresh");

            // A rotated password, as a new password file read by a new configuration: the old credential is
            // refused (by the server), the new one logs in.
            await SetUpstreamPasswordAsync(Rotated, cancellationToken);
            var refused = Assert.ThrowsAsync<PostgresException>(async () => await CurrentUserAsync(_proxy.Port, cancellationToken));
            Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.ConnectionFailure));
            await using var rotated = StartProxy(new HeldCredential(PostgresServer.PasswordUser, Rotated));
            misses = cache.Misses;
            Assert.That(await CurrentUserAsync(rotated.Port, cancellationToken), Is.EqualTo(PostgresServer.PasswordUser));
            Assert.That(await CurrentUserAsync(rotated.Port, cancellationToken), Is.EqualTo(PostgresServer.PasswordUser));
            Assert.That(cache.Misses - misses, Is.EqualTo(1), "the rotated password derived once, then came from the cache");
        }
        finally
        {
            await SetUpstreamPasswordAsync(PostgresServer.PasswordUserPassword, CancellationToken.None);
        }

        Assert.That(await CurrentUserAsync(_proxy.Port, cancellationToken), Is.EqualTo(PostgresServer.PasswordUser));
    }

    /// <summary>A held listener like the fixture's, with another credential.</summary>
    private InProcessProxy StartProxy(HeldCredential credential) => InProcessProxy.Start(
        _proxy.Options with
        {
            Name = "held-other",
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            ProtocolSettings = (PostgresSettings)_proxy.Options.ProtocolSettings! with { Upstream = credential },
        },
        identities: new Dictionary<string, ProxyIdentity> { ["alice"] = new("alice", ScramVerifier.Create(AlicePassword).Format(), ["dba"]) });

    /// <summary>A new connection as alice through the proxy on <paramref name="port"/>: one held login upstream.</summary>
    private static async Task<object?> CurrentUserAsync(int port, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(port, "alice", AlicePassword));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select current_user", connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>ALTER ROLE … PASSWORD as the superuser; PostgreSQL gives the role a new random salt each time.</summary>
    private static async Task SetUpstreamPasswordAsync(string password, CancellationToken cancellationToken)
    {
        await using var direct = new NpgsqlConnection(Server.ConnectionString());
        await direct.OpenAsync(cancellationToken);
        await Execute(direct, $"set password_encryption = 'scram-sha-256'; alter role {PostgresServer.PasswordUser} password '{password}'", cancellationToken);
    }

    private static string ConnectionString(int port, string user, string password, bool libpq = false) => libpq
        ? $"host=127.0.0.1 port={port} user={user} password='{password.Replace("'", "\\'", StringComparison.Ordinal)}' dbname=postgres"
        : new NpgsqlConnectionStringBuilder(Server.ConnectionString(port: port)) { Username = user, Password = password }.ConnectionString;

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A relay between the client and the proxy that keeps every byte the proxy sends to the client.</summary>
    private sealed class ClientTap : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly MemoryStream _fromProxy = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        private ClientTap(IPEndPoint proxy)
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _accepting = AcceptAsync(proxy);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static ClientTap Start(IPEndPoint proxy) => new(proxy);

        public byte[] FromProxy()
        {
            lock (_fromProxy)
            {
                return _fromProxy.ToArray();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }

        private async Task AcceptAsync(IPEndPoint proxy)
        {
            var relays = new List<Task>();
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptSocketAsync(_stop.Token);
                    var upstream = await TestSockets.ConnectAsync(proxy, _stop.Token);
                    relays.Add(Task.WhenAll(PumpAsync(client, upstream, null), PumpAsync(upstream, client, _fromProxy)));
                }
            }
            catch (OperationCanceledException)
            {
                await Task.WhenAll(relays).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        private async Task PumpAsync(Socket from, Socket to, MemoryStream? record)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token) is var read and > 0)
                {
                    if (record is not null)
                    {
                        lock (record)
                        {
                            record.Write(buffer, 0, read);
                        }
                    }

                    await to.SendAllAsync(buffer.AsMemory(0, read), _stop.Token);
                }

                to.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                to.Dispose();
            }
        }
    }
}
