using System.Net;
using Proxy.Core.SessionLog;
using Proxy.Host.Configuration;
using Proxy.Protocols.Postgres;
using Proxy.Protocols.Postgres.Auth;

namespace Proxy.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private static readonly string[] Protocols = ["tcp", "postgres"];
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("proxy-config-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_complete_file_becomes_options()
    {
        var file = Write("""
            {
              // comments and trailing commas are accepted, as in appsettings.json
              "DataDirectory": "audit",
              "Durability": "strict",
              "DrainTimeout": "45s",
              "Listeners": [
                { "Name": "pg", "Protocol": "tcp", "Listen": "127.0.0.1:6432", "Upstream": "db.internal:5432",
                  "MaxConnections": 200, "ConnectTimeout": "2s", "IdleTimeout": "30m", },
                { "Name": "pg6", "Protocol": "TCP", "Listen": "[::1]:6433", "Upstream": "[::1]:5432" }
              ]
            }
            """);

        var result = Load(file);

        Assert.That(result.Errors, Is.Empty);
        var options = result.Options!;
        Assert.That(options.DataDirectory, Is.EqualTo(Path.GetFullPath("audit")));
        Assert.That(options.Durability, Is.EqualTo(Durability.Strict));
        Assert.That(options.DrainTimeout, Is.EqualTo(TimeSpan.FromSeconds(45)));
        Assert.That(options.Listeners, Has.Length.EqualTo(2));
        var pg = options.Listeners[0];
        Assert.That(pg.Name, Is.EqualTo("pg"));
        Assert.That(pg.Listen, Is.EqualTo(new IPEndPoint(IPAddress.Loopback, 6432)));
        Assert.That(pg.Upstream, Is.EqualTo(new DnsEndPoint("db.internal", 5432)));
        Assert.That(pg.MaxConnections, Is.EqualTo(200));
        Assert.That(pg.ConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(pg.IdleTimeout, Is.EqualTo(TimeSpan.FromMinutes(30)));
        Assert.That(options.Listeners[1].Protocol, Is.EqualTo("tcp"));
        Assert.That(options.Listeners[1].Listen, Is.EqualTo(new IPEndPoint(IPAddress.IPv6Loopback, 6433)));
    }

    [Test]
    public void Every_error_is_reported_at_once_with_file_line_and_column()
    {
        var file = Write("""
            {
              "Durabilty": "strict",
              "DrainTimeout": "soon",
              "Listeners": [
                {
                  "Name": "pg",
                  "Protocol": "tpc",
                  "Listen": "127.0.0.1:99999",
                  "Upstreem": "127.0.0.1:5432",
                  "MaxConnections": -4
                }
              ]
            }
            """);

        var result = Load(file);
        var lines = result.Errors.Select(e => e.ToString()).ToArray();

        Assert.That(result.IsValid, Is.False);
        Assert.That(lines, Is.EquivalentTo(new[]
        {
            $"{file}:2:3: Durabilty: unknown key (did you mean 'Durability'?)",
            $"{file}:3:3: DrainTimeout: 'soon' is not a duration (examples: 500ms, 30s, 5m, 1h, 0)",
            $"{file}:9:7: Listeners:0:Upstreem: unknown key (did you mean 'Upstream'?)",
            $"{file}:7:7: Listeners:0:Protocol: unknown protocol 'tpc' (known: tcp, postgres) (did you mean 'tcp'?)",
            $"{file}:8:7: Listeners:0:Listen: '99999' is not a port (0-65535)",
            $"{file}:5:5: Listeners:0:Upstream: is required",
            $"{file}:10:7: Listeners:0:MaxConnections: '-4' is not a whole number between 1 and 1000000",
        }));
    }

    [Test]
    public void A_postgres_listener_with_a_held_credential_and_identities_becomes_options()
    {
        var passwordFile = Path.Combine(_directory, "app.password");
        File.WriteAllText(passwordFile, "s3cret\n");
        var verifier = ScramVerifier.Create("alice-password").Format();
        var file = Write($$"""
            {
              "Listeners": [
                { "Name": "pg", "Protocol": "postgres", "Listen": "127.0.0.1:6432", "Upstream": "127.0.0.1:5432",
                  "Auth": "held", "UpstreamUser": "app", "UpstreamPasswordFile": "{{passwordFile}}",
                  "MaxMessageSize": 65536, "AuditParameters": false, "AuditParameterLimit": 64 }
              ],
              "Identities": { "alice": { "Scram": "{{verifier}}", "Groups": ["dba", "oncall"] } }
            }
            """);

        var result = Load(file);

        Assert.That(result.Errors, Is.Empty);
        var settings = (PostgresSettings)result.Options!.Listeners[0].ProtocolSettings!;
        Assert.That(settings.Auth, Is.EqualTo(PostgresAuth.Held));
        Assert.That(settings.Upstream, Is.EqualTo(new HeldCredential("app", "s3cret")), "one trailing line break is not part of the password");
        Assert.That(settings.Upstream!.ToString(), Does.Not.Contain("s3cret"));
        Assert.That(result.Options.Listeners[0].MaxMessageSize, Is.EqualTo(65536));
        Assert.That(settings.AuditParameters, Is.False);
        Assert.That(settings.AuditParameterLimit, Is.EqualTo(64));
        var alice = result.Options.Identities["alice"];
        Assert.That(alice.Scram, Is.EqualTo(verifier));
        Assert.That(alice.Groups, Is.EqualTo(new[] { "dba", "oncall" }));
    }

    [Test]
    public void Postgres_keys_and_identities_are_checked_and_located()
    {
        var file = Write("""
            {
              "Listeners": [
                { "Name": "held", "Protocol": "postgres", "Listen": "127.0.0.1:6432", "Upstream": "127.0.0.1:5432",
                  "Auth": "hold", "MaxMessageSize": 9999999999 },
                { "Name": "needs", "Protocol": "postgres", "Listen": "127.0.0.1:6433", "Upstream": "127.0.0.1:5432",
                  "Auth": "held", "UpstreamPasswordEnv": "PROXY_TEST_UNSET_PASSWORD_VARIABLE" },
                { "Name": "l4", "Protocol": "tcp", "Listen": "127.0.0.1:6434", "Upstream": "127.0.0.1:5432",
                  "AuditParameters": true }
              ],
              "Identities": { "bob": { "Scram": "md5abc", "Group": [] } }
            }
            """);

        var lines = Load(file).Errors.Select(e => e.ToString()).ToArray();

        Assert.That(lines, Is.EquivalentTo(new[]
        {
            $"{file}:4:7: Listeners:0:Auth: 'hold' is not passthrough or held (did you mean 'held'?)",
            $"{file}:4:23: Listeners:0:MaxMessageSize: '9999999999' is not a whole number between 1024 and 1073741823",
            $"{file}:5:5: Listeners:1:UpstreamUser: is required with Auth: held (the role the proxy logs in as)",
            $"{file}:6:23: Listeners:1:UpstreamPasswordEnv: environment variable PROXY_TEST_UNSET_PASSWORD_VARIABLE is not set or empty",
            $"{file}:8:7: Listeners:2:AuditParameters: only a postgres listener has this key (this one is tcp)",
            $"{file}:10:47: Identities:bob:Group: unknown key (did you mean 'Groups'?)",
            $"{file}:10:28: Identities:bob:Scram: not a SCRAM-SHA-256 verifier: expected SCRAM-SHA-256$<iterations>:<salt base64>$<StoredKey base64>:<ServerKey base64>",
        }));
    }

    [Test]
    public void Mask_hash_key_and_catalog_credential_are_read_from_outside_the_file()
    {
        var keyFile = Path.Combine(_directory, "hash.key");
        File.WriteAllText(keyFile, "0123456789abcdef0123456789abcdef\n");
        var passwordFile = Path.Combine(_directory, "catalog.password");
        File.WriteAllText(passwordFile, "catalog-secret\n");
        var file = Write($$"""
            {
              "MaskHashKeyFile": "hash.key",
              "Listeners": [
                { "Name": "pg", "Protocol": "postgres", "Listen": "127.0.0.1:6432", "Upstream": "127.0.0.1:5432",
                  "CatalogUser": "proxy_catalog", "CatalogPasswordFile": "{{passwordFile}}" }
              ]
            }
            """);

        var result = Load(file);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options!.MaskHashKey, Is.EqualTo("0123456789abcdef0123456789abcdef"u8.ToArray()));
        var settings = (Proxy.Protocols.Postgres.PostgresSettings)result.Options.Listeners[0].ProtocolSettings!;
        Assert.That(settings.Catalog, Is.EqualTo(new Proxy.Protocols.Postgres.HeldCredential("proxy_catalog", "catalog-secret")));
    }

    [Test]
    public void Mask_hash_key_and_catalog_credential_errors_are_located()
    {
        var file = Write("""
            {
              "MaskHashKeyEnv": "PROXY_TEST_UNSET_HASH_KEY_VARIABLE",
              "Listeners": [
                { "Name": "held", "Protocol": "postgres", "Listen": "127.0.0.1:6432", "Upstream": "127.0.0.1:5432",
                  "Auth": "held", "UpstreamUser": "u", "UpstreamPasswordFile": "/dev/null", "CatalogUser": "c" },
                { "Name": "pass", "Protocol": "postgres", "Listen": "127.0.0.1:6433", "Upstream": "127.0.0.1:5432",
                  "CatalogPasswordEnv": "X" }
              ]
            }
            """);

        var lines = Load(file).Errors.Select(e => e.ToString()).ToArray();

        Assert.That(lines, Is.EquivalentTo(new[]
        {
            $"{file}:2:3: MaskHashKeyEnv: environment variable PROXY_TEST_UNSET_HASH_KEY_VARIABLE is not set or empty",
            $"{file}:5:44: Listeners:0:UpstreamPasswordFile: '/dev/null' is empty",
            $"{file}:5:81: Listeners:0:CatalogUser: only used with Auth: passthrough; with held, catalog lookups use the held credential",
            $"{file}:6:5: Listeners:1:CatalogUser: is required with CatalogPasswordEnv or CatalogPasswordFile (the role catalog lookups log in as)",
        }));
    }

    [Test]
    public void A_syntax_error_is_located()
    {
        var file = Write("{\n  \"Listeners\": [\n    { \"Name\": \"pg\" \"Protocol\": \"tcp\" }\n  ]\n}\n");

        var result = Load(file);

        Assert.That(result.Errors, Has.Length.EqualTo(1));
        Assert.That(result.Errors[0].ToString(), Does.StartWith($"{file}:3:20: invalid JSON:"));
    }

    [Test]
    public void A_missing_file_is_an_error()
    {
        var result = Load(Path.Combine(_directory, "absent.json"));

        Assert.That(result.Errors.Single().ToString(), Does.EndWith("absent.json: configuration file not found"));
    }

    [Test]
    public void Upstream_alone_on_the_command_line_gives_the_default_listener()
    {
        var result = ConfigurationLoader.Load(
            new ConfigurationSources { Overrides = Overrides(("Listeners:0:Upstream", "127.0.0.1:5432")) },
            Protocols);

        Assert.That(result.Errors, Is.Empty);
        var listener = result.Options!.Listeners.Single();
        Assert.That(listener.Name, Is.EqualTo("default"));
        Assert.That(listener.Protocol, Is.EqualTo("tcp"));
        Assert.That(listener.Listen, Is.EqualTo(IPEndPoint.Parse(ConfigurationLoader.DefaultListen)));
        Assert.That(listener.Upstream, Is.EqualTo(IPEndPoint.Parse("127.0.0.1:5432")));
        Assert.That(result.Options.DataDirectory, Is.EqualTo(Path.GetFullPath("data")));
        Assert.That(result.Options.Durability, Is.EqualTo(Durability.Normal));
    }

    [Test]
    public void Nothing_to_listen_on_is_an_error()
    {
        var result = ConfigurationLoader.Load(new ConfigurationSources(), Protocols);

        Assert.That(result.Errors.Single().Message, Does.Contain("--upstream"));
    }

    [Test]
    public void Environment_overrides_the_file_and_command_line_overrides_both()
    {
        var file = Write("""{ "Durability": "normal", "DrainTimeout": "5s", "Listeners": [ { "Name": "a", "Protocol": "tcp", "Listen": "127.0.0.1:7000", "Upstream": "127.0.0.1:7001" } ] }""");

        var result = ConfigurationLoader.Load(
            new ConfigurationSources
            {
                ConfigFile = file,
                Environment = Overrides(("Durability", "strict"), ("DrainTimeout", "7s")),
                Overrides = Overrides(("DrainTimeout", "9s"), ("Listeners:0:Upstream", "127.0.0.1:7002")),
            },
            Protocols);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options!.Durability, Is.EqualTo(Durability.Strict));
        Assert.That(result.Options.DrainTimeout, Is.EqualTo(TimeSpan.FromSeconds(9)));
        Assert.That(result.Options.Listeners.Single().Upstream, Is.EqualTo(IPEndPoint.Parse("127.0.0.1:7002")));
    }

    [Test]
    public void Errors_in_environment_and_overrides_name_their_source()
    {
        var result = ConfigurationLoader.Load(
            new ConfigurationSources
            {
                Environment = Overrides(("Durability", "sometimes")),
                Overrides = Overrides(("Listeners:0:Upstream", "nowhere"), ("Listeners:0:IdleTimout", "5s")),
            },
            Protocols);

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EquivalentTo(new[]
        {
            "environment PROXY__Durability: Durability: 'sometimes' is not normal or strict",
            "command line (Listeners:0:Upstream): Listeners:0:Upstream: 'nowhere' is not host:port",
            "command line (Listeners:0:IdleTimout): Listeners:0:IdleTimout: unknown key (did you mean 'IdleTimeout'?)",
        }));
    }

    [Test]
    public void Duplicate_names_and_addresses_are_errors()
    {
        var file = Write("""
            { "Listeners": [
              { "Name": "a", "Protocol": "tcp", "Listen": "127.0.0.1:7000", "Upstream": "127.0.0.1:1" },
              { "Name": "A", "Protocol": "tcp", "Listen": "127.0.0.1:7000", "Upstream": "127.0.0.1:1" }
            ] }
            """);

        var messages = Load(file).Errors.Select(e => e.Message).ToArray();

        Assert.That(messages, Is.EquivalentTo(new[]
        {
            "another listener is already named 'A'",
            "another listener already listens on 127.0.0.1:7000",
        }));
    }

    [Test]
    public void Listeners_must_be_a_list()
    {
        var file = Write("""{ "Listeners": { "Name": "a" } }""");

        Assert.That(Load(file).Errors.Select(e => e.Message), Has.Some.Contains("Listeners is a list"));
    }

    [TestCase("500ms", 500)]
    [TestCase("30s", 30_000)]
    [TestCase("1.5s", 1_500)]
    [TestCase("5m", 300_000)]
    [TestCase("2h", 7_200_000)]
    [TestCase("0", 0)]
    [TestCase("00:00:10", 10_000)]
    public void Durations_parse(string text, int milliseconds)
    {
        Assert.That(Duration.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("")]
    [TestCase("soon")]
    [TestCase("-5s")]
    [TestCase("5d")]
    [TestCase("-00:00:01")]
    public void Bad_durations_do_not_parse(string text) => Assert.That(Duration.TryParse(text, out _), Is.False);

    [Test]
    public void Policies_in_the_file_are_relative_to_the_file()
    {
        var etc = Directory.CreateDirectory(Path.Combine(_directory, "etc")).FullName;
        Directory.CreateDirectory(Path.Combine(etc, "rules"));
        var file = Path.Combine(etc, "proxy.json");
        File.WriteAllText(file, """{ "Policies": "rules", "Listeners": [ { "Name": "a", "Protocol": "tcp", "Listen": "127.0.0.1:7000", "Upstream": "127.0.0.1:7001" } ] }""");

        var result = Load(file);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options!.PolicyPath, Is.EqualTo(Path.Combine(etc, "rules")));
    }

    [Test]
    public void Policies_on_the_command_line_are_relative_to_the_working_directory()
    {
        var file = Write("""{ "Policies": "elsewhere", "Listeners": [ { "Name": "a", "Protocol": "tcp", "Listen": "127.0.0.1:7000", "Upstream": "127.0.0.1:7001" } ] }""");
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), _directory);

        var result = ConfigurationLoader.Load(new ConfigurationSources { ConfigFile = file, Overrides = Overrides(("Policies", relative)) }, Protocols);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options!.PolicyPath, Is.EqualTo(Path.GetFullPath(relative)));
    }

    [Test]
    public void No_policies_key_means_no_policy()
    {
        var result = ConfigurationLoader.Load(new ConfigurationSources { Overrides = Overrides(("Listeners:0:Upstream", "127.0.0.1:7001")) }, Protocols);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options!.PolicyPath, Is.Null);
    }

    [Test]
    public void A_missing_policy_path_is_located()
    {
        var file = Write("""
            {
              "Policies": "nope",
              "Listeners": [ { "Name": "a", "Protocol": "tcp", "Listen": "127.0.0.1:7000", "Upstream": "127.0.0.1:7001" } ]
            }
            """);

        var result = Load(file);

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { $"{file}:2:3: Policies: '{Path.Combine(_directory, "nope")}': no such file or directory" }));
    }

    private static Dictionary<string, string?> Overrides(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.OrdinalIgnoreCase);

    private static ConfigurationResult Load(string file) =>
        ConfigurationLoader.Load(new ConfigurationSources { ConfigFile = file }, Protocols);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, "proxy.json");
        File.WriteAllText(path, json);
        return path;
    }
}
