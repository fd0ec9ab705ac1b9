using System.Security.Cryptography;
using System.Text;

namespace Proxy.Protocols.Postgres.Auth;

/// <summary>
/// The server side of SASL SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL runs it (PostgreSQL protocol
/// 55.3.1): client-first-message in SASLInitialResponse, server-first-message in AuthenticationSASLContinue,
/// client-final-message in SASLResponse, server-final-message in AuthenticationSASLFinal.
/// </summary>
/// <remarks>
/// Only SCRAM-SHA-256 without channel binding is offered, so the gs2 header is <c>n,,</c> (the client cannot
/// bind) or <c>y,,</c> (it could, but believes the server cannot — true here; a listener that ever offers
/// SCRAM-SHA-256-PLUS over TLS must then reject <c>y</c> as a downgrade) and <c>p=</c> is refused. The user
/// name in <c>n=</c> is ignored: PostgreSQL clients send it empty, the user comes from the startup message.
/// One exchange serves one login; its steps must come in order.
/// </remarks>
internal sealed class ScramServerExchange
{
    public const string FailureSqlState = "28P01";

    private static readonly byte[] UnknownUserKey = RandomNumberGenerator.GetBytes(32);

    private readonly ScramVerifier _verifier;
    private readonly string _userName;
    private readonly string _serverNonce;
    private readonly bool _doomed;
    private Stage _stage;
    private byte[] _gs2Header = [];
    private byte[] _clientFirstBare = [];
    private byte[] _serverFirst = [];
    private string _nonce = string.Empty;

    /// <param name="userName">Who is logging in, for failure reasons only.</param>
    public ScramServerExchange(ScramVerifier verifier, string userName)
        : this(verifier, userName, ScramKeys.NewNonce(), doomed: false)
    {
    }

    internal ScramServerExchange(ScramVerifier verifier, string userName, string serverNonce, bool doomed = false)
    {
        if (!ScramKeys.IsValidNonce(serverNonce))
        {
            throw new ArgumentException("a nonce is printable ASCII without ','", nameof(serverNonce));
        }

        _verifier = verifier;
        _userName = userName;
        _serverNonce = serverNonce;
        _doomed = doomed;
    }

    private enum Stage
    {
        AwaitingClientFirst,
        AwaitingClientFinal,
        Done,
    }

    /// <summary>True once the client has proven it knows the password; send the server-final-message, then AuthenticationOk.</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>
    /// An exchange for a user with no identity that runs every step like a real one and then fails, so a
    /// client cannot tell "no such user" from "wrong password". The salt is the same on every attempt for the
    /// same name (a per-process secret hashed with it), as in PostgreSQL's mock authentication.
    /// </summary>
    public static ScramServerExchange ForUnknownUser(string userName)
    {
        var digest = HMACSHA256.HashData(UnknownUserKey, Encoding.UTF8.GetBytes(userName));
        var verifier = ScramVerifier.FromKeys(
            ScramVerifier.DefaultIterations,
            digest[..16],
            RandomNumberGenerator.GetBytes(ScramKeys.KeyLength),
            RandomNumberGenerator.GetBytes(ScramKeys.KeyLength));
        return new ScramServerExchange(verifier, userName, ScramKeys.NewNonce(), doomed: true);
    }

    /// <summary>The ErrorResponse message for any failed step; the step and its reason go to the log only.</summary>
    public static string FailureMessage(string userName) => $"password authentication failed for user \"{userName}\"";

    /// <summary>Takes the client-first-message (SASLInitialResponse data); returns the server-first-message.</summary>
    public ScramStep HandleClientFirst(ReadOnlySpan<byte> clientFirst)
    {
        Advance(Stage.AwaitingClientFirst);
        var rest = clientFirst;

        // gs2-header = gs2-cbind-flag "," [authzid] ","
        if (rest.StartsWith("p="u8))
        {
            return Fail("the client requires channel binding (p=), but SCRAM-SHA-256-PLUS is not offered");
        }

        if (!(rest.StartsWith("n,"u8) || rest.StartsWith("y,"u8)))
        {
            return Fail("malformed client-first-message: no gs2 channel-binding flag");
        }

        rest = rest[2..];
        if (rest.StartsWith("a="u8))
        {
            return Fail("the client sent an authorization identity (a=), which is not supported");
        }

        if (rest.IsEmpty || rest[0] != (byte)',')
        {
            return Fail("malformed client-first-message: gs2 header not closed by ','");
        }

        _gs2Header = clientFirst[..3].ToArray();
        var bare = rest[1..];
        rest = bare;
        if (rest.StartsWith("m="u8))
        {
            return Fail("the client requires an unsupported SCRAM extension (m=)");
        }

        if (!ScramAttributes.TryRead(ref rest, (byte)'n', out _)
            || !ScramAttributes.TryRead(ref rest, (byte)'r', out var clientNonceBytes)
            || ScramAttributes.AsciiText(clientNonceBytes) is not { } clientNonce
            || !ScramKeys.IsValidNonce(clientNonce)
            || !ScramAttributes.TrySkipExtensions(ref rest))
        {
            return Fail("malformed client-first-message: expected n=<user>,r=<nonce>");
        }

        _clientFirstBare = bare.ToArray();
        _nonce = clientNonce + _serverNonce;
        _serverFirst = Encoding.ASCII.GetBytes($"r={_nonce},s={Convert.ToBase64String(_verifier.Salt)},i={_verifier.Iterations}");
        _stage = Stage.AwaitingClientFinal;
        return ScramStep.Send(_serverFirst);
    }

