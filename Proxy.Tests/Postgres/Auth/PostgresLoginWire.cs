using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Proxy.Protocols.Postgres.Auth;

namespace Proxy.Tests.Postgres.Auth;

/// <summary>How a login over <see cref="PostgresLoginWire"/> ended.</summary>
/// <param name="Requests">The authentication requests the server made, in order: cleartext, md5, sasl, sasl-continue, sasl-final, ok.</param>
/// <param name="ScramFailure">Why our SCRAM client gave up, if it did.</param>
internal sealed record LoginOutcome(bool ReachedReadyForQuery, IReadOnlyList<string> Requests, string? SqlState, string? Error, string? ScramFailure);

/// <summary>
/// Just enough of the PostgreSQL protocol (55.2 start-up, 55.3 SASL) to log in with the auth primitives and
/// reach ReadyForQuery: startup message, then AuthenticationCleartextPassword, AuthenticationMD5Password or
/// AuthenticationSASL/SASLContinue/SASLFinal. For tests only; it is not the proxy's protocol handler.
/// </summary>
internal static class PostgresLoginWire
{
    private const int ProtocolVersion3 = 196608;

    public static async Task<LoginOutcome> LoginAsync(IPEndPoint endpoint, string user, string password, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint, cancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Startup(user, "postgres"), cancellationToken);

        var requests = new List<string>();
        ScramClientExchange? scram = null;
        try
        {
            while (true)
            {
                var (type, body) = await ReadMessageAsync(stream, cancellationToken);
                switch (type)
                {
                    case (byte)'R':
                        var request = BinaryPrimitives.ReadInt32BigEndian(body);
                        var data = body[4..];
                        switch (request)
                        {
                            case 0:
                                requests.Add("ok");
                                break;
                            case 3:
                                requests.Add("cleartext");
                                await SendPasswordAsync(stream, [.. Encoding.UTF8.GetBytes(password), 0], cancellationToken);
                                break;
                            case 5:
                                requests.Add("md5");
                                await SendPasswordAsync(stream, [.. Md5Password.Compute(password, user, data), 0], cancellationToken);
                                break;
                            case 10:
                                requests.Add("sasl");
                                var mechanisms = Encoding.ASCII.GetString(data).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                                Assert.That(mechanisms, Does.Contain(ScramVerifier.MechanismName));
                                scram = new ScramClientExchange(password);
                                await SendPasswordAsync(stream, SaslInitialResponse(scram.CreateClientFirst()), cancellationToken);
                                break;
                            case 11:
                                requests.Add("sasl-continue");
                                var final = scram!.HandleServerFirst(data);
                                if (!final.Succeeded)
                                {
                                    return new LoginOutcome(false, requests, null, null, final.FailureReason);
                                }

                                await SendPasswordAsync(stream, final.Message.ToArray(), cancellationToken);
                                break;
                            case 12:
                                requests.Add("sasl-final");
                                var done = scram!.HandleServerFinal(data);
                                if (!done.Succeeded)
                                {
                                    return new LoginOutcome(false, requests, null, null, done.FailureReason);
                                }

                                break;
                            default:
                                Assert.Fail($"unexpected authentication request {request}");
                                break;
                        }

                        break;
                    case (byte)'E':
                        var fields = ErrorFields(body);
                        return new LoginOutcome(false, requests, fields.GetValueOrDefault('C'), fields.GetValueOrDefault('M'), null);
                    case (byte)'Z':
                        await stream.WriteAsync(new byte[] { (byte)'X', 0, 0, 0, 4 }, cancellationToken);
                        return new LoginOutcome(true, requests, null, null, null);
                    default:
                        // ParameterStatus, BackendKeyData, NoticeResponse: not what this helper is about.
                        break;
                }
            }
        }
        finally
        {
            scram?.Dispose();
        }
    }

    private static byte[] Startup(string user, string database)
    {
        var parameters = Encoding.UTF8.GetBytes($"user\0{user}\0database\0{database}\0\0");
        var message = new byte[8 + parameters.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, message.Length);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4), ProtocolVersion3);
        parameters.CopyTo(message, 8);
        return message;
    }

    /// <summary>SASLInitialResponse body: mechanism name, NUL, Int32 length of the data, the data.</summary>
    private static byte[] SaslInitialResponse(byte[] clientFirst)
    {
        var mechanism = Encoding.ASCII.GetBytes(ScramVerifier.MechanismName + "\0");
        var body = new byte[mechanism.Length + 4 + clientFirst.Length];
        mechanism.CopyTo(body, 0);
        BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(mechanism.Length), clientFirst.Length);
        clientFirst.CopyTo(body, mechanism.Length + 4);
        return body;
    }

    /// <summary>PasswordMessage, SASLInitialResponse and SASLResponse all go as message type 'p'.</summary>
    private static async Task SendPasswordAsync(NetworkStream stream, byte[] body, CancellationToken cancellationToken)
    {
        var message = new byte[5 + body.Length];
        message[0] = (byte)'p';
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + body.Length);
        body.CopyTo(message, 5);
        await stream.WriteAsync(message, cancellationToken);
    }

    private static async Task<(byte Type, byte[] Body)> ReadMessageAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        Assert.That(length, Is.InRange(4, 1 << 20), "message length");
        var body = new byte[length - 4];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (header[0], body);
    }

    private static Dictionary<char, string> ErrorFields(byte[] body)
    {
        var fields = new Dictionary<char, string>();
        var rest = body.AsSpan();
        while (rest.Length > 1 && rest[0] != 0)
        {
            var end = rest[1..].IndexOf((byte)0);
            fields[(char)rest[0]] = Encoding.UTF8.GetString(rest.Slice(1, end));
            rest = rest[(end + 2)..];
        }

        return fields;
    }
}
