using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging;
using Proxy.Core.Sessions;
using Proxy.Protocols.Postgres.Auth;
using Proxy.Protocols.Postgres.Framing;
using static Proxy.Protocols.Postgres.Auth.PasswordLogin;

namespace Proxy.Protocols.Postgres;

/// <summary>
/// `Auth: held`: the proxy is the server to the client (SCRAM-SHA-256 against its own identities) and the client
/// to the server (the held role and password). The two logins never meet: the client sees none of the upstream
/// exchange, and the server sees the held role, never the client's password.
/// </summary>
internal sealed partial class PostgresConversation
{
    /// <summary>
    /// The startup parameters passed on to the server. Others are dropped: `options` could set any setting
    /// (`-c role=…`) as the held role, and `replication` would open a replication connection.
    /// </summary>
    private static readonly HashSet<string> ForwardedParameters = new(StringComparer.Ordinal)
    {
        "database", "application_name", "client_encoding", "DateStyle", "TimeZone", "IntervalStyle", "extra_float_digits",
    };

    private static readonly byte[] ScramMechanism = Encoding.ASCII.GetBytes(ScramVerifier.MechanismName);

    private readonly List<(string Name, string Value)> _startupParameters = [];

    /// <summary>Runs both logins; true when the session may go on to the message phase.</summary>
    private async Task<bool> LogInHeldAsync(int protocolVersion)
    {
        var credential = _settings.Upstream!;
        var user = _user!;
        _handler.Services.Identities.TryGetValue(user, out var identity);
        try
        {
            var serverFinal = await AuthenticateClientAsync(user, identity).ConfigureAwait(false);
            if (serverFinal is null)
            {
                return false;
            }

            if (!await LogInUpstreamAsync(credential, protocolVersion).ConfigureAwait(false))
            {
                return false;
            }

            // Only now, with the upstream session open, is the client told it is in; the server's
            // ParameterStatus, BackendKeyData and ReadyForQuery follow through the server loop. Not flushed
            // here: the server loop's first flush carries both with the server's messages, one send instead of
            // two per login. PostgreSQL does the same (auth.c, sendAuthRequest: AUTH_REQ_OK and
            // AUTH_REQ_SASL_FIN "need not be sent until we are ready for queries"), and the server sends its
            // AuthenticationOk and those messages together, so they are usually in the pipe already.
            MessageWriter.WriteAuthentication(_client.Output, AuthSaslFinal, serverFinal);
            MessageWriter.WriteAuthentication(_client.Output, AuthOk, []);
            _who = _who with { User = user, Groups = identity!.Groups, DbUser = credential.User };
            return true;
        }
        catch (PostgresProtocolException ex)
        {
            _session.TrySetCloseReason(CloseReason.ProtocolError, ex.Message);
            await SendFatalAsync(ErrorFields.ProtocolViolation, ex.Message).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>
    /// SCRAM-SHA-256 with the client. Returns the server-final message to send once the upstream login has
    /// worked, or null when the client failed (it has been told 28P01, the same for an unknown name as for a
    /// wrong password, so names cannot be probed).
    /// </summary>
    private async Task<byte[]?> AuthenticateClientAsync(string user, ProxyIdentity? identity)
    {
        var exchange = identity is null ? ScramServerExchange.ForUnknownUser(user) : new ScramServerExchange(ScramVerifier.Parse(identity.Scram), user);
        MessageWriter.WriteAuthentication(_client.Output, AuthSasl, [.. ScramMechanism, 0, 0]);
        await _client.Output.FlushAsync().ConfigureAwait(false);

        var initial = await ReadAuthenticationMessageAsync(_client.Input, (byte)FrontendMessageType.Password).ConfigureAwait(false);
        if (initial is null)
        {
            return null;
        }

        var (mechanism, clientFirst) = ReadSaslInitialResponse(initial);
        var step = mechanism == ScramVerifier.MechanismName
            ? exchange.HandleClientFirst(clientFirst)
            : ScramStep.Fail($"client chose mechanism '{mechanism}'");
        if (step.Succeeded)
        {
            MessageWriter.WriteAuthentication(_client.Output, AuthSaslContinue, step.Message.Span);
            await _client.Output.FlushAsync().ConfigureAwait(false);
            var final = await ReadAuthenticationMessageAsync(_client.Input, (byte)FrontendMessageType.Password).ConfigureAwait(false);
            if (final is null)
            {
                return null;
            }

            step = exchange.HandleClientFinal(final);
        }

        if (!step.Succeeded || !exchange.IsAuthenticated || identity is null)
        {
            PostgresLog.ClientAuthenticationFailed(_handler.Logger, _session.Id, user, step.FailureReason ?? "unknown identity");
            _session.TrySetCloseReason(CloseReason.ClientClosed, $"authentication failed for \"{user}\"");
            await SendFatalAsync(ScramServerExchange.FailureSqlState, ScramServerExchange.FailureMessage(user)).ConfigureAwait(false);
            return null;
        }

        return step.Message.ToArray();
    }

    /// <summary>Logs in upstream as the held role, answering whichever password method the server asks for.</summary>
    private async Task<bool> LogInUpstreamAsync(HeldCredential credential, int protocolVersion)
    {
        var upstream = _upstream.Output;
        MessageWriter.WriteRaw(upstream, new ReadOnlySequence<byte>(UpstreamStartup(credential.User, protocolVersion)));
        await upstream.FlushAsync().ConfigureAwait(false);
        using var scram = new ScramClientExchange(credential.User, credential.Password, ScramKeyCache.Shared);
        while (true)
        {
            var message = await ReadUpstreamAuthenticationAsync().ConfigureAwait(false);
            if (message is null)
            {
                return false;
            }

            var step = PasswordLogin.Next(BinaryPrimitives.ReadInt32BigEndian(message), message.AsSpan(4), credential, scram);
            if (step.Failure is { } failure)
            {
                return await FailUpstreamLoginAsync(failure).ConfigureAwait(false);
            }

            if (step.Done)
            {
                return true;
            }

            if (step.Answer is not { } answer)
            {
                continue;
            }

            MessageWriter.WriteMessage(upstream, (byte)FrontendMessageType.Password, answer);
            await upstream.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The next Authentication request of the server; a server error ends the login (and the session).</summary>
    private async Task<byte[]?> ReadUpstreamAuthenticationAsync()
    {
        while (true)
        {
            var message = await ReadMessageAsync(_upstream.Input).ConfigureAwait(false);
            switch (message)
            {
                case null:
                    await FailUpstreamLoginAsync("the server closed the connection").ConfigureAwait(false);
                    return null;
                case ((byte)BackendMessageType.Authentication, var body) when body.Length >= 4:
                    return body;
                case ((byte)BackendMessageType.ErrorResponse, var body):
                    var (sqlState, text) = ReadError(new ReadOnlySequence<byte>(body));
                    await FailUpstreamLoginAsync($"{sqlState}: {text}").ConfigureAwait(false);
                    return null;
                case ((byte)BackendMessageType.NoticeResponse or (byte)BackendMessageType.NegotiateProtocolVersion, _):
                    continue;
                default:
                    PostgresProtocolException.Throw($"upstream: unexpected message '{(char)message.Value.Type}' during authentication");
                    return null;
            }
        }
    }

    /// <summary>
    /// The client learns that the proxy could not log in, not why: the server's message may name the held role.
    /// The proxy's log has the reason.
    /// </summary>
    private async Task<bool> FailUpstreamLoginAsync(string reason)
    {
        PostgresLog.UpstreamLoginFailed(_handler.Logger, _session.Id, _settings.Upstream!.User, reason);
        _session.TrySetCloseReason(CloseReason.UpstreamClosed, "the held credential was refused");
        await SendFatalAsync(ErrorFields.ConnectionFailure, "the proxy could not log in to the database with its held credential").ConfigureAwait(false);
        return false;
    }

    /// <summary>A StartupMessage as the held role, carrying the client's harmless parameters.</summary>
    private byte[] UpstreamStartup(string role, int protocolVersion)
    {
        var body = new ArrayBufferWriter<byte>();
        void Add(string text)
        {
            body.Write(Encoding.UTF8.GetBytes(text));
            body.Write([(byte)0]);
        }

        Add("user");
        Add(role);
        foreach (var (name, value) in _startupParameters)
        {
            if (ForwardedParameters.Contains(name))
            {
                Add(name);
                Add(value);
            }
        }

        body.Write([(byte)0]);
        var packet = new byte[8 + body.WrittenCount];
        BinaryPrimitives.WriteInt32BigEndian(packet, packet.Length);
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(4), protocolVersion);
        body.WrittenSpan.CopyTo(packet.AsSpan(8));
        return packet;
    }

    /// <summary>The next message of a type the login expects; null when the peer left. Anything else is a protocol error.</summary>
    private async Task<byte[]?> ReadAuthenticationMessageAsync(PipeReader reader, byte expected)
    {
        var message = await ReadMessageAsync(reader).ConfigureAwait(false);
        if (message is null)
        {
            _session.TrySetCloseReason(CloseReason.ClientClosed, "left during authentication");
            return null;
        }

        if (message.Value.Type != expected)
        {
            PostgresProtocolException.Throw($"expected a password message during authentication, not '{(char)message.Value.Type}'");
        }

        return message.Value.Body;
    }

    /// <summary>One whole message, copied: the login happens once per session, before the zero-copy loops start.</summary>
    private async Task<(byte Type, byte[] Body)?> ReadMessageAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            if (PostgresFramer.TryReadMessage(ref buffer, _handler.Listener.MaxMessageSize, out var message))
            {
                var copy = (message.Type, message.Body.ToArray());
                reader.AdvanceTo(buffer.Start);
                return copy;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }

    /// <summary>SASLInitialResponse: the mechanism's name, then the length of the data (-1 for none) and the data.</summary>
    private static (string Mechanism, byte[] Data) ReadSaslInitialResponse(byte[] body)
    {
        var reader = new MessageBodyReader(new ReadOnlySequence<byte>(body));
        var mechanism = reader.ReadCString();
        var length = reader.ReadInt32();
        return (mechanism, length < 0 ? [] : reader.ReadBytes(length).ToArray());
    }
}

/// <summary>The postgres listener's log lines (event ids 3000+).</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(3000, LogLevel.Warning, "Session {SessionId}: authentication failed for \"{User}\": {Reason}")]
    public static partial void ClientAuthenticationFailed(ILogger logger, string sessionId, string user, string reason);

    [LoggerMessage(3002, LogLevel.Error, "Session {SessionId}: {Reason}")]
    public static partial void UpstreamTlsFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(3003, LogLevel.Error, "Session {SessionId}: masking catalog lookup failed, statement refused: {Reason}")]
    public static partial void CatalogFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(3001, LogLevel.Error, "Session {SessionId}: the upstream refused the held credential of role \"{Role}\": {Reason}")]
    public static partial void UpstreamLoginFailed(ILogger logger, string sessionId, string role, string reason);
}
