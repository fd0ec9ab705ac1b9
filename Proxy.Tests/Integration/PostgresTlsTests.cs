using Npgsql;
using Proxy.Protocols.Postgres;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>
/// TLS on both sides of a postgres listener: the proxy terminates the client's TLS with its certificate
/// (psql sslmode=require and verify-full), and speaks TLS to a server that has it, verified against a CA.
/// </summary>
[TestFixture]
public sealed class PostgresTlsTests
{
    private TestCertificates _certificates = null!;
    private PostgresServer _tlsServer = null!;

    private static PostgresServer Server => PostgresFixture.Server;

    [OneTimeSetUp]
    public async Task StartTlsServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _tlsServer = await PostgresServer.StartAsync(timeout.Token);

        // The certificate files live in the server's data directory, which its OS user owns and can read.
        _certificates = TestCertificates.Create(Path.Combine(_tlsServer.DataDirectory, "tls"));
        if (Environment.IsPrivilegedProcess)
        {
            var chown = await ExternalProcess.RunAsync("chown", ["-R", $"{PostgresServer.ServerOsUser}:", _certificates.Directory], TimeSpan.FromSeconds(30), cancellationToken: timeout.Token);
            Assert.That(chown.ExitCode, Is.Zero, chown.ToString);
        }

        var enable = await _tlsServer.PsqlAsync(
            [
                "-c", $"alter system set ssl_cert_file = '{_certificates.CertificateFile}'",
                "-c", $"alter system set ssl_key_file = '{_certificates.KeyFile}'",
                "-c", "alter system set ssl = on",
                "-c", "select pg_reload_conf()",
            ],
            cancellationToken: timeout.Token);
        Assert.That(enable.ExitCode, Is.Zero, enable.ToString);
    }

    [OneTimeTearDown]
    public async Task StopTlsServerAsync() => await _tlsServer.DisposeAsync();

    [TestCase("require", TestName = "Psql_with_sslmode_require_gets_TLS_from_the_proxy")]
    [TestCase("verify-full", TestName = "Psql_with_sslmode_verify_full_checks_the_proxy_certificate")]
    [CancelAfter(30_000)]
    public async Task Client_TLS(string sslMode, CancellationToken cancellationToken)
    {
        await using var proxy = StartProxy(Server, new PostgresSettings { ClientTls = ClientTlsMode.Required });

        var result = await Server.PsqlAsync(
            [$"host=127.0.0.1 port={proxy.Port} user=postgres dbname=postgres sslmode={sslMode} sslrootcert={_certificates.CaFile}", "-At", "-c", "select 'over tls'", "-c", "\\conninfo"],
            cancellationToken: cancellationToken);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.StandardOutput, Does.StartWith("over tls"));
        Assert.That(result.StandardOutput, Does.Contain("SSL connection (protocol: TLSv1."));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_client_in_the_clear_is_refused_when_TLS_is_required(CancellationToken cancellationToken)
    {
        await using var proxy = StartProxy(Server, new PostgresSettings { ClientTls = ClientTlsMode.Required });

        var result = await Server.PsqlAsync(
            [$"host=127.0.0.1 port={proxy.Port} user=postgres dbname=postgres sslmode=disable", "-c", "select 1"],
            cancellationToken: cancellationToken);

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.StandardError, Does.Contain("this listener accepts TLS connections only"));
    }

    [TestCase(UpstreamTlsMode.Require, TestName = "Upstream_TLS_require_encrypts_the_server_connection")]
    [TestCase(UpstreamTlsMode.VerifyFull, TestName = "Upstream_TLS_verify_full_checks_the_server_certificate_against_the_CA")]
    [TestCase(UpstreamTlsMode.Prefer, TestName = "Upstream_TLS_prefer_uses_TLS_when_the_server_has_it")]
    [CancelAfter(30_000)]
    public async Task Upstream_TLS(UpstreamTlsMode mode, CancellationToken cancellationToken)
    {
        await using var proxy = StartProxy(_tlsServer, new PostgresSettings { UpstreamTls = mode, UpstreamCa = Ca() });

        Assert.That(await ServerSideSslAsync(proxy.Port, cancellationToken), Is.True, "pg_stat_ssl of the proxy's upstream connection");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Upstream_TLS_prefer_goes_on_in_the_clear_with_a_server_without_TLS(CancellationToken cancellationToken)
    {
        await using var proxy = StartProxy(Server, new PostgresSettings { UpstreamTls = UpstreamTlsMode.Prefer });

        Assert.That(await ServerSideSslAsync(proxy.Port, cancellationToken), Is.False);
    }

    [TestCase(UpstreamTlsMode.Require, true, "does not accept TLS", TestName = "Upstream_TLS_require_refuses_a_server_without_TLS")]
    [TestCase(UpstreamTlsMode.VerifyFull, false, "TLS with the server failed", TestName = "Upstream_TLS_verify_full_refuses_a_certificate_from_another_CA")]
    [CancelAfter(30_000)]
    public async Task Upstream_TLS_refusal(UpstreamTlsMode mode, bool plainServer, string reason, CancellationToken cancellationToken)
    {
        var otherCa = TestCertificates.Create(Path.Combine(Path.GetTempPath(), $"proxy-other-ca-{Guid.NewGuid():N}"));
        try
        {
            var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            roots.ImportFromPemFile(otherCa.CaFile);
            await using var proxy = StartProxy(plainServer ? Server : _tlsServer, new PostgresSettings { UpstreamTls = mode, UpstreamCa = roots });

            var failure = Assert.ThrowsAsync<PostgresException>(async () => await ServerSideSslAsync(proxy.Port, cancellationToken));

            Assert.That(failure!.SqlState, Is.EqualTo("08006"));
            Assert.That(failure.MessageText, Does.Contain(reason));
        }
        finally
        {
            Directory.Delete(otherCa.Directory, recursive: true);
        }
    }

    private InProcessProxy StartProxy(PostgresServer upstream, PostgresSettings settings)
    {
        var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(_certificates.CertificateFile, _certificates.KeyFile);
        var withCertificate = settings.ClientTls == ClientTlsMode.Disabled ? settings : settings with { TlsCertificate = certificate };
        return InProcessProxy.Start(InProcessProxy.Listener(upstream.EndPoint) with { Protocol = "postgres", ProtocolSettings = withCertificate });
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2Collection Ca()
    {
        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        roots.ImportFromPemFile(_certificates.CaFile);
        return roots;
    }

    /// <summary>Whether the server sees its connection from the proxy as TLS (pg_stat_ssl), asked through the proxy.</summary>
    private static async Task<bool> ServerSideSslAsync(int port, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server.ConnectionString(port: port)) { SslMode = SslMode.Disable };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select ssl from pg_stat_ssl where pid = pg_backend_pid()", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
