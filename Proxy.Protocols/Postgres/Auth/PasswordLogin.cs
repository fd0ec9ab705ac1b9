using System.Buffers.Binary;
using System.Text;

namespace Proxy.Protocols.Postgres.Auth;

/// <summary>
/// Logging in to a server with a role and password, one Authentication request at a time (PostgreSQL protocol
/// 55.3): cleartext, MD5 or SCRAM-SHA-256. Shared by the held-credential login of a session and the proxy's own
/// catalog connection.
/// </summary>
internal static class PasswordLogin
{
    /// <summary>Authentication request codes (PostgreSQL protocol 55.7, AuthenticationXXX).</summary>
    public const int AuthOk = 0;
    public const int AuthCleartext = 3;
    public const int AuthMd5 = 5;
    public const int AuthSasl = 10;
    public const int AuthSaslContinue = 11;
    public const int AuthSaslFinal = 12;

    private static readonly byte[] ScramMechanism = Encoding.ASCII.GetBytes(ScramVerifier.MechanismName);

    /// <summary>What to do about one Authentication request.</summary>
    public readonly record struct Step(bool Done, byte[]? Answer, string? Failure);

    /// <summary>
    /// The step for request <paramref name="code"/> with <paramref name="data"/>: done (AuthenticationOk), a
    /// PasswordMessage body to send, nothing to send (SASL final, checked), or the reason the login cannot go on.
    /// </summary>
    public static Step Next(int code, ReadOnlySpan<byte> data, HeldCredential credential, ScramClientExchange scram)
    {
        switch (code)
        {
            case AuthOk:
                return new Step(true, null, null);
            case AuthCleartext:
                return new Step(false, [.. Encoding.UTF8.GetBytes(credential.Password), 0], null);
            case AuthMd5:
                return new Step(false, [.. Md5Password.Compute(credential.Password, credential.User, data[..Md5Password.SaltLength]), 0], null);
            case AuthSasl:
                if (!SaslMechanisms(data).Contains(ScramVerifier.MechanismName))
                {
                    return new Step(false, null, "the server offers no SASL mechanism the proxy speaks");
                }

                var first = scram.CreateClientFirst();
                var answer = new byte[ScramMechanism.Length + 1 + 4 + first.Length];
                ScramMechanism.CopyTo(answer, 0);
                BinaryPrimitives.WriteInt32BigEndian(answer.AsSpan(ScramMechanism.Length + 1), first.Length);
                first.CopyTo(answer, ScramMechanism.Length + 5);
                return new Step(false, answer, null);
            case AuthSaslContinue:
                var step = scram.HandleServerFirst(data);
                return step.Succeeded ? new Step(false, step.Message.ToArray(), null) : new Step(false, null, $"SCRAM: {step.FailureReason}");
            case AuthSaslFinal:
                var final = scram.HandleServerFinal(data);
                return new Step(false, null, final.Succeeded ? null : $"SCRAM: {final.FailureReason}");
            default:
                return new Step(false, null, $"the server asks for authentication method {code}, which the proxy does not speak");
        }
    }

    /// <summary>AuthenticationSASL's list of mechanism names, each zero-terminated, ending with an empty one.</summary>
    private static List<string> SaslMechanisms(ReadOnlySpan<byte> data)
    {
        var names = new List<string>();
        while (data.IndexOf((byte)0) is var end and > 0)
        {
            names.Add(Encoding.UTF8.GetString(data[..end]));
            data = data[(end + 1)..];
        }

        return names;
    }
}
