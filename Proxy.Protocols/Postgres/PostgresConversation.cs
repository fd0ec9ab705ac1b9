using System.Buffers;
using System.IO.Pipelines;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.Sessions;
using Proxy.Protocols.Postgres.Framing;
using Proxy.Protocols.Postgres.Sql;

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

    private readonly PostgresHandler _handler;
    private readonly ProxySession _session;
    private readonly PostgresSettings _settings;
    private readonly PendingResponses _pending = new();
    private readonly StatementBatch _batch = new();

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
                _session.Upstream.Input.CancelPendingRead();
                await server.ConfigureAwait(false);
                await SendFatalAsync(ErrorFields.ProtocolViolation, clientFailure).ConfigureAwait(false);
                return;
            }

            // The client is done (Terminate or its FIN): pass the end on; the server closes and its loop ends.
            await _session.Upstream.Output.CompleteAsync().ConfigureAwait(false);
            await server.ConfigureAwait(false);
        }
        finally
        {
            if (_issuedProcessId != 0)
            {
                _handler.CancelKeys.Release(_issuedProcessId);
            }

            RecordUnfinished();
        }
    }

    /// <summary>
    /// The startup phase (PostgreSQL protocol 55.2.1): encryption requests are declined, a CancelRequest is
    /// forwarded on its own, and the StartupMessage is read, noted and passed to the server. True when the
    /// session goes on to the message phase.
    /// </summary>
    private async Task<bool> StartAsync()
    {
        var input = _session.Client.Input;
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
                case StartupCodes.SslRequest or StartupCodes.GssEncRequest:
                    // No TLS or GSSAPI encryption on this listener: 'N', and the client goes on in the clear or leaves.
                    input.AdvanceTo(buffer.Start);
                    MessageWriter.WriteEncryptionAnswer(_session.Client.Output, accept: false);
                    if ((await _session.Client.Output.FlushAsync().ConfigureAwait(false)).IsCompleted)
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

            if (_settings.Auth == PostgresAuth.Held)
            {
                input.AdvanceTo(buffer.Start);
                return await LogInHeldAsync(packet.Code).ConfigureAwait(false);
            }

            MessageWriter.WriteRaw(_session.Upstream.Output, packet.Raw);
            input.AdvanceTo(buffer.Start);
            return !(await _session.Upstream.Output.FlushAsync().ConfigureAwait(false)).IsCompleted;
        }
    }

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

        MessageWriter.WriteCancelRequest(_session.Upstream.Output, upstream.ProcessId, upstream.Secret);
        await _session.Upstream.Output.FlushAsync().ConfigureAwait(false);
        _session.TrySetCloseReason(CloseReason.ClientClosed, "cancel request forwarded");
    }

    /// <summary>A FATAL ErrorResponse to the client; the session ends after it.</summary>
    private async Task SendFatalAsync(string sqlState, string message)
    {
        try
        {
            MessageWriter.WriteError(_session.Client.Output, new ErrorFields(ErrorFields.Fatal, sqlState, message));
            await _session.Client.Output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            // The client is already gone; the close event still says why the session ended.
        }
    }

    private static bool IsConnectionFailure(Exception ex) => ex is IOException or OperationCanceledException or InvalidOperationException;
}
