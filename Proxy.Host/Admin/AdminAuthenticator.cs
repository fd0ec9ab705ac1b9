using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Proxy.Host.Configuration;
using Proxy.Protocols;

namespace Proxy.Host.Admin;

/// <summary>Who called the admin API: the identity a bearer token maps to, and that identity's groups.</summary>
internal sealed record AdminCaller(string Identity, IReadOnlyList<string> Groups)
{
    /// <summary>Whether the caller is in one of <paramref name="groups"/>; an empty list admits every caller.</summary>
    public bool InAny(ImmutableArray<string> groups) => groups.IsEmpty || groups.Any(g => Groups.Contains(g, StringComparer.Ordinal));
}

/// <summary>
/// Admin tokens: made here (`proxy admin token add`), kept in the configuration only as their SHA-256. A token is
/// 32 random bytes, so a plain digest is enough: there is no guessable password to stretch against brute force.
/// </summary>
internal static class AdminTokens
{
    /// <summary>Marks the string as a proxy admin token, so a leaked one is recognisable to secret scanners and people.</summary>
    public const string Prefix = "pxa_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

/// <summary>Maps the `Authorization: Bearer …` header to an <see cref="AdminCaller"/>.</summary>
internal sealed class AdminAuthenticator(AdminOptions options, IReadOnlyDictionary<string, ProxyIdentity> identities)
{
    private const string BearerScheme = "Bearer ";

    /// <summary>The caller, or null with the 401 already written (no token, a malformed header, an unknown token).</summary>
    public AdminCaller? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase) && header.Length > BearerScheme.Length)
        {
            var digest = AdminTokens.Digest(header[BearerScheme.Length..].Trim());
            AdminToken? match = null;

            // Every configured digest is compared, each in constant time: neither the position of a match nor
            // the length of a common prefix shows in the response time.
            foreach (var token in options.Tokens)
            {
                if (CryptographicOperations.FixedTimeEquals(digest, token.Sha256.AsSpan()))
                {
                    match = token;
                }
            }

            if (match is not null && identities.TryGetValue(match.Identity, out var identity))
            {
                return new AdminCaller(identity.Name, identity.Groups);
            }
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = header.Length == 0
            ? "Bearer realm=\"proxy-admin\""
            : "Bearer realm=\"proxy-admin\", error=\"invalid_token\"";
        return null;
    }
}