    /// <summary>Takes the client-final-message (SASLResponse data); returns the server-final-message.</summary>
    public ScramStep HandleClientFinal(ReadOnlySpan<byte> clientFinal)
    {
        Advance(Stage.AwaitingClientFinal);
        _stage = Stage.Done;

        // client-final-message = channel-binding "," nonce ["," extensions] "," proof; the proof is last.
        var proofAt = clientFinal.LastIndexOf(",p="u8);
        if (proofAt < 0)
        {
            return Fail("malformed client-final-message: no proof");
        }

        var withoutProof = clientFinal[..proofAt];
        var rest = withoutProof;
        Span<byte> channelBinding = stackalloc byte[16];
        if (!ScramAttributes.TryRead(ref rest, (byte)'c', out var channelBindingText)
            || !ScramAttributes.TryDecodeBase64(channelBindingText, channelBinding, out var channelBindingLength))
        {
            return Fail("malformed client-final-message: expected c=<channel binding>");
        }

        // Without channel binding, c= carries the gs2 header back unchanged (RFC 5802 section 7).
        if (!channelBinding[..channelBindingLength].SequenceEqual(_gs2Header))
        {
            return Fail("the channel binding (c=) does not repeat the gs2 header of the client-first-message");
        }

        if (rest.IsEmpty
            || !ScramAttributes.TryRead(ref rest, (byte)'r', out var nonce)
            || !ScramAttributes.TrySkipExtensions(ref rest))
        {
            return Fail("malformed client-final-message: expected r=<nonce>");
        }

        if (!nonce.SequenceEqual(Encoding.ASCII.GetBytes(_nonce)))
        {
            return Fail("the nonce of the client-final-message is not the one of this exchange");
        }

        Span<byte> proof = stackalloc byte[ScramKeys.KeyLength + 3];
        if (!ScramAttributes.TryDecodeBase64(clientFinal[(proofAt + 3)..], proof, out var proofLength) || proofLength != ScramKeys.KeyLength)
        {
            return Fail($"malformed client-final-message: the proof is not {ScramKeys.KeyLength} bytes of base64");
        }

        var authMessage = AuthMessage(withoutProof);
        Span<byte> clientKey = stackalloc byte[ScramKeys.KeyLength];
        Span<byte> storedKey = stackalloc byte[ScramKeys.KeyLength];
        try
        {
            // ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); it is right when H(ClientKey) = StoredKey.
            HMACSHA256.HashData(_verifier.StoredKey, authMessage, clientKey);
            for (var i = 0; i < clientKey.Length; i++)
            {
                clientKey[i] ^= proof[i];
            }

            SHA256.HashData(clientKey, storedKey);
            if (!CryptographicOperations.FixedTimeEquals(storedKey, _verifier.StoredKey) || _doomed)
            {
                return Fail(_doomed ? "no such identity" : "wrong password (the client proof does not match the verifier)");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clientKey);
            CryptographicOperations.ZeroMemory(storedKey);
        }

        Span<byte> serverSignature = stackalloc byte[ScramKeys.KeyLength];
        HMACSHA256.HashData(_verifier.ServerKey, authMessage, serverSignature);
        IsAuthenticated = true;
        return ScramStep.Send(Encoding.ASCII.GetBytes("v=" + Convert.ToBase64String(serverSignature)));
    }

    /// <summary>AuthMessage = client-first-message-bare "," server-first-message "," client-final-message-without-proof.</summary>
    private byte[] AuthMessage(ReadOnlySpan<byte> clientFinalWithoutProof)
    {
        var message = new byte[_clientFirstBare.Length + 1 + _serverFirst.Length + 1 + clientFinalWithoutProof.Length];
        var span = message.AsSpan();
        _clientFirstBare.CopyTo(span);
        span[_clientFirstBare.Length] = (byte)',';
        _serverFirst.CopyTo(span[(_clientFirstBare.Length + 1)..]);
        span[_clientFirstBare.Length + 1 + _serverFirst.Length] = (byte)',';
        clientFinalWithoutProof.CopyTo(span[(_clientFirstBare.Length + 2 + _serverFirst.Length)..]);
        return message;
    }

    private void Advance(Stage expected)
    {
        if (_stage != expected)
        {
            throw new InvalidOperationException($"SCRAM exchange for \"{_userName}\": expected {expected}, but the exchange is at {_stage}");
        }
    }

    private ScramStep Fail(string reason)
    {
        _stage = Stage.Done;
        return ScramStep.Fail($"SCRAM-SHA-256 for \"{_userName}\": {reason}");
    }
}
