using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Proxy.Protocols.Postgres.Auth;

namespace Proxy.Tests.Postgres.Auth;

/// <summary>
/// A scripted PostgreSQL server that authenticates with <see cref="ScramServerExchange"/> and then answers
/// every query with EmptyQueryResponse: enough for real clients (libpq through psql, Npgsql) to prove they
/// accept our server side of SCRAM. For tests only; it is not the proxy's protocol handler.
/// </summary>
internal sealed class ScriptedScramServer : IAsyncDisposable
{
    private const int ProtocolVersion3 = 196608;
    private const int SslRequest = 80877103;
    private const int GssEncryptionRequest = 80877104;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, ScramServerExchange> _exchangeFor;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <param name="exchangeFor">The exchange for the user named in the startup message.</param>
    public ScriptedScramServer(Func<string, ScramServerExchange> exchangeFor)
    {
        _exchangeFor = exchangeFor;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Each login, in order: null for success, else the exchange's failure reason.</summary>
    public ConcurrentQueue<string?> Logins { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ServeAsync(client.GetStream(), _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or EndOfStreamException or OperationCanceledException or SocketException)
            {
                // The client went away; what it saw is what the test asserts.
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        string user;
        while (true)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(await ReadExactlyAsync(stream, 4, cancellationToken));
            var body = await ReadExactlyAsync(stream, length - 4, cancellationToken);
            var code = BinaryPrimitives.ReadInt32BigEndian(body);
            if (code is SslRequest or GssEncryptionRequest)
            {
                await stream.WriteAsync("N"u8.ToArray(), cancellationToken);
                continue;
            }

            Assert.That(code, Is.EqualTo(ProtocolVersion3));
            var parameters = Encoding.UTF8.GetString(body, 4, body.Length - 4).Split('\0');
            user = parameters[Array.IndexOf(parameters, "user") + 1];
            break;
        }

        var exchange = _exchangeFor(user);
        await SendAuthenticationAsync(stream, 10, Encoding.ASCII.GetBytes(ScramVerifier.MechanismName + "\0\0"), cancellationToken);

        var (_, initial) = await ReadMessageAsync(stream, cancellationToken);
        var mechanismEnd = Array.IndexOf(initial, (byte)0);
        Assert.That(Encoding.ASCII.GetString(initial, 0, mechanismEnd), Is.EqualTo(ScramVerifier.MechanismName));
        var first = exchange.HandleClientFirst(initial.AsSpan(mechanismEnd + 1 + 4));
        if (!await ContinueOrFailAsync(stream, first, 11, user, cancellationToken))
        {
            return;
        }

        var (_, response) = await ReadMessageAsync(stream, cancellationToken);
        if (!await ContinueOrFailAsync(stream, exchange.HandleClientFinal(response), 12, user, cancellationToken))
        {
            return;
        }

        Logins.Enqueue(null);
        await SendAuthenticationAsync(stream, 0, [], cancellationToken);
        foreach (var (name, value) in new[] { ("server_version", "15.0"), ("server_encoding", "UTF8"), ("client_encoding", "UTF8"), ("DateStyle", "ISO, MDY"), ("integer_datetimes", "on"), ("standard_conforming_strings", "on") })
        {
            await SendAsync(stream, (byte)'S', Encoding.UTF8.GetBytes($"{name}\0{value}\0"), cancellationToken);
        }

        await SendAsync(stream, (byte)'K', new byte[8], cancellationToken);
        await SendAsync(stream, (byte)'Z', "I"u8.ToArray(), cancellationToken);
        while (true)
        {
            var (type, _) = await ReadMessageAsync(stream, cancellationToken);
            if (type == (byte)'X')
            {
                return;
            }

            if (type == (byte)'Q')
            {
                await SendAsync(stream, (byte)'I', [], cancellationToken);
                await SendAsync(stream, (byte)'Z', "I"u8.ToArray(), cancellationToken);
            }
        }
    }

    private async Task<bool> ContinueOrFailAsync(NetworkStream stream, ScramStep step, int request, string user, CancellationToken cancellationToken)
    {
        if (step.Succeeded)
        {
            await SendAuthenticationAsync(stream, request, step.Message.ToArray(), cancellationToken);
            return true;
        }

        Logins.Enqueue(step.FailureReason);
        var error = $"SFATAL\0VFATAL\0C{ScramServerExchange.FailureSqlState}\0M{ScramServerExchange.FailureMessage(user)}\0\0";
        await SendAsync(stream, (byte)'E', Encoding.UTF8.GetBytes(error), cancellationToken);
        return false;
    }

    private static Task SendAuthenticationAsync(NetworkStream stream, int request, byte[] data, CancellationToken cancellationToken)
    {
        var body = new byte[4 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(body, request);
        data.CopyTo(body, 4);
        return SendAsync(stream, (byte)'R', body, cancellationToken);
    }

    private static async Task SendAsync(NetworkStream stream, byte type, byte[] body, CancellationToken cancellationToken)
    {
        var message = new byte[5 + body.Length];
        message[0] = type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + body.Length);
        body.CopyTo(message, 5);
        await stream.WriteAsync(message, cancellationToken);
    }

    private static async Task<(byte Type, byte[] Body)> ReadMessageAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = await ReadExactlyAsync(stream, 5, cancellationToken);
        var body = await ReadExactlyAsync(stream, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4, cancellationToken);
        return (header[0], body);
    }

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count, CancellationToken cancellationToken)
    {
        Assert.That(count, Is.InRange(0, 1 << 20));
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }
}
