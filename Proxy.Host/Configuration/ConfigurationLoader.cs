using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Proxy.Core.Diagnostics;
using Proxy.Core.SessionLog;
using Proxy.Core.Transport;
using Proxy.Protocols;
using Proxy.Protocols.Postgres;
using Proxy.Protocols.Postgres.Auth;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Host.Configuration;

/// <summary>One configuration problem, located where the offending value was written.</summary>
public sealed record ConfigurationError(string Location, string Key, string Message)
{
    public override string ToString() => Key.Length == 0 ? $"{Location}: {Message}" : $"{Location}: {Key}: {Message}";
}

public sealed record ConfigurationResult(ProxyOptions? Options, ImmutableArray<ConfigurationError> Errors)
{
    public bool IsValid => Options is not null && Errors.IsEmpty;
}

/// <summary>
/// Reads the JSON file, environment and command-line overrides into <see cref="ProxyOptions"/>, checking
/// every key and value and reporting every problem at once, each with where it was written.
/// </summary>
public static class ConfigurationLoader
{
    public const string DefaultListen = "127.0.0.1:6432";
    public const string DefaultProtocol = "tcp";
    public const string DefaultDataDirectory = "data";
    public const string DefaultAdminListen = "127.0.0.1:9432";

    private static readonly string[] TopLevelKeys = ["DataDirectory", "Durability", "DrainTimeout", "Listeners", "Policies", "Identities", "MaskHashKeyEnv", "MaskHashKeyFile", "Admin"];
    private static readonly string[] AdminKeys = ["Listen", "AllowRemote", "Tokens", "ReadGroups", "ReloadGroups", "MetricsRequireToken"];
    private static readonly string[] AdminTokenKeys = ["Identity", "Sha256"];
    private static readonly string[] PostgresListenerKeys =
        ["Auth", "UpstreamUser", "UpstreamPasswordEnv", "UpstreamPasswordFile", "MaxMessageSize", "AuditParameters", "AuditParameterLimit",
         "TlsCertificate", "TlsKey", "ClientTls", "UpstreamTls", "UpstreamTlsCa", "UpstreamTlsServerName", "CatalogUser", "CatalogPasswordEnv", "CatalogPasswordFile"];
    private static readonly string[] ClientTlsNames = ["optional", "required"];
    private static readonly string[] UpstreamTlsNames = ["disable", "prefer", "require", "verify-full"];
    private static readonly string[] ListenerKeys = ["Name", "Protocol", "Listen", "Upstream", "MaxConnections", "ConnectTimeout", "IdleTimeout", .. PostgresListenerKeys];
    private static readonly string[] IdentityKeys = ["Scram", "Groups"];
    private static readonly string[] AuthNames = ["passthrough", "held"];
    private static readonly string[] HeldOnlyKeys = ["UpstreamUser", "UpstreamPasswordEnv", "UpstreamPasswordFile"];
    private static readonly string[] DurabilityNames = ["normal", "strict"];

