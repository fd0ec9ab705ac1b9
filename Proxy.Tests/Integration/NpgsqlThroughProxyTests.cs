using Npgsql;
using NpgsqlTypes;
using Proxy.Core.Sessions;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>
/// Npgsql through the proxy: the extended protocol, transactions and COPY behave as they do direct.
/// Pooling is off in these connection strings, so every open is a session of its own.
/// </summary>
[TestFixture("tcp")]
[TestFixture("postgres")]
public sealed class NpgsqlThroughProxyTests
{
    private readonly string _protocol;

    /// <summary>Each test runs at layer 4 (`tcp`) and at layer 7 (`postgres`): both must be invisible to the client.</summary>
    public NpgsqlThroughProxyTests(string protocol)
    {
        _protocol = protocol;
    }

    private InProcessProxy _proxy = null!;

    private static PostgresServer Server => PostgresFixture.Server;

    private static string Direct => Server.ConnectionString();

    private string Proxied => Server.ConnectionString(port: _proxy.Port);

    [SetUp]
    public void StartProxy() => _proxy = InProcessProxy.Start(InProcessProxy.Listener(Server.EndPoint) with { Protocol = _protocol });

    [TearDown]
    public async Task StopProxyAsync() => await _proxy.DisposeAsync();

    [Test]
    [CancelAfter(30_000)]
    public async Task Queries_return_the_same_rows_as_direct(CancellationToken cancellationToken)
    {
        const string Sql = """
            select i, i::text, i * 1.5::numeric, md5(i::text)::uuid, i % 2 = 0, repeat('ü', i % 50),
                   array[i, i + 1], '2024-01-01'::date + i, null::int
            from generate_series(1, 3000) as i
            """;

        var direct = await ReadAllAsync(Direct, Sql, cancellationToken);
        var proxied = await ReadAllAsync(Proxied, Sql, cancellationToken);

        Assert.That(direct, Has.Count.EqualTo(3000));
        Assert.That(proxied, Is.EqualTo(direct));
        await AssertSessionsEndedInOrderAsync(expected: 1, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Prepared_statement_runs_repeatedly_with_parameters_as_direct(CancellationToken cancellationToken)
    {
        var direct = await RunPreparedAsync(Direct, cancellationToken);
        var proxied = await RunPreparedAsync(Proxied, cancellationToken);

        Assert.That(proxied, Has.Count.EqualTo(100));
        Assert.That(proxied.Select(r => r[0]), Is.EqualTo(Enumerable.Range(0, 100).Select(i => i * 2)));
        Assert.That(proxied, Is.EqualTo(direct));
        await AssertSessionsEndedInOrderAsync(expected: 1, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Transaction_rollback_and_commit_take_effect(CancellationToken cancellationToken)
    {
        var table = $"tx_{Guid.NewGuid():N}";
        await ExecuteAsync(Direct, $"create table {table} (id int primary key, note text)", cancellationToken);
        try
        {
            await using (var connection = new NpgsqlConnection(Proxied))
            {
                await connection.OpenAsync(cancellationToken);
                await using (var rolledBack = await connection.BeginTransactionAsync(cancellationToken))
                {
                    await using var insert = new NpgsqlCommand($"insert into {table} values (1, 'rolled back')", connection, rolledBack);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    await rolledBack.RollbackAsync(cancellationToken);
                }

                await using var committed = await connection.BeginTransactionAsync(cancellationToken);
                await using (var insert = new NpgsqlCommand($"insert into {table} values (2, 'committed')", connection, committed))
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                // Isolation holds across the proxy: the direct connection does not see the open transaction.
                Assert.That(await ScalarAsync<long>(Direct, $"select count(*) from {table}", cancellationToken), Is.Zero);
                await committed.CommitAsync(cancellationToken);
            }

            var rows = await ReadAllAsync(Direct, $"select id, note from {table} order by id", cancellationToken);
            Assert.That(rows, Is.EqualTo(new[] { new object[] { 2, "committed" } }));
            await AssertSessionsEndedInOrderAsync(expected: 1, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(Direct, $"drop table {table}", CancellationToken.None);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Copy_in_and_out_of_several_megabytes_matches_direct(CancellationToken cancellationToken)
    {
        const int Rows = 20_000;
        var table = $"copy_{Guid.NewGuid():N}";
        await ExecuteAsync(Direct, $"create table {table} (id int, payload text, blob bytea)", cancellationToken);
        try
        {
            await using (var connection = new NpgsqlConnection(Proxied))
            {
                await connection.OpenAsync(cancellationToken);
                await using var import = await connection.BeginBinaryImportAsync($"copy {table} (id, payload, blob) from stdin (format binary)", cancellationToken);
                for (var i = 0; i < Rows; i++)
                {
                    await import.StartRowAsync(cancellationToken);
                    await import.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                    await import.WriteAsync(new string((char)('a' + (i % 26)), 100) + i, NpgsqlDbType.Text, cancellationToken);
                    await import.WriteAsync(TestSockets.RandomBytes(64, seed: i), NpgsqlDbType.Bytea, cancellationToken);
                }

                Assert.That(await import.CompleteAsync(cancellationToken), Is.EqualTo((ulong)Rows));
            }

            const string Digest = "select count(*), md5(string_agg(id::text || payload || encode(blob, 'hex'), ',' order by id))";
            var direct = await ReadAllAsync(Direct, $"{Digest} from {table}", cancellationToken);
            var proxied = await ReadAllAsync(Proxied, $"{Digest} from {table}", cancellationToken);
            Assert.That(direct[0][0], Is.EqualTo((long)Rows));
            Assert.That(proxied, Is.EqualTo(direct));

            var textDirect = await CopyOutTextAsync(Direct, table, cancellationToken);
            var textProxied = await CopyOutTextAsync(Proxied, table, cancellationToken);
            Assert.That(textDirect, Has.Length.GreaterThan(4_000_000));
            Assert.That(textProxied == textDirect, Is.True, $"text COPY differs ({textProxied.Length} vs {textDirect.Length} chars)");

            var binaryDirect = await CopyOutBinaryAsync(Direct, table, cancellationToken);
            var binaryProxied = await CopyOutBinaryAsync(Proxied, table, cancellationToken);
            Assert.That(binaryProxied.AsSpan().SequenceEqual(binaryDirect), Is.True, $"binary COPY differs ({binaryProxied.Length} vs {binaryDirect.Length} bytes)");

            await AssertSessionsEndedInOrderAsync(expected: 4, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(Direct, $"drop table {table}", CancellationToken.None);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Password_authentication_passes_through(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(Proxied)
        {
            Username = PostgresServer.PasswordUser,
            Password = PostgresServer.PasswordUserPassword,
        };
        Assert.That(await ScalarAsync<string>(builder.ConnectionString, "select current_user", cancellationToken), Is.EqualTo(PostgresServer.PasswordUser));

        builder.Password = "wrong";
        var failure = Assert.ThrowsAsync<PostgresException>(async () => await ScalarAsync<string>(builder.ConnectionString, "select 1", cancellationToken));
        Assert.That(failure!.SqlState, Is.EqualTo(PostgresErrorCodes.InvalidPassword));
    }

    /// <summary>
    /// Every session ended with a FIN, not a reset or a fault. Npgsql sends Terminate (protocol 55.2.10) and
    /// then closes, and the server closes on Terminate, so which FIN reaches a layer-4 proxy first is a race
    /// that either side can win; only a PostgreSQL-aware handler can tell that the client ended it.
    /// </summary>
    private async Task AssertSessionsEndedInOrderAsync(int expected, CancellationToken cancellationToken)
    {
        var closed = await _proxy.Log.WaitForClosedCountAsync(expected, TimeSpan.FromSeconds(10), cancellationToken);
        Assert.That(closed, Has.Count.EqualTo(expected), _proxy.Describe);
        Assert.That(closed.Select(c => c.Reason), Is.All.AnyOf(CloseReason.ClientClosed, CloseReason.UpstreamClosed), _proxy.Describe);
        Assert.That(closed.Select(c => c.Detail), Is.All.Null, _proxy.Describe);
        Assert.That(closed.Select(c => c.BytesFromUpstream), Is.All.GreaterThan(0));
        Assert.That(_proxy.Errors, Is.Empty);
    }

    /// <summary>One statement, prepared once (Parse/Describe), then bound and executed 100 times.</summary>
    private static async Task<List<object[]>> RunPreparedAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select $1 * 2, md5($2), $3::text", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.PrepareAsync(cancellationToken);
        Assert.That(command.IsPrepared, Is.True);

        var rows = new List<object[]>();
        for (var i = 0; i < 100; i++)
        {
            command.Parameters[0].Value = i;
            command.Parameters[1].Value = $"value {i}";
            command.Parameters[2].Value = TestSockets.RandomBytes(i * 100, seed: i);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            Assert.That(await reader.ReadAsync(cancellationToken), Is.True);
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<List<object[]>> ReadAllAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> CopyOutTextAsync(string connectionString, string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        using var export = await connection.BeginTextExportAsync($"copy (select * from {table} order by id) to stdout", cancellationToken);
        return await export.ReadToEndAsync(cancellationToken);
    }

    private static async Task<byte[]> CopyOutBinaryAsync(string connectionString, string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var export = await connection.BeginRawBinaryCopyAsync($"copy (select * from {table} order by id) to stdout (format binary)", cancellationToken);
        using var buffer = new MemoryStream();
        await export.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
