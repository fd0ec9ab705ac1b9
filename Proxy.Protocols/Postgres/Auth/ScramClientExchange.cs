using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Proxy.Protocols.Postgres.Auth;

/// <summary>
/// The client side of SASL SCRAM-SHA-256 (RFC 5802, RFC 7677), for logging in upstream with a held password:
/// <see cref="CreateClientFirst"/> goes in SASLInitialResponse, <see cref="HandleServerFirst"/> answers
/// AuthenticationSASLContinue, <see cref="HandleServerFinal"/> checks AuthenticationSASLFinal. No channel
/// binding (<c>n,,</c>); the user name is empty as libpq sends it, the user being in the startup message.
/// </summary>
/// <remarks>
/// A wrong server signature fails the exchange even though the server accepted us: a server that cannot
/// sign does not hold the verifier, so it is not the database it claims to be.
/// The prepared password and the derived keys are zeroed as soon as they are no longer needed and on
/// <see cref="Dispose"/>. With a <see cref="ScramKeyCache"/>, the keys for the server's salt and iteration count
/// come from the cache when an earlier login derived them, and keys derived here go into it once the server has
/// signed this exchange (see the cache for what that means for security).
/// </remarks>
internal sealed class ScramClientExchange : IDisposable
{
    private const string Gs2Header = "n,,";

    private readonly string _clientNonce;
    private readonly string _clientFirstBare;
    private readonly string _role;
    private readonly ScramKeyCache? _cache;
    private byte[] _preparedPassword;
    private readonly byte[] _expectedServerSignature = new byte[ScramKeys.KeyLength];

    /// <summary>Keys derived by this exchange, kept until the server has signed it, then offered to the cache.</summary>
    private byte[]? _derivedKeys;
    private ScramKeyCache.LookupKey _lookup;
    private Stage _stage;

    public ScramClientExchange(ReadOnlySpan<char> password)
        : this(password, string.Empty, ScramKeys.NewNonce())
    {
    }

    /// <param name="role">The role logging in (in the startup message): part of the cache key.</param>
    public ScramClientExchange(string role, ReadOnlySpan<char> password, ScramKeyCache cache)
        : this(password, string.Empty, ScramKeys.NewNonce(), role, cache)
    {
    }

    /// <param name="userName">Sent in <c>n=</c>; PostgreSQL ignores it, the RFC test vectors need it.</param>
    internal ScramClientExchange(ReadOnlySpan<char> password, string userName, string clientNonce, string role = "", ScramKeyCache? cache = null)
    {
        if (!ScramKeys.IsValidNonce(clientNonce))
        {
            throw new ArgumentException("a nonce is printable ASCII without ','", nameof(clientNonce));
        }

        _clientNonce = clientNonce;
        _clientFirstBare = $"n={EscapeSaslName(userName)},r={clientNonce}";
        _role = role;
        _cache = cache;
        _preparedPassword = SaslPrep.PreparePassword(password);
    }

    private enum Stage
    {
        Created,
        AwaitingServerFirst,
        AwaitingServerFinal,
        Done,
    }

    /// <summary>True once the server has proven it holds the verifier.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>The client-first-message: <c>n,,n=,r=&lt;nonce&gt;</c>.</summary>
    public byte[] CreateClientFirst()
    {
        Advance(Stage.Created);
        _stage = Stage.AwaitingServerFirst;
        return Encoding.UTF8.GetBytes(Gs2Header + _clientFirstBare);
    }

