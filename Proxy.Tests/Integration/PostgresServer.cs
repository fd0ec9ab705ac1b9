using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Proxy.Tests.Support;

namespace Proxy.Tests.Integration;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb in a fresh temporary directory, listening on 127.0.0.1 on a free
/// port with its unix socket inside that directory, trust authentication for loopback (plus one user that
/// must give a SCRAM password). Disposing stops it at once and deletes the directory.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Superuser = "postgres";

    /// <summary>The one role that must authenticate with a password (SCRAM-SHA-256), for auth tests.</summary>
    public const string PasswordUser = "proxy_password_user";

    public const string PasswordUserPassword = "proxy-test-password";

    public const string InstallCommand = "apt-get install -y postgresql";

    /// <summary>initdb and postgres refuse to run as root; when the tests are root they run as this OS user.</summary>
    public const string ServerOsUser = "postgres";

    private const string DirectoryPrefix = "proxy-tests-pg-";
    private const string OwnerFileName = "owner.pid";
    private const int StartAttempts = 5;

    private static readonly TimeSpan ServerCommandTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DefaultClientTimeout = TimeSpan.FromSeconds(120);

    private readonly string? _runAs;
    private readonly IReadOnlyList<string> _hbaLines;
    private int _disposed;

    private PostgresServer(string binDirectory, string rootDirectory, string? runAs, IReadOnlyList<string> hbaLines)
    {
        BinDirectory = binDirectory;
        RootDirectory = rootDirectory;
        _runAs = runAs;
        _hbaLines = hbaLines;
    }

    public const string Host = "127.0.0.1";

    public int Port { get; private set; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public string BinDirectory { get; }

    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public string SocketDirectory => Path.Combine(RootDirectory, "socket");

    public string LogFile => Path.Combine(RootDirectory, "server.log");

    public string PsqlPath => ClientTool("psql");

    public string PgbenchPath => ClientTool("pgbench");

    /// <summary>Initialises and starts a cluster; throws (never skips) when PostgreSQL is not installed.</summary>
    public static Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync([], cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(CancellationToken)"/>, with <paramref name="hbaLines"/> (e.g.
    /// <c>host all some_role 127.0.0.1/32 md5</c>) placed before the trust lines, so they take precedence.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(IReadOnlyList<string> hbaLines, CancellationToken cancellationToken = default)
    {
        var binDirectory = await FindBinDirectoryAsync(cancellationToken)
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found via pg_config --bindir, "
                + $"/usr/lib/postgresql/*/bin or PATH. Install them with: {InstallCommand}");

        await CleanUpAbandonedAsync(binDirectory, cancellationToken);

        var runAs = Environment.IsPrivilegedProcess ? ServerOsUser : null;
        var root = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        var server = new PostgresServer(binDirectory, root, runAs, hbaLines);
        try
        {
            await server.InitializeAsync(cancellationToken);
            await server.StartServerAsync(cancellationToken);
            await server.CreatePasswordUserAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Npgsql connection string for the superuser, no pooling (each open is a real connection).</summary>
    public string ConnectionString(string database = "postgres", int? port = null) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = port ?? Port,
        Username = Superuser,
        Database = database,
        Pooling = false,
        Timeout = 15,
        CommandTimeout = 120,
    }.ConnectionString;

    /// <summary>Runs psql as the superuser against <paramref name="port"/> (the server's own by default).</summary>
    public Task<ProcessResult> PsqlAsync(
        IEnumerable<string> arguments,
        int? port = null,
        string database = "postgres",
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        RunClientAsync(PsqlPath, ["-X", "-v", "ON_ERROR_STOP=1", .. arguments], port, database, timeout, cancellationToken);

    /// <summary>Runs pgbench as the superuser against <paramref name="port"/> (the server's own by default).</summary>
    public Task<ProcessResult> PgbenchAsync(
        IEnumerable<string> arguments,
        int? port = null,
        string database = "postgres",
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        RunClientAsync(PgbenchPath, arguments, port, database, timeout, cancellationToken);

    /// <summary>The end of the server's log, for the message of a failed assertion.</summary>
    public string ServerLogTail(int maxChars = 4000)
    {
        try
        {
            var text = File.ReadAllText(LogFile);
            return text.Length <= maxChars ? text : "…" + text[^maxChars..];
        }
        catch (IOException ex)
        {
            return $"(no server log: {ex.Message})";
        }
    }

    private Task<ProcessResult> RunClientAsync(
        string tool,
        IEnumerable<string> arguments,
        int? port,
        string database,
        TimeSpan? timeout,
        CancellationToken cancellationToken) =>
        ExternalProcess.RunAsync(
            tool,
            arguments,
            timeout ?? DefaultClientTimeout,
            RootDirectory,
            ClientEnvironment(port ?? Port, database),
            cancellationToken);

    /// <summary>Creates a database named <paramref name="prefix"/> and a fresh suffix, runs <paramref name="setup"/> in it, and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, string setup)
    {
        var database = $"{prefix}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(setup, connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Drops a database, ending its sessions (a fixture's proxy may still hold one).</summary>
    public async Task DropDatabaseAsync(string database)
    {
        await using var admin = new NpgsqlConnection(ConnectionString());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {database} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopServerAsync(BinDirectory, DataDirectory, _runAs, RootDirectory);
        DeleteDirectory(RootDirectory);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Lets a later run find and stop this cluster if this process dies without disposing it.
        await File.WriteAllTextAsync(Path.Combine(RootDirectory, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        Directory.CreateDirectory(SocketDirectory);
        await GiveToServerUserAsync(cancellationToken);

        var initdb = await RunServerToolAsync(
            "initdb",
            ["-D", DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"],
            cancellationToken);
        if (initdb.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed:{Environment.NewLine}{initdb}");
        }

        // Durability is irrelevant for a cluster deleted after the run; these make pgbench -i and COPY fast.
        await File.AppendAllTextAsync(
            Path.Combine(DataDirectory, "postgresql.conf"),
            $"""

            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{SocketDirectory}'
            max_connections = 300
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            password_encryption = 'scram-sha-256'
            log_min_messages = warning

            """,
            cancellationToken);

        // First match wins (PostgreSQL docs 21.1): the password user's line must precede the trust lines.
        await File.WriteAllTextAsync(
            Path.Combine(DataDirectory, "pg_hba.conf"),
            $"""
            local all all                      trust
            host  all {PasswordUser} 127.0.0.1/32 scram-sha-256
            {string.Join(Environment.NewLine, _hbaLines)}
            host  all all            127.0.0.1/32 trust

            """,
            cancellationToken);
        await GiveToServerUserAsync(cancellationToken);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        ProcessResult? last = null;
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            Port = FreeLoopbackPort();
            last = await RunServerToolAsync(
                "pg_ctl",
                ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile, "-o", $"-p {Port}"],
                cancellationToken);
            if (last.ExitCode == 0)
            {
                return;
            }

            // The free port can be taken between probing it and the server binding it; only that is retried.
            var log = ServerLogTail();
            if (!log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                && !log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
        }

        throw new InvalidOperationException($"pg_ctl start failed:{Environment.NewLine}{last}{Environment.NewLine}--- server log ---{Environment.NewLine}{ServerLogTail()}");
    }

    private async Task CreatePasswordUserAsync(CancellationToken cancellationToken)
    {
        var result = await PsqlAsync(
            ["-c", $"create role {PasswordUser} login password '{PasswordUserPassword}'"],
            timeout: TimeSpan.FromSeconds(30),
            cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"creating {PasswordUser} failed:{Environment.NewLine}{result}");
        }
    }

    private Task<ProcessResult> RunServerToolAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunServerToolAsync(BinDirectory, RootDirectory, _runAs, tool, arguments, cancellationToken);

    private static Task<ProcessResult> RunServerToolAsync(
        string binDirectory,
        string workingDirectory,
        string? runAs,
        string tool,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(binDirectory, tool);

        // The working directory must be one the server user can enter: PostgreSQL tools resolve their own
        // path from it and fail with "could not identify current directory" otherwise.
        return runAs is null
            ? ExternalProcess.RunAsync(path, arguments, ServerCommandTimeout, workingDirectory, cancellationToken: cancellationToken)
            : ExternalProcess.RunAsync(FindRunuser(), ["-u", runAs, "--", path, .. arguments], ServerCommandTimeout, workingDirectory, cancellationToken: cancellationToken);
    }

    private async Task GiveToServerUserAsync(CancellationToken cancellationToken)
    {
        if (_runAs is null)
        {
            return;
        }

        var chown = await ExternalProcess.RunAsync("chown", ["-R", $"{_runAs}:", RootDirectory], ServerCommandTimeout, cancellationToken: cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not hand {RootDirectory} to the '{_runAs}' OS user:{Environment.NewLine}{chown}");
        }
    }

    private static async Task StopServerAsync(string binDirectory, string dataDirectory, string? runAs, string workingDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        try
        {
            var stop = await RunServerToolAsync(binDirectory, workingDirectory, runAs, "pg_ctl", ["stop", "-w", "-t", "30", "-m", "immediate", "-D", dataDirectory], CancellationToken.None);
            if (stop.ExitCode == 0)
            {
                return;
            }
        }
        catch (TimeoutException)
        {
        }

        KillPostmaster(pidFile);
    }

    private static void KillPostmaster(string pidFile)
    {
        try
        {
            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            if (int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Stops clusters left behind by test runs that were killed before they could dispose them.</summary>
    private static async Task CleanUpAbandonedAsync(string binDirectory, CancellationToken cancellationToken)
    {
        var runAs = Environment.IsPrivilegedProcess ? ServerOsUser : null;
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var owner = await File.ReadAllTextAsync(Path.Combine(root, OwnerFileName), cancellationToken);
                if (int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsRunning(pid))
                {
                    continue;
                }

                await StopServerAsync(binDirectory, Path.Combine(root, "data"), runAs, root);
                DeleteDirectory(root);
            }
            catch (IOException)
            {
                // Being created or deleted by another run right now, or not ours to touch.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void DeleteDirectory(string path)
    {
        // A postmaster that was just killed may still be removing its files for a moment.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static async Task<string?> FindBinDirectoryAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PROXY_TEST_PG_BINDIR") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (FindOnPath("pg_config") is { } pgConfig)
        {
            try
            {
                var bindir = await ExternalProcess.RunAsync(pgConfig, ["--bindir"], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
                if (bindir.ExitCode == 0)
                {
                    candidates.Add(bindir.StandardOutput.Trim());
                }
            }
            catch (TimeoutException)
            {
            }
        }

        // Debian installs each major version side by side; prefer the newest.
        const string DebianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(DebianRoot))
        {
            candidates.AddRange(Directory.EnumerateDirectories(DebianRoot)
                .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Directory, "bin")));
        }

        if (FindOnPath("postgres") is { } postgres)
        {
            candidates.Add(Path.GetDirectoryName(postgres)!);
        }

        return candidates.FirstOrDefault(d => new[] { "initdb", "pg_ctl", "postgres" }.All(tool => File.Exists(Path.Combine(d, tool))));
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool))
            .FirstOrDefault(File.Exists);

    private static string FindRunuser() =>
        FindOnPath("runuser")
        ?? new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("runuser (util-linux) is needed to run PostgreSQL as a non-root user while the tests run as root");

    private static int FreeLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private string ClientTool(string tool)
    {
        var besideServer = Path.Combine(BinDirectory, tool);
        return File.Exists(besideServer)
            ? besideServer
            : FindOnPath(tool) ?? throw new InvalidOperationException($"{tool} not found beside {BinDirectory} or on PATH. Install it with: {InstallCommand}");
    }

    /// <summary>Only what the test sets: a PGPASSWORD or PGSSLMODE in the developer's shell must not change results.</summary>
    private static Dictionary<string, string?> ClientEnvironment(int port, string database)
    {
        var environment = Environment.GetEnvironmentVariables().Keys
            .Cast<string>()
            .Where(name => name.StartsWith("PG", StringComparison.Ordinal))
            .ToDictionary(name => name, _ => (string?)null);
        environment["PGHOST"] = "127.0.0.1";
        environment["PGPORT"] = port.ToString(CultureInfo.InvariantCulture);
        environment["PGUSER"] = Superuser;
        environment["PGDATABASE"] = database;
        environment["PGCONNECT_TIMEOUT"] = "15";
        return environment;
    }
}
