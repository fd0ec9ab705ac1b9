using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.IO.Pipelines;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.Sessions;
using Proxy.Core.Transport;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Protocols.Postgres;

/// <summary>
/// One PostgreSQL session through the proxy. The startup phase runs first, alone; then two loops run side
/// by side: the client loop frames what the client sends, decides every statement and forwards it (or a
/// substitute), and notes what answer it expects; the server loop frames the answers, matches them to those
/// notes, records each statement's outcome and forwards them. Each loop is the only writer of its output.
/// </summary>
internal sealed partial class PostgresConversation
{
    private const string ProtocolName = PostgresHandler.ProtocolName;

    /// <summary>The most a client may still send after a fatal error before the proxy stops listening.</summary>
    private const long DrainLimit = 64L * 1024 * 1024;

    private readonly PostgresHandler _handler;
    private readonly ProxySession _session;
    private readonly PostgresSettings _settings;
    private readonly PendingResponses _pending = new();
    private readonly StatementDecider _decider;

    /// <summary>The client's connection: the session's pipes, or TLS over them once an SSLRequest was accepted.</summary>
    private IDuplexPipe _client;

    /// <summary>The server's connection: the session's pipes, or TLS over them when the listener asks for it.</summary>
    private IDuplexPipe _upstream;

    /// <summary>The session's own fields of the policy input; each statement adds the sql.* and time fields.</summary>
    private PolicyInput _who;
    private string? _user;
    private string? _database;
    private int _issuedProcessId;

    public PostgresConversation(PostgresHandler handler, ProxySession session)
    {
        _handler = handler;
        _session = session;
        _settings = handler.Settings;
        _client = session.Client;
        _upstream = session.Upstream;
        _decider = new StatementDecider(handler, new SessionSources(_statements));
        var address = session.ClientEndPoint.Address;
        _who = new PolicyInput
        {
            Protocol = ProtocolName,
            Listener = handler.Listener.Name,
            ClientIp = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address,
        };
    }

    public async Task RunAsync()
    {
        try
        {
            if (!await StartAsync().ConfigureAwait(false))
            {
                return;
            }

            var server = RunServerLoopAsync();
            var clientFailure = await RunClientLoopAsync().ConfigureAwait(false);
            if (clientFailure is not null)
            {
                // The client broke the protocol: stop the server loop, which owns the client's output, then
                // tell the client why, as a server would, and end the session.
                _session.TrySetCloseReason(CloseReason.ProtocolError, clientFailure);
                _upstream.Input.CancelPendingRead();
                await server.ConfigureAwait(false);
                await SendFatalAsync(ErrorFields.ProtocolViolation, clientFailure).ConfigureAwait(false);
                await DrainClientAsync().ConfigureAwait(false);
                return;
            }

            // The client is done (Terminate or its FIN): pass the end on; the server closes and its loop ends.
            await _upstream.Output.CompleteAsync().ConfigureAwait(false);
            await server.ConfigureAwait(false);
        }
        finally
        {
            if (_issuedProcessId != 0)
            {
                _handler.CancelKeys.Release(_issuedProcessId);
            }

            RecordUnfinished();
            await CloseTlsAsync(_client).ConfigureAwait(false);
            await CloseTlsAsync(_upstream).ConfigureAwait(false);
        }
    }

    /// <summary>Ends TLS with close_notify after what was written has gone out; plain connections need nothing here.</summary>
    private static async Task CloseTlsAsync(IDuplexPipe connection)
    {
        if (connection is not TlsPipe tls)
        {
            return;
        }

        try
        {
            await tls.Output.CompleteAsync().ConfigureAwait(false);
            await tls.Input.CompleteAsync().ConfigureAwait(false);
            await tls.Stream.ShutdownAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionFailure(ex) || ex is AuthenticationException)
        {
            // The peer is gone; there is nobody to tell.
        }
        finally
        {
            await tls.Stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The startup phase (PostgreSQL protocol 55.2.1): an SSLRequest starts TLS when the listener has a
    /// certificate (else 'N', as a GSSENCRequest always gets), a CancelRequest is forwarded on its own, and the
    /// StartupMessage is read and noted; then TLS to the server if configured, and the login (relayed or held).
    /// True when the session goes on to the message phase.
    /// </summary>
    private async Task<bool> StartAsync()
    {
        var input = _client.Input;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                _session.Abort(CloseReason.ClientClosed, ex.Message);
                return false;
            }

            var buffer = result.Buffer;
            StartupPacket packet;
            try
            {
                if (!PostgresFramer.TryReadStartup(ref buffer, out packet))
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        // Gone before saying anything: a port probe or a client that gave up on TLS.
                        return false;
                    }

                    continue;
                }
            }
            catch (PostgresProtocolException ex)
            {
                input.AdvanceTo(buffer.Start);
                _session.TrySetCloseReason(CloseReason.ProtocolError, ex.Message);
                await SendFatalAsync(ErrorFields.ProtocolViolation, ex.Message).ConfigureAwait(false);
                return false;
            }