    public static ConfigurationResult Load(ConfigurationSources sources, IReadOnlyCollection<string> protocols, bool requireListeners = true)
    {
        var context = new LoadContext(sources);
        byte[]? json = null;
        if (sources.ConfigFile is { } file)
        {
            if (!File.Exists(file))
            {
                return Fail(new ConfigurationError(file, string.Empty, "configuration file not found"));
            }

            json = File.ReadAllBytes(file);
            context.Positions = JsonPositionIndex.Build(file, json, out var syntaxError);
            if (syntaxError is not null)
            {
                return Fail(syntaxError);
            }
        }

        IConfigurationRoot Build(IReadOnlyDictionary<string, string?> defaults, bool withOverrides)
        {
            var builder = new ConfigurationBuilder().AddInMemoryCollection(defaults);
            if (json is not null)
            {
                builder.AddJsonStream(new MemoryStream(json));
            }

            builder.AddInMemoryCollection(sources.Environment);
            if (withOverrides)
            {
                builder.AddInMemoryCollection(sources.Overrides);
            }

            return builder.Build();
        }

        // No listener in the file or environment: the command line describes the one listener
        // (`proxy run --upstream host:port`), so fill in where it listens and what it speaks.
        var defaults = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var listenerOnCommandLine = sources.Overrides.Keys.Any(k => k.StartsWith("Listeners:0:", StringComparison.OrdinalIgnoreCase));
        if (listenerOnCommandLine && !Build(defaults, withOverrides: false).GetSection("Listeners").GetChildren().Any())
        {
            defaults["Listeners:0:Name"] = "default";
            defaults["Listeners:0:Listen"] = DefaultListen;
            defaults["Listeners:0:Protocol"] = DefaultProtocol;
        }

        var configuration = Build(defaults, withOverrides: true);
        CheckKeys(configuration, context);
        var options = Read(configuration, context, protocols, requireListeners);
        return new ConfigurationResult(context.Errors.Count == 0 ? options : null, [.. context.Errors]);
    }

    private static ConfigurationResult Fail(ConfigurationError error) => new(null, [error]);

