using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Proxy.Protocols.Postgres.Auth;

/// <summary>
/// A SCRAM-SHA-256 verifier in PostgreSQL's own format (what <c>pg_authid.rolpassword</c> holds):
/// <c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt base64&gt;$&lt;StoredKey base64&gt;:&lt;ServerKey base64&gt;</c>.
/// It proves a password without holding it, but the keys let their holder impersonate the server, so they
/// never appear in <see cref="ToString"/> or an error message.
/// </summary>
public sealed class ScramVerifier
{
    public const string MechanismName = "SCRAM-SHA-256";

    /// <summary>PostgreSQL's default (scram_iterations) and RFC 7677's recommended minimum.</summary>
    public const int DefaultIterations = 4096;

    /// <summary>
    /// Below RFC 7677's 4096 so verifiers from older or test deployments still load; below this, PBKDF2 adds
    /// too little cost to a guess to be worth the name.
    /// </summary>
    public const int MinimumIterations = 1000;

    /// <summary>A client spends this many HMACs per login (about seconds at this bound); more is a denial of service.</summary>
    public const int MaximumIterations = 10_000_000;

    private const string Prefix = MechanismName + "$";
    private const string Shape = "expected SCRAM-SHA-256$<iterations>:<salt base64>$<StoredKey base64>:<ServerKey base64>";

    private readonly byte[] _salt;
    private readonly byte[] _storedKey;
    private readonly byte[] _serverKey;

    private ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey)
    {
        Iterations = iterations;
        _salt = salt;
        _storedKey = storedKey;
        _serverKey = serverKey;
    }

    public int Iterations { get; }

    public ReadOnlySpan<byte> Salt => _salt;

    internal ReadOnlySpan<byte> StoredKey => _storedKey;

    internal ReadOnlySpan<byte> ServerKey => _serverKey;

    /// <summary>Parses PostgreSQL's format; a malformed text throws <see cref="FormatException"/> naming the part at fault.</summary>
    public static ScramVerifier Parse(string text) =>
        TryParse(text, out var verifier, out var error) ? verifier : throw new FormatException(error);

    /// <summary>Parses PostgreSQL's format; <paramref name="error"/> names the part at fault and never quotes a key.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ScramVerifier? verifier, [NotNullWhen(false)] out string? error)
    {
        verifier = null;
        if (string.IsNullOrEmpty(text) || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = $"not a SCRAM-SHA-256 verifier: {Shape}";
            return false;
        }

        var parts = text[Prefix.Length..].Split('$');
        var head = parts[0].Split(':');
        var keys = parts.Length == 2 ? parts[1].Split(':') : [];
        if (parts.Length != 2 || head.Length != 2 || keys.Length != 2)
        {
            error = $"malformed SCRAM-SHA-256 verifier: {Shape}";
            return false;
        }

        if (!int.TryParse(head[0], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations < MinimumIterations || iterations > MaximumIterations)
        {
            error = $"SCRAM-SHA-256 verifier: the iteration count must be an integer from {MinimumIterations} to {MaximumIterations}";
            return false;
        }

        if (!TryDecode(head[1], out var salt) || salt.Length == 0)
        {
            error = "SCRAM-SHA-256 verifier: the salt is not non-empty base64";
            return false;
        }

        if (!TryDecode(keys[0], out var storedKey) || storedKey.Length != ScramKeys.KeyLength)
        {
            error = $"SCRAM-SHA-256 verifier: the StoredKey is not {ScramKeys.KeyLength} bytes of base64";
            return false;
        }

        if (!TryDecode(keys[1], out var serverKey) || serverKey.Length != ScramKeys.KeyLength)
        {
            error = $"SCRAM-SHA-256 verifier: the ServerKey is not {ScramKeys.KeyLength} bytes of base64";
            return false;
        }

        verifier = new ScramVerifier(iterations, salt, storedKey, serverKey);
        error = null;
        return true;
    }

    /// <summary>A verifier for <paramref name="password"/> with a fresh random 16-byte salt, as PostgreSQL makes them.</summary>
    public static ScramVerifier Create(ReadOnlySpan<char> password, int iterations = DefaultIterations)
    {
        Span<byte> salt = stackalloc byte[16];
        RandomNumberGenerator.Fill(salt);
        return Create(password, salt, iterations);
    }

    internal static ScramVerifier FromKeys(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) =>
        new(iterations, salt, storedKey, serverKey);

    internal static ScramVerifier Create(ReadOnlySpan<char> password, ReadOnlySpan<byte> salt, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaximumIterations);
        if (salt.IsEmpty)
        {
            throw new ArgumentException("the salt must not be empty", nameof(salt));
        }

        var prepared = SaslPrep.PreparePassword(password);
        try
        {
            var storedKey = new byte[ScramKeys.KeyLength];
            var serverKey = new byte[ScramKeys.KeyLength];
            ScramKeys.Derive(prepared, salt, iterations, storedKey, serverKey);
            return new ScramVerifier(iterations, salt.ToArray(), storedKey, serverKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prepared);
        }
    }

    /// <summary>Whether <paramref name="password"/> is the one this verifier was made from (constant-time comparison).</summary>
    public bool Verifies(ReadOnlySpan<char> password)
    {
        var prepared = SaslPrep.PreparePassword(password);
        Span<byte> storedKey = stackalloc byte[ScramKeys.KeyLength];
        Span<byte> serverKey = stackalloc byte[ScramKeys.KeyLength];
        try
        {
            ScramKeys.Derive(prepared, _salt, Iterations, storedKey, serverKey);
            return CryptographicOperations.FixedTimeEquals(storedKey, _storedKey)
                & CryptographicOperations.FixedTimeEquals(serverKey, _serverKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prepared);
            CryptographicOperations.ZeroMemory(storedKey);
            CryptographicOperations.ZeroMemory(serverKey);
        }
    }

    /// <summary>The full verifier text, keys included, for configuration and <c>ALTER ROLE … PASSWORD</c>.</summary>
    public string Format() =>
        $"{Prefix}{Iterations.ToString(CultureInfo.InvariantCulture)}:{Convert.ToBase64String(_salt)}${Convert.ToBase64String(_storedKey)}:{Convert.ToBase64String(_serverKey)}";

    /// <summary>Iterations and salt only: safe for logs.</summary>
    public override string ToString() =>
        $"{Prefix}{Iterations.ToString(CultureInfo.InvariantCulture)}:{Convert.ToBase64String(_salt)}$(keys hidden)";

    private static bool TryDecode(string text, out byte[] bytes)
    {
        // Whitespace is no part of PostgreSQL's format, though Convert would skip it.
        var buffer = new byte[(text.Length / 4 * 3) + 3];
        if (text.Length > 0 && !text.AsSpan().ContainsAny(" \t\r\n") && Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
