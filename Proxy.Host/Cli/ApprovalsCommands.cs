using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Proxy.Host.Configuration;
using Proxy.Protocols;

namespace Proxy.Host.Cli;

/// <summary>
/// `proxy approvals list | approve ID | deny ID --reason "…"`, against a running proxy's admin API. The token comes
/// from <see cref="TokenVariable"/>, never from the command line (where `ps` and shell history would show it).
/// </summary>
/// <remarks>Exit codes: 0 done; 1 refused (unknown request, already decided, bad request); 2 bad command line,
/// configuration or missing token; 3 the admin API cannot be reached; 4 not authenticated (401) or not allowed (403).</remarks>
internal static class ApprovalsCommands
{
    public const string TokenVariable = "PROXY_ADMIN_TOKEN";
    public const string UrlVariable = "PROXY_ADMIN_URL";

    public const int Refused = 1;
    public const int Unreachable = 3;
    public const int NotAllowed = 4;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] ListHeader = ["ID", "STATE", "REQUESTER", "RULE", "APPROVERS", "MODE", "REQUESTED (UTC)", "DECIDED BY", "STATEMENT"];

    public static Command Build()
    {
        var approvals = new Command("approvals", $"Approval requests of a running proxy, through its admin API (token from ${TokenVariable}).");
        approvals.Subcommands.Add(BuildList());
        approvals.Subcommands.Add(BuildDecide(approve: true));
        approvals.Subcommands.Add(BuildDecide(approve: false));
        return approvals;
    }

    private static Option<string?> UrlOption() => new("--url")
    {
        Description = $"Admin API base URL (default: ${UrlVariable}, else the --config file's Admin:Listen, else http://{ConfigurationLoader.DefaultAdminListen}).",
    };

    private static Option<string?> ConfigOption() => new("--config", "-c") { Description = "Read Admin:Listen from this configuration file." };

    private static Command BuildList()
    {
        var url = UrlOption();
        var config = ConfigOption();
        var state = new Option<string>("--state") { Description = "pending, approved, denied, timed_out, withdrawn, expired or all.", DefaultValueFactory = _ => "pending" };
        var command = new Command("list", "List approval requests, newest first.") { state, url, config };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(url), parse.GetValue(config), Console.Error, async client =>
        {
            var (status, body) = await client.SendAsync(HttpMethod.Get, "api/approvals?state=" + Uri.EscapeDataString(parse.GetValue(state)!), null, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
            {
                return Fail(status, body, Console.Error);
            }

            Console.Out.Write(FormatList(body));
            return 0;
        }));
        return command;
    }

    private static Command BuildDecide(bool approve)
    {
        var url = UrlOption();
        var config = ConfigOption();
        var id = new Argument<string>("id") { Description = "The request id (the NOTICE in the waiting session and `proxy approvals list` show it)." };
        var reason = new Option<string?>("--reason") { Description = approve ? "Why (recorded in the session log)." : "Why (required; recorded and shown to the client).", Required = !approve };
        var command = new Command(approve ? "approve" : "deny", approve ? "Approve a pending request: the held statement runs." : "Deny a pending request: the client gets an error with the reason.")
        {
            id, reason, url, config,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(url), parse.GetValue(config), Console.Error, async client =>
        {
            var requestId = parse.GetValue(id)!;
            var body = JsonSerializer.Serialize(new Dictionary<string, string?> { ["reason"] = parse.GetValue(reason) });
            var (status, response) = await client.SendAsync(
                HttpMethod.Post, $"api/approvals/{Uri.EscapeDataString(requestId)}/{(approve ? "approve" : "deny")}", body, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
            {
                return Fail(status, response, Console.Error);
            }

            using var decided = JsonDocument.Parse(response);
            Console.Out.WriteLine($"{requestId}: {Text(decided.RootElement, "state")} by {Text(decided.RootElement, "decided_by")}");
            return 0;
        }));
        return command;
    }

    /// <summary>Resolves the URL and token, then runs <paramref name="call"/>; a connection failure is exit 3 with the URL tried.</summary>
    internal static async Task<int> RunAsync(string? url, string? configFile, TextWriter error, Func<AdminClient, Task<int>> call)
    {
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            await error.WriteLineAsync($"proxy: set {TokenVariable} to an admin token (`proxy admin token add IDENTITY` makes one)").ConfigureAwait(false);
            return ProxyCommandLine.InvalidConfiguration;
        }

        var baseUrl = url ?? Environment.GetEnvironmentVariable(UrlVariable);
        if (baseUrl is null && configFile is not null)
        {
            var loaded = ConfigurationLoader.Load(
                new ConfigurationSources { ConfigFile = configFile, Environment = ConfigurationSources.ReadEnvironment(), Overrides = new Dictionary<string, string?>() },
                ProtocolCatalog.Names,
                requireListeners: false);
            if (!loaded.IsValid)
            {
                foreach (var problem in loaded.Errors)
                {
                    await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                return ProxyCommandLine.InvalidConfiguration;
            }

            if (loaded.Options!.Admin is { Listen: { Port: not 0 } listen })
            {
                baseUrl = $"http://{listen}";
            }
        }

        baseUrl ??= $"http://{ConfigurationLoader.DefaultAdminListen}";
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            await error.WriteLineAsync($"proxy: '{baseUrl}' is not an http(s) URL").ConfigureAwait(false);
            return ProxyCommandLine.InvalidConfiguration;
        }

        using var client = new AdminClient(baseUri, token.Trim());
        try
        {
            return await call(client).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"proxy: cannot reach the admin API at {baseUri}: {ex.Message}").ConfigureAwait(false);
            return Unreachable;
        }
        catch (TaskCanceledException)
        {
            await error.WriteLineAsync($"proxy: the admin API at {baseUri} did not answer within {RequestTimeout.TotalSeconds:0} s").ConfigureAwait(false);
            return Unreachable;
        }
    }

    /// <summary>A plain message per status, then the API's own error text.</summary>
    internal static int Fail(HttpStatusCode status, string body, TextWriter error)
    {
        var detail = ErrorText(body);
        var (code, message) = status switch
        {
            HttpStatusCode.Unauthorized => (NotAllowed, $"the admin API does not accept the token in {TokenVariable} (401)"),
            HttpStatusCode.Forbidden => (NotAllowed, $"not allowed (403): {detail}"),
            HttpStatusCode.NotFound => (Refused, $"not found (404): {detail}"),
            HttpStatusCode.Conflict => (Refused, $"already decided (409): {detail}"),
            _ => (Refused, $"the admin API answered {(int)status}: {detail}"),
        };
        error.WriteLine($"proxy: {message}");
        return code;
    }

    /// <summary>The `approvals` array of a list response as a table; the statement is cut to one line.</summary>
    internal static string FormatList(string json)
    {
        using var document = JsonDocument.Parse(json);
        var rows = new List<string[]> { ListHeader };
        foreach (var request in document.RootElement.GetProperty("approvals").EnumerateArray())
        {
            var statement = Text(request, "statement").ReplaceLineEndings(" ");
            rows.Add(
            [
                Text(request, "id"),
                Text(request, "state"),
                Text(request, "requester"),
                Text(request, "rule"),
                Text(request, "approver_group"),
                Text(request, "mode"),
                request.TryGetProperty("requested_at", out var at) ? at.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-",
                Text(request, "decided_by"),
                statement.Length > 60 ? statement[..57] + "..." : statement,
            ]);
        }

        if (rows.Count == 1)
        {
            return "no approval requests\n";
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                text.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "-";

    private static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? "(no details)" : body;
        }
    }

    /// <summary>One admin API connection with the bearer token set; the caller's cancellation and a request timeout apply.</summary>
    internal sealed class AdminClient(Uri baseUri, string token) : IDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = RequestTimeout };

        public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }

        public void Dispose() => _http.Dispose();
    }
}