    private static void CheckKeys(IConfiguration configuration, LoadContext context)
    {
        foreach (var section in configuration.GetChildren())
        {
            if (!TopLevelKeys.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            {
                context.Error(section.Path, "unknown key" + Suggestion.DidYouMean(section.Key, TopLevelKeys));
            }
        }

        foreach (var listener in configuration.GetSection("Listeners").GetChildren())
        {
            if (!int.TryParse(listener.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                context.Error(listener.Path, "Listeners is a list: write \"Listeners\": [ { … } ]");
                continue;
            }

            foreach (var key in listener.GetChildren())
            {
                if (!ListenerKeys.Contains(key.Key, StringComparer.OrdinalIgnoreCase))
                {
                    context.Error(key.Path, "unknown key" + Suggestion.DidYouMean(key.Key, ListenerKeys));
                }
            }
        }
    }

    private static ProxyOptions Read(IConfiguration configuration, LoadContext context, IReadOnlyCollection<string> protocols, bool requireListeners)
    {
        var dataDirectory = configuration["DataDirectory"] ?? DefaultDataDirectory;
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            context.Error("DataDirectory", "must not be empty");
        }

        var durability = Durability.Normal;
        if (configuration["Durability"] is { } durabilityText)
        {
            if (durabilityText.Equals("strict", StringComparison.OrdinalIgnoreCase))
            {
                durability = Durability.Strict;
            }
            else if (!durabilityText.Equals("normal", StringComparison.OrdinalIgnoreCase))
            {
                context.Error("Durability", $"'{durabilityText}' is not normal or strict" + Suggestion.DidYouMean(durabilityText, DurabilityNames));
            }
        }

        var drain = ReadDuration(configuration, "DrainTimeout", TimeSpan.FromSeconds(30), context);
        var policies = ReadPolicies(configuration, context);
        var identities = ReadIdentities(configuration, context);
        var hashKey = ReadMaskHashKey(configuration, context);
        var listeners = ReadListeners(configuration, context, protocols);
        var admin = ReadAdmin(configuration, identities, context);
        if (requireListeners && listeners.Count == 0 && context.Errors.Count == 0)
        {
            context.Error(string.Empty, "no listener: pass --upstream HOST:PORT, or list Listeners in a --config file");
        }

        return new ProxyOptions
        {
            DataDirectory = string.IsNullOrWhiteSpace(dataDirectory) ? DefaultDataDirectory : Path.GetFullPath(dataDirectory),
            Durability = durability,
            DrainTimeout = drain,
            Listeners = [.. listeners],
            PolicyPath = policies,
            Identities = identities,
            MaskHashKey = hashKey,
            Admin = admin,
        };
    }

    /// <summary>
    /// `Admin`: listen address (loopback unless `AllowRemote`: the API speaks plain HTTP, so a bearer token on
    /// any other interface crosses the network in clear), the tokens' digests and the groups that may read or reload.
    /// </summary>
    private static AdminOptions? ReadAdmin(IConfiguration configuration, ImmutableDictionary<string, ProxyIdentity> identities, LoadContext context)
    {
        // `"Admin": {}` (all defaults) is no section at all to IConfiguration; the file's own index still has the key.
        var section = configuration.GetSection("Admin");
        if (!section.Exists() && context.Positions?.TryGetPosition("Admin", out _, out _) != true)
        {
            return null;
        }

        foreach (var key in section.GetChildren())
        {
            if (!AdminKeys.Contains(key.Key, StringComparer.OrdinalIgnoreCase))
            {
                context.Error(key.Path, "unknown key" + Suggestion.DidYouMean(key.Key, AdminKeys));
            }
        }

        var allowRemote = ReadBoolean(section, "AllowRemote", context);
        var listenText = section["Listen"] ?? DefaultAdminListen;
        IPEndPoint? listen = null;
        if (!EndpointParser.TryParseListen(listenText, out var parsed, out var listenError))
        {
            context.Error("Admin:Listen", listenError);
        }
        else if (!IPAddress.IsLoopback(parsed.Address) && !allowRemote)
        {
            context.Error("Admin:Listen", $"{parsed} is not a loopback address; the admin API is plain HTTP, so bearer tokens would cross the network in clear. "
                + "Put it behind a TLS-terminating proxy and set \"AllowRemote\": true to listen there anyway");
        }
        else
        {
            listen = parsed;
        }

        var tokens = ImmutableArray.CreateBuilder<AdminToken>();
        foreach (var entry in section.GetSection("Tokens").GetChildren())
        {
            if (!int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                context.Error(entry.Path, "Tokens is a list: write \"Tokens\": [ { \"Identity\": …, \"Sha256\": … } ]");
                continue;
            }

            foreach (var key in entry.GetChildren())
            {
                if (!AdminTokenKeys.Contains(key.Key, StringComparer.OrdinalIgnoreCase))
                {
                    context.Error(key.Path, "unknown key" + Suggestion.DidYouMean(key.Key, AdminTokenKeys));
                }
            }

            var identity = Required(entry, "Identity", context);
            if (identity is not null && !identities.ContainsKey(identity))
            {
                context.Error(entry.Path + ":Identity", $"'{identity}' is not one of Identities" + Suggestion.DidYouMean(identity, identities.Keys));
                identity = null;
            }

            var digestText = Required(entry, "Sha256", context);
            byte[]? digest = null;
            if (digestText is not null)
            {
                try
                {
                    digest = Convert.FromHexString(digestText);
                }
                catch (FormatException)
                {
                }

                if (digest is not { Length: SHA256.HashSizeInBytes })
                {
                    context.Error(entry.Path + ":Sha256", "is not a SHA-256 digest in hex (64 characters); `proxy admin token add IDENTITY` makes a token and prints its entry");
                    digest = null;
                }
            }

            if (identity is not null && digest is not null)
            {
                tokens.Add(new AdminToken(identity, [.. digest]));
            }
        }

        var metricsRequireToken = ReadBoolean(section, "MetricsRequireToken", context);
        var readGroups = ReadGroupList(section, "ReadGroups", context);
        var reloadGroups = ReadGroupList(section, "ReloadGroups", context);
        return listen is null ? null : new AdminOptions
        {
            Listen = listen,
            Tokens = tokens.ToImmutable(),
            ReadGroups = readGroups,
            ReloadGroups = reloadGroups,
            MetricsRequireToken = metricsRequireToken,
        };
    }

    private static ImmutableArray<string> ReadGroupList(IConfigurationSection section, string key, LoadContext context)
    {
        var groups = section.GetSection(key).GetChildren().Select(g => g.Value).ToArray();
        if (groups.Any(string.IsNullOrWhiteSpace))
        {
            context.Error(section.Path + ":" + key, "a group name must not be empty");
        }

        return [.. groups.OfType<string>().Where(g => !string.IsNullOrWhiteSpace(g))];
    }

    private static bool ReadBoolean(IConfigurationSection section, string key, LoadContext context)
    {
        if (section[key] is not { } text)
        {
            return false;
        }

        if (!bool.TryParse(text, out var value))
        {
            context.Error(section.Path + ":" + key, $"'{text}' is not true or false");
        }

        return value;
    }

    /// <summary>`Identities`: name → SCRAM-SHA-256 verifier (as `proxy identity add` prints it) and groups.</summary>
    private static ImmutableDictionary<string, ProxyIdentity> ReadIdentities(IConfiguration configuration, LoadContext context)
    {
        var identities = ImmutableDictionary.CreateBuilder<string, ProxyIdentity>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection("Identities").GetChildren())
        {
            foreach (var key in section.GetChildren())
            {
                if (!IdentityKeys.Contains(key.Key, StringComparer.OrdinalIgnoreCase))
                {
                    context.Error(key.Path, "unknown key" + Suggestion.DidYouMean(key.Key, IdentityKeys));
                }
            }

            var scram = Required(section, "Scram", context);
            if (scram is not null && !ScramVerifier.TryParse(scram, out _, out var problem))
            {
                context.Error(section.Path + ":Scram", problem!);
            }

            var groups = section.GetSection("Groups").GetChildren().Select(g => g.Value).ToArray();
            if (groups.Any(string.IsNullOrWhiteSpace))
            {
                context.Error(section.Path + ":Groups", "a group name must not be empty");
            }

            if (scram is not null)
            {
                identities[section.Key] = new ProxyIdentity(section.Key, scram, [.. groups.OfType<string>()]);
            }
        }

        return identities.ToImmutable();
    }