    /// <summary>Takes the server-first-message (AuthenticationSASLContinue data); returns the client-final-message.</summary>
    public ScramStep HandleServerFirst(ReadOnlySpan<byte> serverFirst)
    {
        Advance(Stage.AwaitingServerFirst);
        _stage = Stage.Done;
        var rest = serverFirst;
        if (rest.StartsWith("m="u8))
        {
            return Fail("the server requires an unsupported SCRAM extension (m=)");
        }

        if (!ScramAttributes.TryRead(ref rest, (byte)'r', out var nonceBytes)
            || ScramAttributes.AsciiText(nonceBytes) is not { } nonce
            || !ScramKeys.IsValidNonce(nonce))
        {
            return Fail("malformed server-first-message: expected r=<nonce>");
        }

        // The server's nonce extends ours; a server that does not repeat ours is answering someone else.
        if (!nonce.StartsWith(_clientNonce, StringComparison.Ordinal) || nonce.Length == _clientNonce.Length)
        {
            return Fail("the server nonce does not extend the client nonce");
        }

        Span<byte> salt = stackalloc byte[256];
        if (!ScramAttributes.TryRead(ref rest, (byte)'s', out var saltText)
            || !ScramAttributes.TryDecodeBase64(saltText, salt, out var saltLength)
            || saltLength == 0)
        {
            return Fail("malformed server-first-message: expected s=<salt base64> (at most 256 bytes)");
        }

        if (!ScramAttributes.TryRead(ref rest, (byte)'i', out var iterationText)
            || ScramAttributes.AsciiText(iterationText) is not { } iterationDigits
            || !int.TryParse(iterationDigits, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || !ScramAttributes.TrySkipExtensions(ref rest))
        {
            return Fail("malformed server-first-message: expected i=<iteration count>");
        }

        if (iterations is < ScramVerifier.MinimumIterations or > ScramVerifier.MaximumIterations)
        {
            return Fail($"the server asks for {iterations} iterations, outside {ScramVerifier.MinimumIterations}..{ScramVerifier.MaximumIterations}");
        }

        var withoutProof = $"c={Convert.ToBase64String(Encoding.ASCII.GetBytes(Gs2Header))},r={nonce}";
        // The server-first-message goes in as received: re-encoding any byte of it would change the signatures.
        var authMessage = (byte[])[.. Encoding.UTF8.GetBytes(_clientFirstBare + ","), .. serverFirst, .. Encoding.ASCII.GetBytes("," + withoutProof)];

        Span<byte> keys = stackalloc byte[ScramKeyCache.EntryLength];
        var clientKey = keys[..ScramKeys.KeyLength];
        var storedKey = keys.Slice(ScramKeys.KeyLength, ScramKeys.KeyLength);
        var serverKey = keys[(2 * ScramKeys.KeyLength)..];
        Span<byte> proof = stackalloc byte[ScramKeys.KeyLength];
        try
        {
            if (_cache is not { } cache)
            {
                ScramKeys.Derive(_preparedPassword, salt[..saltLength], iterations, clientKey, storedKey, serverKey);
            }
            else
            {
                _lookup = cache.KeyFor(_role, _preparedPassword, salt[..saltLength], iterations);
                if (!cache.TryGet(_lookup, keys))
                {
                    ScramKeys.Derive(_preparedPassword, salt[..saltLength], iterations, clientKey, storedKey, serverKey);
                    _derivedKeys = GC.AllocateUninitializedArray<byte>(ScramKeyCache.EntryLength, pinned: true);
                    keys.CopyTo(_derivedKeys);
                }
            }

            ForgetPassword();

            // ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage)
            HMACSHA256.HashData(storedKey, authMessage, proof);
            for (var i = 0; i < proof.Length; i++)
            {
                proof[i] ^= clientKey[i];
            }

            HMACSHA256.HashData(serverKey, authMessage, _expectedServerSignature);
            _stage = Stage.AwaitingServerFinal;
            return ScramStep.Send(Encoding.ASCII.GetBytes($"{withoutProof},p={Convert.ToBase64String(proof)}"));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keys);
            CryptographicOperations.ZeroMemory(proof);
        }
    }

    /// <summary>Takes the server-final-message (AuthenticationSASLFinal data); succeeds with nothing to send.</summary>
    public ScramStep HandleServerFinal(ReadOnlySpan<byte> serverFinal)
    {
        Advance(Stage.AwaitingServerFinal);
        _stage = Stage.Done;
        var rest = serverFinal;
        if (ScramAttributes.TryRead(ref rest, (byte)'e', out var serverError))
        {
            return Fail($"the server reports an error: {ScramAttributes.AsciiText(serverError) ?? "(not ASCII)"}");
        }

        Span<byte> signature = stackalloc byte[ScramKeys.KeyLength + 3];
        if (!ScramAttributes.TryRead(ref rest, (byte)'v', out var signatureText)
            || !ScramAttributes.TryDecodeBase64(signatureText, signature, out var signatureLength)
            || signatureLength != ScramKeys.KeyLength
            || !ScramAttributes.TrySkipExtensions(ref rest))
        {
            return Fail("malformed server-final-message: expected v=<server signature>");
        }

        if (!CryptographicOperations.FixedTimeEquals(signature[..signatureLength], _expectedServerSignature))
        {
            return Fail("the server signature is wrong: the server does not hold this password's verifier");
        }

        IsComplete = true;
        if (_derivedKeys is { } derived)
        {
            // Only now: the signature proves these keys belong to the verifier the server holds.
            _cache!.Add(_lookup, derived);
            ForgetDerivedKeys();
        }

        return ScramStep.Complete();
    }

    public void Dispose()
    {
        ForgetPassword();
        ForgetDerivedKeys();
        CryptographicOperations.ZeroMemory(_expectedServerSignature);
        _stage = Stage.Done;
    }

    /// <summary>saslname (RFC 5802 section 7): ',' and '=' are escaped as =2C and =3D.</summary>
    private static string EscapeSaslName(string name) =>
        name.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);

    private void ForgetPassword()
    {
        CryptographicOperations.ZeroMemory(_preparedPassword);
        _preparedPassword = [];
    }

    private void ForgetDerivedKeys()
    {
        if (_derivedKeys is { } derived)
        {
            CryptographicOperations.ZeroMemory(derived);
            _derivedKeys = null;
        }
    }

    private void Advance(Stage expected)
    {
        if (_stage != expected)
        {
            throw new InvalidOperationException($"SCRAM client exchange: expected {expected}, but the exchange is at {_stage}");
        }
    }

    private ScramStep Fail(string reason)
    {
        ForgetPassword();
        ForgetDerivedKeys();
        _stage = Stage.Done;
        return ScramStep.Fail($"SCRAM-SHA-256 upstream: {reason}");
    }
}
