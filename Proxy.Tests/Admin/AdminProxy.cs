using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Proxy.Host.Admin;
using Proxy.Protocols.Postgres.Auth;
using Proxy.Tests.Support;

namespace Proxy.Tests.Admin;

/// <summary>
/// `proxy run` as a child process with a postgres listener in front of <see cref="AdminPostgresFixture"/>, a policy
/// directory and the admin API on a free loopback port, plus one token per identity:
/// alice (approvers, auditors), bob (developers), carol (approvers) and postgres (approvers: the role psql and
/// Npgsql log in as, so the requester of every approval request here).
/// </summary>
internal sealed class AdminProxy : IAsyncDisposable
{
    public const string InitialPolicy = """
        rule no_drops { when sql.kind == drop then block "no DROP here" }
        rule deletes_need_approval { when sql.kind == delete then approve(by: "approvers", timeout: 2m) }
        """;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, string> _tokens;

    private AdminProxy(string directory, ProxyProcess process, Dictionary<string, string> tokens)
    {
        Directory = directory;
        Process = process;
        _tokens = tokens;
    }

    public string Directory { get; }

    public ProxyProcess Process { get; }

    public Uri AdminUrl { get; private set; } = null!;

    public IPEndPoint Endpoint { get; private set; } = null!;

    public string PolicyFile => Path.Combine(Directory, "policies", "main.rules");

    public string ConfigFile => Path.Combine(Directory, "proxy.json");

    public string Token(string identity) => _tokens[identity];

    public static async Task<AdminProxy> StartAsync(string? extraAdminJson = null, string policy = InitialPolicy)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("proxy-admin-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "policies"));
        await File.WriteAllTextAsync(Path.Combine(directory, "policies", "main.rules"), policy);

        // One verifier for all: the admin API never sees it, and a 4096-round SCRAM per identity only costs test time.
        var scram = ScramVerifier.Create("unused-password", ScramVerifier.MinimumIterations).Format();
        var groups = new Dictionary<string, string[]>
        {
            ["alice"] = ["approvers", "auditors"],
            ["bob"] = ["developers"],
            ["carol"] = ["approvers"],
            ["postgres"] = ["approvers"],
        };
        var tokens = groups.Keys.ToDictionary(name => name, _ => AdminTokens.Generate());
        var config = new StringBuilder();
        config.Append("{\n");
        config.Append("  \"DataDirectory\": \"data\",\n");
        config.Append($"  \"Listeners\": [ {{ \"Name\": \"pg\", \"Protocol\": \"postgres\", \"Listen\": \"127.0.0.1:0\", \"Upstream\": \"{AdminPostgresFixture.Server.EndPoint}\" }} ],\n");
        config.Append("  \"Policies\": \"policies\",\n");
        config.Append("  \"Identities\": {\n");
        config.Append(string.Join(",\n", groups.Select(g => $"    \"{g.Key}\": {{ \"Scram\": {JsonSerializer.Serialize(scram)}, \"Groups\": {JsonSerializer.Serialize(g.Value)} }}")));
        config.Append("\n  },\n");
        config.Append("  \"Admin\": {\n    \"Listen\": \"127.0.0.1:0\",\n    \"ReadGroups\": [\"auditors\"],\n    \"ReloadGroups\": [\"auditors\"],\n");
        if (extraAdminJson is not null)
        {
            config.Append("    ").Append(extraAdminJson).Append(",\n");
        }

        config.Append("    \"Tokens\": [\n");
        config.Append(string.Join(",\n", tokens.Select(t => $"      {{ \"Identity\": \"{t.Key}\", \"Sha256\": \"{Convert.ToHexStringLower(AdminTokens.Digest(t.Value))}\" }}")));
        config.Append("\n    ]\n  }\n}\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "proxy.json"), config.ToString());

        var process = ProxyProcess.Start(directory, "run", "--config", "proxy.json");
        var proxy = new AdminProxy(directory, process, tokens);
        try
        {
            proxy.Endpoint = await process.WaitForListenerAsync("pg", StartTimeout);
            proxy.AdminUrl = await process.WaitForAdminAsync(StartTimeout);
            await process.WaitForOutputAsync(o => o.Contains("Ready.", StringComparison.Ordinal), "the ready line", StartTimeout);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client for the admin API, with <paramref name="identity"/>'s token (none when null).</summary>
    public HttpClient Client(string? identity)
    {
        var client = new HttpClient { BaseAddress = AdminUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (identity is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(identity));
        }

        return client;
    }

    /// <summary>GET <paramref name="path"/> as <paramref name="identity"/>, expecting 200 and JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string identity, string path, CancellationToken cancellationToken = default)
    {
        using var client = Client(identity);
        using var response = await client.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>`proxy ARGS…` as a CLI run beside the running proxy, with <paramref name="identity"/>'s token in PROXY_ADMIN_TOKEN.</summary>
    public Task<ProcessResult> CliAsync(string? identity, params string[] args) =>
        ProxyProcess.RunToExitSeparatelyAsync(
            Directory,
            TimeSpan.FromSeconds(60),
            new Dictionary<string, string?> { ["PROXY_ADMIN_TOKEN"] = identity is null ? null : Token(identity), ["PROXY_ADMIN_URL"] = AdminUrl.ToString() },
            args);

    public string ConnectionString(string database = "postgres") => AdminPostgresFixture.Server.ConnectionString(database, Endpoint.Port);

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Terminate();
            try
            {
                await Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                await Process.DisposeAsync();
            }
        }
        else
        {
            await Process.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