    /// <summary>The keys only a postgres listener has; null (defaults) for a listener without any.</summary>
    private static PostgresSettings? ReadPostgresSettings(IConfigurationSection section, string? protocol, LoadContext context)
    {
        var present = PostgresListenerKeys.Where(key => section[key] is not null).ToArray();
        if (!string.Equals(protocol, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var key in present)
            {
                context.Error(section.Path + ":" + key, $"only a postgres listener has this key (this one is {protocol ?? "without a protocol"})");
            }

            return null;
        }

        var settings = new PostgresSettings();
        if (section["Auth"] is { } authText)
        {
            if (authText.Equals("held", StringComparison.OrdinalIgnoreCase))
            {
                settings = settings with { Auth = PostgresAuth.Held };
            }
            else if (!authText.Equals("passthrough", StringComparison.OrdinalIgnoreCase))
            {
                context.Error(section.Path + ":Auth", $"'{authText}' is not passthrough or held" + Suggestion.DidYouMean(authText, AuthNames));
            }
        }

        var user = section["UpstreamUser"];
        var passwordEnv = section["UpstreamPasswordEnv"];
        var passwordFile = section["UpstreamPasswordFile"];
        if (settings.Auth == PostgresAuth.Held)
        {
            if (string.IsNullOrWhiteSpace(user))
            {
                context.Error(section.Path + ":UpstreamUser", "is required with Auth: held (the role the proxy logs in as)", locateAt: section.Path);
            }

            if ((passwordEnv is null) == (passwordFile is null))
            {
                context.Error(section.Path + ":UpstreamPasswordEnv", "Auth: held needs exactly one of UpstreamPasswordEnv and UpstreamPasswordFile", locateAt: section.Path);
            }
            else if (ReadHeldPassword(section, passwordEnv, passwordFile, context) is { } password && !string.IsNullOrWhiteSpace(user))
            {
                settings = settings with { Upstream = new HeldCredential(user, password) };
            }
        }
        else
        {
            foreach (var key in HeldOnlyKeys.Where(key => section[key] is not null))
            {
                context.Error(section.Path + ":" + key, "only used with Auth: held; with passthrough the client logs in itself");
            }
        }

        settings = ReadCatalogCredential(section, settings, context);

        if (section["AuditParameters"] is { } auditText)
        {
            if (bool.TryParse(auditText, out var audit))
            {
                settings = settings with { AuditParameters = audit };
            }
            else
            {
                context.Error(section.Path + ":AuditParameters", $"'{auditText}' is not true or false");
            }
        }

        if (ReadInteger(section, "AuditParameterLimit", 0, 1024 * 1024, context) is { } limit)
        {
            settings = settings with { AuditParameterLimit = limit };
        }

        return ReadTls(section, settings, context);
    }

