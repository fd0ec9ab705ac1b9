using System.Security.Cryptography;

namespace Proxy.Protocols.Postgres.Auth;

/// <summary>The SCRAM-SHA-256 key schedule (RFC 5802 section 3, RFC 7677): H is SHA-256, HMAC is HMAC-SHA-256.</summary>
internal static class ScramKeys
{
    public const int KeyLength = 32;

    /// <summary>PostgreSQL's nonce length in raw bytes (SCRAM_RAW_NONCE_LEN), sent base64-encoded.</summary>
    private const int RawNonceLength = 18;

    /// <summary>
    /// SaltedPassword = Hi(password, salt, i) (PBKDF2 with HMAC-SHA-256); ClientKey = HMAC(SaltedPassword,
    /// "Client Key"); StoredKey = H(ClientKey); ServerKey = HMAC(SaltedPassword, "Server Key").
    /// </summary>
    public static void Derive(ReadOnlySpan<byte> preparedPassword, ReadOnlySpan<byte> salt, int iterations, Span<byte> storedKey, Span<byte> serverKey)
    {
        Span<byte> clientKey = stackalloc byte[KeyLength];
        try
        {
            Derive(preparedPassword, salt, iterations, clientKey, storedKey, serverKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clientKey);
        }
    }

    /// <summary>As above, keeping ClientKey too: the client side of an exchange proves itself with it.</summary>
    public static void Derive(ReadOnlySpan<byte> preparedPassword, ReadOnlySpan<byte> salt, int iterations, Span<byte> clientKey, Span<byte> storedKey, Span<byte> serverKey)
    {
        Span<byte> saltedPassword = stackalloc byte[KeyLength];
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(preparedPassword, salt, saltedPassword, iterations, HashAlgorithmName.SHA256);
            HMACSHA256.HashData(saltedPassword, "Client Key"u8, clientKey);
            SHA256.HashData(clientKey, storedKey);
            HMACSHA256.HashData(saltedPassword, "Server Key"u8, serverKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(saltedPassword);
        }
    }

    /// <summary>A fresh nonce: printable, without ',' (RFC 5802 section 7), as PostgreSQL makes them.</summary>
    public static string NewNonce()
    {
        Span<byte> raw = stackalloc byte[RawNonceLength];
        RandomNumberGenerator.Fill(raw);
        return Convert.ToBase64String(raw);
    }

    /// <summary>RFC 5802 section 7: printable = %x21-2B / %x2D-7E, i.e. visible ASCII except ','.</summary>
    public static bool IsValidNonce(ReadOnlySpan<char> nonce) =>
        !nonce.IsEmpty && !nonce.ContainsAnyExceptInRange('!', '~') && !nonce.Contains(',');
}
