using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Proxy.Protocols.Postgres.Auth;

/// <summary>
/// The answer to AuthenticationMD5Password (PostgreSQL protocol 55.3.1):
/// <c>"md5" + md5hex(md5hex(password + user) + salt)</c>, sent in a PasswordMessage with its NUL terminator.
/// The password is hashed as its UTF-8 bytes, without SASLprep, as libpq does with a UTF-8 client encoding.
/// </summary>
internal static class Md5Password
{
    public const int SaltLength = 4;

    /// <summary>"md5" and 32 lowercase hex digits.</summary>
    public const int ResponseLength = 35;

    /// <summary>The 35 ASCII bytes of the response for <paramref name="salt"/> (the 4 bytes the server sent).</summary>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "The protocol prescribes MD5; an upstream that asks for it gets it.")]
    public static byte[] Compute(ReadOnlySpan<char> password, string userName, ReadOnlySpan<byte> salt)
    {
        if (salt.Length != SaltLength)
        {
            throw new ArgumentException($"an MD5 salt is {SaltLength} bytes, not {salt.Length}", nameof(salt));
        }

        var user = Encoding.UTF8.GetBytes(userName);
        var secret = new byte[Encoding.UTF8.GetByteCount(password) + user.Length];
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        Span<byte> inner = stackalloc byte[(MD5.HashSizeInBytes * 2) + SaltLength];
        try
        {
            var written = Encoding.UTF8.GetBytes(password, secret);
            user.CopyTo(secret.AsSpan(written));
            MD5.HashData(secret, digest);
            WriteLowerHex(digest, inner);
            salt.CopyTo(inner[(MD5.HashSizeInBytes * 2)..]);
            MD5.HashData(inner, digest);

            var response = new byte[ResponseLength];
            "md5"u8.CopyTo(response);
            WriteLowerHex(digest, response.AsSpan(3));
            return response;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(inner);
            CryptographicOperations.ZeroMemory(digest);
        }
    }

    private static void WriteLowerHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)"0123456789abcdef"[bytes[i] >> 4];
            destination[(2 * i) + 1] = (byte)"0123456789abcdef"[bytes[i] & 0xF];
        }
    }
}