    /// <summary>The client side (TlsCertificate, TlsKey, ClientTls) and the upstream side (UpstreamTls, UpstreamTlsCa, UpstreamTlsServerName).</summary>
    private static PostgresSettings ReadTls(IConfigurationSection section, PostgresSettings settings, LoadContext context)
    {
        var certificatePath = ResolvePath(section, "TlsCertificate", context);
        var keyPath = ResolvePath(section, "TlsKey", context);
        if (certificatePath is not null && keyPath is not null)
        {
            try
            {
                settings = settings with { TlsCertificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath), ClientTls = ClientTlsMode.Optional };
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                context.Error(section.Path + ":TlsCertificate", $"cannot load the certificate and key (PEM): {ex.Message}");
            }
        }
        else if (section["TlsCertificate"] is not null || section["TlsKey"] is not null)
        {
            context.Error(section.Path + ":" + (section["TlsCertificate"] is null ? "TlsCertificate" : "TlsKey"), "TLS needs both TlsCertificate and TlsKey (PEM files)", locateAt: section.Path);
        }

        if (section["ClientTls"] is { } clientTls)
        {
            if (settings.TlsCertificate is null && section["TlsCertificate"] is null)
            {
                context.Error(section.Path + ":ClientTls", "needs TlsCertificate and TlsKey");
            }
            else if (clientTls.Equals("required", StringComparison.OrdinalIgnoreCase))
            {
                settings = settings with { ClientTls = ClientTlsMode.Required };
            }
            else if (!clientTls.Equals("optional", StringComparison.OrdinalIgnoreCase))
            {
                context.Error(section.Path + ":ClientTls", $"'{clientTls}' is not optional or required" + Suggestion.DidYouMean(clientTls, ClientTlsNames));
            }
        }

        if (section["UpstreamTls"] is { } upstreamTls)
        {
            UpstreamTlsMode? mode = upstreamTls.ToLowerInvariant() switch
            {
                "disable" => UpstreamTlsMode.Disable,
                "prefer" => UpstreamTlsMode.Prefer,
                "require" => UpstreamTlsMode.Require,
                "verify-full" => UpstreamTlsMode.VerifyFull,
                _ => null,
            };
            if (mode is null)
            {
                context.Error(section.Path + ":UpstreamTls", $"'{upstreamTls}' is not disable, prefer, require or verify-full" + Suggestion.DidYouMean(upstreamTls, UpstreamTlsNames));
            }
            else
            {
                settings = settings with { UpstreamTls = mode.Value };
            }
        }

        if (ResolvePath(section, "UpstreamTlsCa", context) is { } caPath)
        {
            try
            {
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(caPath);
                settings = settings with { UpstreamCa = roots };
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                context.Error(section.Path + ":UpstreamTlsCa", $"cannot load the CA certificates (PEM): {ex.Message}");
            }
        }

        if (settings.UpstreamTls == UpstreamTlsMode.VerifyFull && settings.UpstreamCa is null && section["UpstreamTlsCa"] is null)
        {
            context.Error(section.Path + ":UpstreamTls", "verify-full needs UpstreamTlsCa: the CA certificates (PEM) the server's certificate must chain to");
        }

