using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Proxy.Protocols.Postgres.Auth;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Protocols.Postgres.Masking;

/// <summary>
/// The proxy's own connection to the upstream for catalog lookups: a minimal PostgreSQL client that logs in
/// (cleartext, MD5 or SCRAM-SHA-256), runs simple queries and reads their rows as text. Never on a session's
/// data path: one per database, used by one lookup at a time (<see cref="MaskCatalog"/> serialises them).
/// </summary>
internal sealed class CatalogConnection : IAsyncDisposable
{
    /// <summary>Catalog answers are small; anything larger is not a catalog answer.</summary>
    private const int MaxMessage = 16 * 1024 * 1024;

    private readonly Socket _socket;
    private Stream _stream;

    private CatalogConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
    }

    public bool Broken { get; private set; }

    public static async Task<CatalogConnection> OpenAsync(EndPoint upstream, PostgresSettings settings, HeldCredential credential, string database, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connection = new CatalogConnection(socket, Stream.Null);
        try
        {
            await socket.ConnectAsync(upstream, cancellationToken).ConfigureAwait(false);
            connection._stream = new NetworkStream(socket, ownsSocket: false);
            await connection.StartTlsAsync(upstream, settings, cancellationToken).ConfigureAwait(false);
            await connection.LogInAsync(credential, database, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a simple Query; every result set's rows, values as text (null for SQL NULL). A server error throws.</summary>
    public async Task<List<List<string?[]>>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        var query = new ArrayBufferWriter<byte>();
        MessageWriter.WriteQuery(query, sql);
        await WriteAsync(query.WrittenMemory, cancellationToken).ConfigureAwait(false);
        var sets = new List<List<string?[]>>();
        List<string?[]>? rows = null;
        string? error = null;
        while (true)
        {
            var (type, body) = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            switch ((BackendMessageType)type)
            {
                case BackendMessageType.RowDescription:
                    rows = [];
                    sets.Add(rows);
                    break;
                case BackendMessageType.DataRow:
                    rows?.Add(ReadRow(body));
                    break;
                case BackendMessageType.ErrorResponse:
                    error = ErrorText(body);
                    break;
                case BackendMessageType.ReadyForQuery:
                    if (error is not null)
                    {
                        throw new CatalogException($"catalog query failed: {error}");
                    }

                    return sets;
            }
        }
    }

    /// <summary>
    /// The RowDescription body of a query's result, without running it for rows: `SELECT * FROM (query) LIMIT 0` in a
    /// read-only transaction, so the columns' origins and types come out and nothing is changed or read.
    /// </summary>
    public async Task<byte[]> DescribeAsync(string query, CancellationToken cancellationToken)
    {
        var sql = $"BEGIN READ ONLY; SELECT * FROM ({query}\n) AS described LIMIT 0; ROLLBACK";
        var request = new ArrayBufferWriter<byte>();
        MessageWriter.WriteQuery(request, sql);
        await WriteAsync(request.WrittenMemory, cancellationToken).ConfigureAwait(false);
        byte[]? description = null;
        string? error = null;
        while (true)
        {
            var (type, body) = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            switch ((BackendMessageType)type)
            {
                case BackendMessageType.RowDescription:
                    description = body;
                    break;
                case BackendMessageType.ErrorResponse:
                    error = ErrorText(body);
                    break;
                case BackendMessageType.ReadyForQuery:
                    if (error is not null || description is null)
                    {
                        // An error left the transaction open and aborted: end it, or the next lookup fails too.
                        await QueryAsync("ROLLBACK", cancellationToken).ConfigureAwait(false);
                        throw new CatalogException($"the COPY query could not be described: {error ?? "no result"}");
                    }

                    return description;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Broken = true;
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _socket.Dispose();
        }
    }

    private async Task StartTlsAsync(EndPoint upstream, PostgresSettings settings, CancellationToken cancellationToken)
    {
        if (settings.UpstreamTls == UpstreamTlsMode.Disable)
        {
            return;
        }

        var request = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(request, 8);
        BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(4), StartupCodes.SslRequest);
        await WriteAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = new byte[1];
        await _stream.ReadExactlyAsync(answer, cancellationToken).ConfigureAwait(false);
        if (answer[0] == (byte)'N')
        {
            if (settings.UpstreamTls == UpstreamTlsMode.Prefer)
            {
                return;
            }

            throw new CatalogException("the server does not accept TLS");
        }

        if (answer[0] != (byte)'S')
        {
            throw new CatalogException($"the server answered the SSLRequest with 0x{answer[0]:x2}");
        }

        var options = PostgresConversation.UpstreamTlsOptions(settings, upstream);
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        _stream = tls;
    }

    private async Task LogInAsync(HeldCredential credential, string database, CancellationToken cancellationToken)
    {
        var body = new List<byte>();
        foreach (var text in new[] { "user", credential.User, "database", database, "application_name", "access-proxy catalog", string.Empty })
        {
            body.AddRange(Encoding.UTF8.GetBytes(text));
            body.Add(0);
        }

        var startup = new byte[8 + body.Count];
        BinaryPrimitives.WriteInt32BigEndian(startup, startup.Length);
        BinaryPrimitives.WriteInt32BigEndian(startup.AsSpan(4), StartupCodes.ProtocolVersion3);
        body.CopyTo(startup, 8);
        await WriteAsync(startup, cancellationToken).ConfigureAwait(false);

        using var scram = new ScramClientExchange(credential.User, credential.Password, ScramKeyCache.Shared);
        while (true)
        {
            var (type, message) = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (type == (byte)BackendMessageType.ErrorResponse)
            {
                throw new CatalogException($"login as \"{credential.User}\" failed: {ErrorText(message)}");
            }

            if (type == (byte)BackendMessageType.ReadyForQuery)
            {
                return;
            }

            if (type != (byte)BackendMessageType.Authentication || message.Length < 4)
            {
                continue;
            }

            var step = PasswordLogin.Next(BinaryPrimitives.ReadInt32BigEndian(message), message.AsSpan(4), credential, scram);
            if (step.Failure is { } failure)
            {
                throw new CatalogException(failure);
            }

            if (step.Answer is not { } answer)
            {
                continue;
            }

            var password = new ArrayBufferWriter<byte>();
            MessageWriter.WriteMessage(password, (byte)FrontendMessageType.Password, answer);
            await WriteAsync(password.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<(byte Type, byte[] Body)> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var header = new byte[5];
        await _stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        if (length < 4 || length > MaxMessage)
        {
            throw new CatalogException($"the server sent a message of length {length}");
        }

        var body = new byte[length - 4];
        await _stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return (header[0], body);
    }

    private static string?[] ReadRow(byte[] body)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(body);
        var values = new string?[count];
        var at = 2;
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(at));
            at += 4;
            if (length >= 0)
            {
                values[i] = Encoding.UTF8.GetString(body, at, length);
                at += length;
            }
        }

        return values;
    }

    private static string ErrorText(byte[] body)
    {
        var (state, text) = PostgresConversation.ReadError(new ReadOnlySequence<byte>(body));
        return $"{state}: {text}";
    }
}

/// <summary>The catalog could not be read: the statement that needed it fails closed.</summary>
internal sealed class CatalogException(string message) : Exception(message);