            switch (packet.Code)
            {
                case StartupCodes.SslRequest when _settings.TlsCertificate is { } certificate && _client is not TlsPipe:
                    input.AdvanceTo(buffer.Start);
                    if (!await AcceptTlsAsync(certificate).ConfigureAwait(false))
                    {
                        return false;
                    }

                    input = _client.Input;
                    continue;
                case StartupCodes.SslRequest or StartupCodes.GssEncRequest:
                    // No TLS or GSSAPI encryption on this listener: 'N', and the client goes on in the clear or leaves.
                    input.AdvanceTo(buffer.Start);
                    MessageWriter.WriteEncryptionAnswer(_client.Output, accept: false);
                    if ((await _client.Output.FlushAsync().ConfigureAwait(false)).IsCompleted)
                    {
                        return false;
                    }

                    continue;
                case StartupCodes.CancelRequest:
                    await ForwardCancelAsync(packet).ConfigureAwait(false);
                    input.AdvanceTo(buffer.Start);
                    return false;
            }

            string? problem;
            try
            {
                problem = ReadStartupParameters(packet.Body);
            }
            catch (PostgresProtocolException ex)
            {
                problem = ex.Message;
            }

            if (problem is not null)
            {
                input.AdvanceTo(buffer.Start);
                _session.TrySetCloseReason(CloseReason.ProtocolError, problem);
                await SendFatalAsync(ErrorFields.ProtocolViolation, problem).ConfigureAwait(false);
                return false;
            }

            if (_settings.ClientTls == ClientTlsMode.Required && _client is not TlsPipe)
            {
                input.AdvanceTo(buffer.Start);
                _session.TrySetCloseReason(CloseReason.ClientClosed, "refused: TLS is required");
                await SendFatalAsync(ErrorFields.InvalidAuthorization, "this listener accepts TLS connections only (sslmode=require)").ConfigureAwait(false);
                return false;
            }

            // Kept past the read: TLS to the server comes first, and the packet goes out after it.
            var startup = packet.Raw.ToArray();
            var version = packet.Code;
            input.AdvanceTo(buffer.Start);
            if (!await StartUpstreamTlsAsync().ConfigureAwait(false))
            {
                return false;
            }

            if (_settings.Auth == PostgresAuth.Held)
            {
                return await LogInHeldAsync(version).ConfigureAwait(false);
            }