        if (section["UpstreamTlsServerName"] is { } serverName)
        {
            settings = settings with { UpstreamServerName = serverName };
        }

        return settings;
    }

    /// <summary>A path key: relative to the configuration file's directory when written there, else to the working directory; must exist.</summary>
    private static string? ResolvePath(IConfigurationSection section, string key, LoadContext context)
    {
        if (section[key] is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var path = section.Path + ":" + key;
        var full = context.FullPath(path, text);
        if (!File.Exists(full))
        {
            context.Error(path, $"'{full}': no such file");
            return null;
        }

        return full;
    }

    /// <summary>The held password, from the environment variable or the file named. The value never appears in an error.</summary>
    private static string? ReadHeldPassword(IConfigurationSection section, string? variable, string? file, LoadContext context) =>
        ReadSecret(section.Path + ":", "UpstreamPassword", variable, file, context);

    /// <summary>
    /// A secret named by an environment variable (`{prefix}{name}Env`) or a file (`{prefix}{name}File`), so that it
    /// never sits in the configuration file itself.
    /// </summary>
    private static string? ReadSecret(string prefix, string name, string? variable, string? file, LoadContext context)
    {
        if (variable is not null)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(value))
            {
                context.Error(prefix + name + "Env", $"environment variable {variable} is not set or empty");
                return null;
            }

            return value;
        }

        try
        {
            // One trailing line break is how files are written by editors and `echo`; it is not part of the secret.
            var text = File.ReadAllText(file!).TrimEnd('\n').TrimEnd('\r');
            if (text.Length == 0)
            {
                context.Error(prefix + name + "File", $"'{file}' is empty");
                return null;
            }

            return text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error(prefix + name + "File", $"cannot read '{file}': {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// CatalogUser with CatalogPasswordEnv or CatalogPasswordFile: the role a passthrough listener's catalog lookups
    /// log in as, for column masks (docs/masking.md). With Auth: held the held credential serves, so these are refused.
    /// </summary>
    private static PostgresSettings ReadCatalogCredential(IConfigurationSection section, PostgresSettings settings, LoadContext context)
    {
        var user = section["CatalogUser"];
        var passwordEnv = section["CatalogPasswordEnv"];
        var passwordFile = section["CatalogPasswordFile"];
        if (user is null && passwordEnv is null && passwordFile is null)
        {
            return settings;
        }

        if (settings.Auth == PostgresAuth.Held)
        {
            context.Error(section.Path + ":" + (user is not null ? "CatalogUser" : passwordEnv is not null ? "CatalogPasswordEnv" : "CatalogPasswordFile"),
                "only used with Auth: passthrough; with held, catalog lookups use the held credential");
            return settings;
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            context.Error(section.Path + ":CatalogUser", "is required with CatalogPasswordEnv or CatalogPasswordFile (the role catalog lookups log in as)", locateAt: section.Path);
            return settings;
        }

        if (passwordEnv is not null && passwordFile is not null)
        {
            context.Error(section.Path + ":CatalogPasswordEnv", "give at most one of CatalogPasswordEnv and CatalogPasswordFile");
            return settings;
        }

        // No password at all is allowed: a server that trusts the proxy's address for this role asks for none.
        var password = passwordEnv is null && passwordFile is null ? string.Empty : ReadSecret(section.Path + ":", "CatalogPassword", passwordEnv, passwordFile, context);
        return password is null ? settings : settings with { Catalog = new HeldCredential(user, password) };
    }

    /// <summary>
    /// MaskHashKeyEnv or MaskHashKeyFile: the HMAC key of the `hash` mask function, kept out of policy files so that
    /// whoever reads a policy cannot recompute hashes. The text's UTF-8 bytes are the key; at least 16 bytes.
    /// </summary>
    private static byte[]? ReadMaskHashKey(IConfiguration configuration, LoadContext context)
    {
        var variable = configuration["MaskHashKeyEnv"];
        var file = configuration["MaskHashKeyFile"];
        if (variable is null && file is null)
        {
            return null;
        }

        if (variable is not null && file is not null)
        {
            context.Error("MaskHashKeyEnv", "give one of MaskHashKeyEnv and MaskHashKeyFile, not both");
            return null;
        }

        if (file is not null)
        {
            file = context.FullPath("MaskHashKeyFile", file);
        }

        if (ReadSecret(string.Empty, "MaskHashKey", variable, file, context) is not { } key)
        {
            return null;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(key);
        if (bytes.Length < 16)
        {
            context.Error(variable is not null ? "MaskHashKeyEnv" : "MaskHashKeyFile", $"the key is {bytes.Length} bytes; the hash mask needs at least 16 (a random 32-byte secret, e.g. `openssl rand -hex 32`)");
            return null;
        }

        return bytes;
    }

    private static int? ReadInteger(IConfigurationSection section, string key, int least, int most, LoadContext context)
    {
        if (section[key] is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < least || value > most)
        {
            context.Error(section.Path + ":" + key, $"'{text}' is not a whole number between {least} and {most}");
            return null;
        }

        return value;
    }

    /// <summary>
    /// A policy directory or `.rules` file. Written in the file, a relative path is relative to the file's
    /// directory (the two are deployed together); from the environment or the command line, to the working directory.
    /// </summary>
    private static string? ReadPolicies(IConfiguration configuration, LoadContext context)
    {
        if (configuration["Policies"] is not { } text)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            context.Error("Policies", "must not be empty: a policy directory or a .rules file");
            return null;
        }

        var path = context.FullPath("Policies", text);
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            context.Error("Policies", $"'{path}': no such file or directory");
            return null;
        }

        return path;
    }

    private static List<ListenerOptions> ReadListeners(IConfiguration configuration, LoadContext context, IReadOnlyCollection<string> protocols)
    {
        var listeners = new List<ListenerOptions>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var addresses = new HashSet<IPEndPoint>();
        var sections = configuration.GetSection("Listeners").GetChildren()
            .Where(s => int.TryParse(s.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(s => int.Parse(s.Key, CultureInfo.InvariantCulture));

        foreach (var section in sections)
        {
            var prefix = section.Path;
            var errorsBefore = context.Errors.Count;

            var name = Required(section, "Name", context);
            if (name is not null && !names.Add(name))
            {
                context.Error(prefix + ":Name", $"another listener is already named '{name}'");
            }

            var protocol = Required(section, "Protocol", context);
            if (protocol is not null && !protocols.Contains(protocol, StringComparer.OrdinalIgnoreCase))
            {
                context.Error(prefix + ":Protocol", $"unknown protocol '{protocol}' (known: {string.Join(", ", protocols)})" + Suggestion.DidYouMean(protocol, protocols));
            }

            IPEndPoint? listen = null;
            if (Required(section, "Listen", context) is { } listenText)
            {
                if (!EndpointParser.TryParseListen(listenText, out listen, out var error))
                {
                    context.Error(prefix + ":Listen", error);
                }
                else if (listen.Port != 0 && !addresses.Add(listen))
                {
                    context.Error(prefix + ":Listen", $"another listener already listens on {listen}");
                }
            }

            EndPoint? upstream = null;
            if (Required(section, "Upstream", context) is { } upstreamText && !EndpointParser.TryParseUpstream(upstreamText, out upstream, out var upstreamError))
            {
                context.Error(prefix + ":Upstream", upstreamError);
            }

            var maxConnections = 1000;
            if (section["MaxConnections"] is { } maxText
                && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out maxConnections) || maxConnections is < 1 or > 1_000_000))
            {
                context.Error(prefix + ":MaxConnections", $"'{maxText}' is not a whole number between 1 and 1000000");
            }

            var connectTimeout = ReadDuration(section, "ConnectTimeout", TimeSpan.FromSeconds(5), context);
            if (connectTimeout == TimeSpan.Zero)
            {
                context.Error(prefix + ":ConnectTimeout", "must be greater than zero");
            }

            var idleTimeout = ReadDuration(section, "IdleTimeout", TimeSpan.Zero, context);
            var protocolSettings = ReadPostgresSettings(section, protocol, context);
            var maxMessageSize = ReadInteger(section, "MaxMessageSize", 1024, PostgresFramer.MaxProtocolMessageLength, context) ?? TransportOptions.PauseWriterThreshold;
            if (context.Errors.Count == errorsBefore)
            {
                listeners.Add(new ListenerOptions
                {
                    Name = name!,
                    Protocol = protocol!.ToLowerInvariant(),
                    Listen = listen!,
                    Upstream = upstream!,
                    MaxConnections = maxConnections,
                    ConnectTimeout = connectTimeout,
                    IdleTimeout = idleTimeout,
                    ProtocolSettings = protocolSettings,
                    MaxMessageSize = maxMessageSize,
                });
            }
        }

        return listeners;
    }

    private static string? Required(IConfigurationSection section, string key, LoadContext context)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            context.Error(section.Path + ":" + key, "is required", locateAt: section.Path);
            return null;
        }

        return value;
    }

    private static TimeSpan ReadDuration(IConfiguration configuration, string key, TimeSpan fallback, LoadContext context)
    {
        if (configuration[key] is not { } text)
        {
            return fallback;
        }

        if (!Duration.TryParse(text, out var value))
        {
            var path = configuration is IConfigurationSection section ? section.Path + ":" + key : key;
            context.Error(path, $"'{text}' is not a duration (examples: 500ms, 30s, 5m, 1h, 0)");
            return fallback;
        }

        return value;
    }

    private sealed class LoadContext(ConfigurationSources sources)
    {
        public ConfigurationSources Sources => sources;

        /// <summary>Whether the JSON file supplied <paramref name="key"/> (no environment variable or override replaced it).</summary>
        public bool FromFile(string key) =>
            sources.ConfigFile is not null && FindKey(sources.Overrides, key) is null && FindKey(sources.Environment, key) is null;

        /// <summary>
        /// A path value: relative to the configuration file's directory when the file wrote it (the two are
        /// deployed together), else to the working directory.
        /// </summary>
        public string FullPath(string key, string path) =>
            Path.GetFullPath(path, FromFile(key) ? Path.GetDirectoryName(Path.GetFullPath(sources.ConfigFile!))! : Directory.GetCurrentDirectory());

        public List<ConfigurationError> Errors { get; } = [];

        public JsonPositionIndex? Positions { get; set; }

        /// <summary>Records an error at the source that supplied the key (or, for a missing key, its parent).</summary>
        public void Error(string key, string message, string? locateAt = null) =>
            Errors.Add(new ConfigurationError(Locate(locateAt ?? key), key, message));

        private string Locate(string key)
        {
            if (FindKey(sources.Overrides, key) is { } overridden)
            {
                return $"command line ({overridden})";
            }

            if (FindKey(sources.Environment, key) is { } fromEnvironment)
            {
                return $"environment {ConfigurationSources.EnvironmentPrefix}{fromEnvironment.Replace(":", "__", StringComparison.Ordinal)}";
            }

            for (var probe = key; probe.Length > 0; probe = probe.Contains(':') ? probe[..probe.LastIndexOf(':')] : string.Empty)
            {
                if (Positions is not null && Positions.TryGetPosition(probe, out var line, out var column))
                {
                    return $"{Positions.FilePath}:{line}:{column}";
                }
            }

            return Positions?.FilePath ?? "command line";
        }

        private static string? FindKey(IReadOnlyDictionary<string, string?> source, string key) =>
            source.Keys.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)
                || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));
    }
}
