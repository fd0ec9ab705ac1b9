using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Proxy.Host.Admin;

namespace Proxy.Host.Cli;

/// <summary>`proxy admin token add IDENTITY`: make an admin API token and the configuration entry that admits it.</summary>
internal static class AdminCommands
{
    private static readonly JsonSerializerOptions SnippetJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build()
    {
        var admin = new Command("admin", "The admin API (docs/admin-api.md).");
        var token = new Command("token", "Bearer tokens of the admin API.");
        var identity = new Argument<string>("identity") { Description = "The name in Identities the token acts as (its groups decide what it may do)." };
        var add = new Command(
            "add",
            "Generate a random token. Standard output gets two lines: the token (shown only now; hand it over, e.g. as "
            + "PROXY_ADMIN_TOKEN) and its entry for \"Admin\": { \"Tokens\": [ … ] }, which holds only the token's SHA-256.")
        {
            identity,
        };
        add.SetAction(parse => Add(parse.GetValue(identity)!, Console.Out, Console.Error));
        token.Subcommands.Add(add);
        admin.Subcommands.Add(token);
        return admin;
    }

    internal static int Add(string identity, TextWriter output, TextWriter error)
    {
        if (identity.Length == 0 || identity.Any(char.IsControl) || identity.Trim().Length != identity.Length)
        {
            error.WriteLine($"proxy: '{identity}' is not an identity name (empty, control characters, or white space at an end)");
            return ProxyCommandLine.InvalidConfiguration;
        }

        var token = AdminTokens.Generate();
        output.WriteLine(token);
        output.WriteLine($"{{ \"Identity\": {JsonSerializer.Serialize(identity, SnippetJson)}, \"Sha256\": \"{Convert.ToHexStringLower(AdminTokens.Digest(token))}\" }}");
        error.WriteLine($"proxy: the first line is the token, shown only now; the second goes in \"Admin\": {{ \"Tokens\": [ … ] }}. '{identity}' must be one of \"Identities\".");
        return 0;
    }
}