            await _upstream.Output.WriteAsync(startup).ConfigureAwait(false);
            return !(await _upstream.Output.FlushAsync().ConfigureAwait(false)).IsCompleted;
        }
    }

    /// <summary>Answers an SSLRequest with 'S' and terminates the client's TLS; false when the handshake failed.</summary>
    private async Task<bool> AcceptTlsAsync(X509Certificate2 certificate)
    {
        MessageWriter.WriteEncryptionAnswer(_client.Output, accept: true);
        await _client.Output.FlushAsync().ConfigureAwait(false);
        try
        {
            _client = await TlsPipe.AcceptAsync(_session.Client, new SslServerAuthenticationOptions { ServerCertificate = certificate }, _session.Aborted).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is AuthenticationException || IsConnectionFailure(ex))
        {
            _session.TrySetCloseReason(CloseReason.ProtocolError, $"TLS handshake with the client failed: {ex.Message}");
            return false;
        }
    }

    /// <summary>
    /// Asks the server for TLS (SSLRequest, PostgreSQL protocol 55.2.10) when the listener wants it, and starts
    /// it as <see cref="UpstreamTlsMode"/> says. False when the session cannot go on; the client has been told why.
    /// </summary>
    private async Task<bool> StartUpstreamTlsAsync()
    {
        if (_settings.UpstreamTls == UpstreamTlsMode.Disable)
        {
            return true;
        }

        Span<byte> request = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(request, 8);
        BinaryPrimitives.WriteInt32BigEndian(request[4..], StartupCodes.SslRequest);
        _upstream.Output.Write(request);
        await _upstream.Output.FlushAsync().ConfigureAwait(false);
        var result = await _upstream.Input.ReadAsync().ConfigureAwait(false);
        if (result.Buffer.IsEmpty)
        {
            _upstream.Input.AdvanceTo(result.Buffer.End);
            return await FailUpstreamTlsAsync("the server closed the connection when asked for TLS").ConfigureAwait(false);
        }

        var answer = result.Buffer.FirstSpan[0];
        _upstream.Input.AdvanceTo(result.Buffer.GetPosition(1));
        if (answer == (byte)'N')
        {
            return _settings.UpstreamTls == UpstreamTlsMode.Prefer
                || await FailUpstreamTlsAsync("the server does not accept TLS").ConfigureAwait(false);
        }

        if (answer != (byte)'S')
        {
            return await FailUpstreamTlsAsync($"the server answered the SSLRequest with 0x{answer:x2}").ConfigureAwait(false);
        }

        var options = UpstreamTlsOptions(_settings, _handler.Listener.Upstream);
        try
        {
            _upstream = await TlsPipe.ConnectAsync(_session.Upstream, options, _session.Aborted).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is AuthenticationException || IsConnectionFailure(ex))
        {
            return await FailUpstreamTlsAsync($"TLS with the server failed: {ex.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>How TLS to the upstream is checked, for a session's connection and the proxy's own catalog connection alike.</summary>
    internal static SslClientAuthenticationOptions UpstreamTlsOptions(PostgresSettings settings, EndPoint upstream)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = settings.UpstreamServerName ?? UpstreamHost(upstream) };
        if (settings.UpstreamTls != UpstreamTlsMode.VerifyFull)
        {
            // prefer and require encrypt without checking who answers: what libpq's modes of those names do,
            // and what an operator chooses when the server has a self-signed certificate and no CA to check it.
#pragma warning disable CA5359
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (settings.UpstreamCa is { } roots)
        {
            options.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        return options;
    }

    private async Task<bool> FailUpstreamTlsAsync(string reason)
    {
        PostgresLog.UpstreamTlsFailed(_handler.Logger, _session.Id, reason);
        _session.TrySetCloseReason(CloseReason.UpstreamUnreachable, reason);
        await SendFatalAsync(ErrorFields.ConnectionFailure, $"the proxy could not reach the database over TLS: {reason}").ConfigureAwait(false);
        return false;
    }

    private static string UpstreamHost(EndPoint upstream) => upstream switch
    {
        DnsEndPoint dns => dns.Host,
        IPEndPoint ip => ip.Address.ToString(),
        _ => upstream.ToString() ?? string.Empty,
    };

    /// <summary>Notes user and database; null when the packet is acceptable, else what is wrong with it.</summary>
    private string? ReadStartupParameters(ReadOnlySequence<byte> body)
    {
        var reader = new MessageBodyReader(body);
        while (true)
        {
            var name = reader.ReadCString();
            if (name.Length == 0)
            {
                break;
            }

            var value = reader.ReadCString();
            _startupParameters.Add((name, value));
            switch (name)
            {
                case "user":
                    _user = value;
                    break;
                case "database":
                    _database = value;
                    break;
            }
        }

        if (string.IsNullOrEmpty(_user))
        {
            return "no PostgreSQL user name specified in startup packet";
        }

        // The server's rule (PostgreSQL protocol 55.7, StartupMessage): the database defaults to the user name.
        _database = string.IsNullOrEmpty(_database) ? _user : _database;
        _who = _who with { User = _user, DbUser = _user, Db = _database };
        return null;
    }

    /// <summary>
    /// A CancelRequest carrying a key this proxy issued is sent to the server with the server's key, on this
    /// session's own upstream connection, as PostgreSQL expects one per cancel. An unknown key is dropped
    /// silently, as the server itself does.
    /// </summary>
    private async Task ForwardCancelAsync(StartupPacket packet)
    {
        var reader = new MessageBodyReader(packet.Body);
        var processId = reader.ReadInt32();
        var secret = reader.ReadRest().ToArray();
        var upstream = _handler.CancelKeys.Find(processId, secret);
        if (upstream is null)
        {
            _session.TrySetCloseReason(CloseReason.ClientClosed, "cancel request with an unknown key");
            return;
        }

        // The statement being cancelled is still held at the proxy: the server has nothing to cancel, and a cancel
        // sent there could hit the session's next statement instead.
        if (upstream.Session?.TryWithdrawHeldApproval() == true)
        {
            _session.TrySetCloseReason(CloseReason.ClientClosed, "cancel request withdrew a held statement's approval request");
            return;
        }

        MessageWriter.WriteCancelRequest(_upstream.Output, upstream.ProcessId, upstream.Secret);
        await _upstream.Output.FlushAsync().ConfigureAwait(false);
        _session.TrySetCloseReason(CloseReason.ClientClosed, "cancel request forwarded");
    }

    /// <summary>What one framing step of a relay loop did.</summary>
    private enum Framed
    {
        /// <summary>The buffer ends inside a header or a whole-read message: read more.</summary>
        NeedMore,

        /// <summary>Bytes of a message that streams through were passed on: step again.</summary>
        Forwarded,

        /// <summary>A whole message is ready to handle.</summary>
        Message,
    }

    /// <summary>
    /// One framing step, the same in both directions: passes on what the buffer holds of a message that streams
    /// through unread (COPY data, rows, function results: any size, never held whole), or frames the next
    /// message whole, checked against the listener's limit.
    /// </summary>
    private Framed NextMessage(ref ReadOnlySequence<byte> buffer, ref long streaming, PipeWriter output, bool fromClient, out PostgresMessage message)
    {
        message = default;
        if (streaming > 0)
        {
            var piece = buffer.Slice(0, Math.Min(streaming, buffer.Length));
            MessageWriter.WriteRaw(output, piece);
            buffer = buffer.Slice(piece.Length);
            streaming -= piece.Length;
            return streaming == 0 ? Framed.Forwarded : Framed.NeedMore;
        }

        if (!PostgresFramer.TryReadHeader(buffer, PostgresFramer.MaxProtocolMessageLength, out var type, out var length))
        {
            return Framed.NeedMore;
        }

        if (fromClient
            ? type == (byte)FrontendMessageType.CopyData
            : type is (byte)BackendMessageType.DataRow or (byte)BackendMessageType.CopyData or (byte)BackendMessageType.FunctionCallResponse
                && type switch
                {
                    (byte)BackendMessageType.DataRow => _rows is null && (_resultAsked || !StartKeptShapeResult()),
                    (byte)BackendMessageType.CopyData => _copy is null,
                    _ => true,
                })
        {
            streaming = length;
            return Framed.Forwarded;
        }

        if (!fromClient && type is (byte)BackendMessageType.DataRow or (byte)BackendMessageType.CopyData && length > _handler.Listener.MaxMessageSize)
        {
            // A masked row is read whole to be rewritten; one past the limit cannot be, and must not pass unmasked.
            PostgresProtocolException.Throw($"a result row of {length} bytes is larger than MaxMessageSize ({_handler.Listener.MaxMessageSize}), which masking must read whole");
        }

        return PostgresFramer.TryReadMessage(ref buffer, _handler.Listener.MaxMessageSize, out message) ? Framed.Message : Framed.NeedMore;
    }

    /// <summary>
    /// After a fatal error: ends the client's connection for writing and discards what it is still sending (an
    /// oversize message, say), for at most a few seconds and megabytes. Closing at once would reset a client that
    /// is still writing, and it would see a broken pipe instead of the error it was sent.
    /// </summary>
    private async Task DrainClientAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        long discarded = 0;
        try
        {
            await _client.Output.CompleteAsync().ConfigureAwait(false);
            while (discarded < DrainLimit)
            {
                var result = await _client.Input.ReadAsync(timeout.Token).ConfigureAwait(false);
                discarded += result.Buffer.Length;
                _client.Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            // Gone, or still sending after the time allowed: the session closes either way.
        }
    }

    /// <summary>A FATAL ErrorResponse to the client; the session ends after it.</summary>
    private async Task SendFatalAsync(string sqlState, string message)
    {
        try
        {
            MessageWriter.WriteError(_client.Output, new ErrorFields(ErrorFields.Fatal, sqlState, message));
            await _client.Output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            // The client is already gone; the close event still says why the session ended.
        }
    }

    private static bool IsConnectionFailure(Exception ex) => ex is IOException or OperationCanceledException or InvalidOperationException;
}
