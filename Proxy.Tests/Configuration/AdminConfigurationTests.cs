using System.Net;
using Proxy.Host.Admin;
using Proxy.Host.Cli;
using Proxy.Host.Configuration;
using Proxy.Protocols.Postgres.Auth;

namespace Proxy.Tests.Configuration;

/// <summary>The `Admin` section: defaults, loopback by default, token digests, and every error located.</summary>
public sealed class AdminConfigurationTests
{
    private static readonly string[] Protocols = ["tcp", "postgres"];
    private static readonly string Verifier = ScramVerifier.Create("unused", ScramVerifier.MinimumIterations).Format();
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("proxy-admin-config-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Without_an_admin_section_nothing_listens()
    {
        var result = Load(Write("""{ "DataDirectory": "d" }"""));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options!.Admin, Is.Null);
    }

    [Test]
    public void An_empty_section_listens_on_loopback_at_the_default_port_with_no_tokens()
    {
        var admin = Load(Write("""{ "Admin": { } }""")).Options!.Admin!;

        Assert.That(admin.Listen, Is.EqualTo(IPEndPoint.Parse(ConfigurationLoader.DefaultAdminListen)));
        Assert.That(admin.Tokens, Is.Empty);
        Assert.That(admin.ReadGroups, Is.Empty);
        Assert.That(admin.MetricsRequireToken, Is.False);
    }

    [Test]
    public void The_entry_token_add_prints_loads_and_its_digest_is_that_of_the_printed_token()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.That(AdminCommands.Add("alice", output, error), Is.Zero);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        var token = lines[0];
        Assert.That(token, Does.Match("^pxa_[A-Za-z0-9_-]{43}$"));
        Assert.That(error.ToString(), Does.Contain("shown only now"));

        var result = Load(Write($$"""
            {
              "Identities": { "alice": { "Scram": "{{Verifier}}", "Groups": ["dba"] } },
              "Admin": { "Listen": "127.0.0.1:0", "ReadGroups": ["auditors"], "ReloadGroups": ["dba"], "MetricsRequireToken": true,
                         "Tokens": [ {{lines[1]}} ] }
            }
            """));

        Assert.That(result.Errors, Is.Empty);
        var admin = result.Options!.Admin!;
        Assert.That(admin.Tokens.Single().Identity, Is.EqualTo("alice"));
        Assert.That(admin.Tokens.Single().Sha256, Is.EqualTo(AdminTokens.Digest(token)));
        Assert.That(admin.ReadGroups, Is.EqualTo(new[] { "auditors" }));
        Assert.That(admin.ReloadGroups, Is.EqualTo(new[] { "dba" }));
        Assert.That(admin.MetricsRequireToken, Is.True);
        Assert.That(File.ReadAllText(Path.Combine(_directory, "proxy.json")), Does.Not.Contain(token), "the configuration holds the digest only");

        // Two tokens differ: they are random.
        var again = new StringWriter();
        AdminCommands.Add("alice", again, TextWriter.Null);
        Assert.That(again.ToString().Split('\n')[0], Is.Not.EqualTo(token));
    }

    [Test]
    public void A_non_loopback_address_is_refused_unless_allowed()
    {
        var file = Write("""
            {
              "Admin": { "Listen": "0.0.0.0:9432" }
            }
            """);
        var refused = Load(file);
        Assert.That(refused.Errors.Select(e => e.ToString()), Has.One.StartsWith($"{file}:2:14: Admin:Listen: 0.0.0.0:9432 is not a loopback address"));

        var allowed = Load(Write("""{ "Admin": { "Listen": "0.0.0.0:9432", "AllowRemote": true } }"""));
        Assert.That(allowed.Errors, Is.Empty);
        Assert.That(allowed.Options!.Admin!.Listen, Is.EqualTo(new IPEndPoint(IPAddress.Any, 9432)));
    }

    [Test]
    public void Every_admin_error_is_reported_at_once_and_located()
    {
        var file = Write($$"""
            {
              "Identities": { "alice": { "Scram": "{{Verifier}}", "Groups": [] } },
              "Admin": {
                "Listen": "127.0.0.1:notaport",
                "AllowRemote": "maybe",
                "Token": [],
                "ReadGroups": [""],
                "Tokens": [
                  { "Identity": "alicia", "Sha256": "00" },
                  { "Identity": "alice", "Sha256": "zz", "Hash": "x" },
                  { "Sha256": "{{new string('a', 64)}}" }
                ]
              }
            }
            """);

        var lines = Load(file).Errors.Select(e => e.ToString()).ToArray();

        Assert.That(lines, Is.EquivalentTo(new[]
        {
            $"{file}:6:5: Admin:Token: unknown key (did you mean 'Tokens'?)",
            $"{file}:5:5: Admin:AllowRemote: 'maybe' is not true or false",
            $"{file}:4:5: Admin:Listen: 'notaport' is not a port (0-65535)",
            $"{file}:9:9: Admin:Tokens:0:Identity: 'alicia' is not one of Identities (did you mean 'alice'?)",
            $"{file}:9:31: Admin:Tokens:0:Sha256: is not a SHA-256 digest in hex (64 characters); `proxy admin token add IDENTITY` makes a token and prints its entry",
            $"{file}:10:46: Admin:Tokens:1:Hash: unknown key",
            $"{file}:10:30: Admin:Tokens:1:Sha256: is not a SHA-256 digest in hex (64 characters); `proxy admin token add IDENTITY` makes a token and prints its entry",
            $"{file}:11:7: Admin:Tokens:2:Identity: is required",
            $"{file}:7:5: Admin:ReadGroups: a group name must not be empty",
        }));
    }

    private static ConfigurationResult Load(string file) =>
        ConfigurationLoader.Load(new ConfigurationSources { ConfigFile = file }, Protocols, requireListeners: false);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, "proxy.json");
        File.WriteAllText(path, json);
        return path;
    }
}
