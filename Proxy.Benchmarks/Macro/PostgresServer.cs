using System.Diagnostics;
using System.Net;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into the scratch directory, trust authentication, loopback
/// only, fsync off (the benchmark reads; durability of this data is worth nothing). Run as the postgres
/// OS user when the harness is root, because the server refuses to run as root. The one exception to
/// trust is <see cref="ScramRole"/>, which must log in with SCRAM-SHA-256: the connect+auth storm
/// measures real authentications.
/// </summary>
internal sealed class PostgresServer
{
    /// <summary>A role that logs in with SCRAM-SHA-256 and may read every table.</summary>
    public const string ScramRole = "bench";

    /// <summary>Its password: a throwaway cluster on loopback, so a constant is enough.</summary>
    public const string ScramPassword = "bench-scram-password";

    private readonly MacroContext _context;
    private readonly string _directory;

    private PostgresServer(MacroContext context, string directory, IPEndPoint endPoint, ChildProcess process)
    {
        _context = context;
        _directory = directory;
        EndPoint = endPoint;
        Process = process;
    }

    public IPEndPoint EndPoint { get; }

    public ChildProcess Process { get; }

    public static async Task<PostgresServer> StartAsync(MacroContext context)
    {
        var bin = Tools.PostgresBinDirectory() ?? throw new MacroException("no PostgreSQL server: apt-get install -y postgresql");
        var directory = context.CreateDirectory("postgres");
        var data = Path.Combine(directory, "data");
        if (Posix.IsRoot)
        {
            await ChildProcess.RunAsync("chown", "chown", ["postgres:postgres", directory], directory, TimeSpan.FromSeconds(30), context.Cancel);
        }

        var (initdb, initdbArgs) = AsServerUser(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", Superuser, "-E", "UTF8", "--locale=C", "--no-sync"]);
        await ChildProcess.RunAsync("initdb", initdb, initdbArgs, directory, TimeSpan.FromMinutes(2), context.Cancel);

        // pg_hba.conf is read top down: the SCRAM role's line must come before initdb's trust lines.
        var hba = Path.Combine(data, "pg_hba.conf");
        await File.WriteAllTextAsync(hba, $"host all {ScramRole} 127.0.0.1/32 scram-sha-256\n" + await File.ReadAllTextAsync(hba, context.Cancel), context.Cancel);

        var endPoint = new IPEndPoint(IPAddress.Loopback, MacroContext.FreeLoopbackPort());
        var (postgres, postgresArgs) = AsServerUser(Path.Combine(bin, "postgres"),
        [
            "-D", data,
            "-p", endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={directory}",
            "-c", "fsync=off",
            // 64 pgbench clients through one hop while pgbouncer still holds its pool of 64 from the last round.
            "-c", "max_connections=300",
            "-c", "password_encryption=scram-sha-256",
        ]);

        // SIGINT is PostgreSQL's fast shutdown: sessions are ended, no waiting for clients.
        var process = context.Track(ChildProcess.Start("postgres", postgres, postgresArgs, directory, Posix.SigInt));
        var server = new PostgresServer(context, directory, endPoint, process);
        await server.WaitUntilReadyAsync();
        MacroContext.Progress($"postgres pid {process.Id} ready on {endPoint}");
        return server;
    }

    public async Task InitializePgbenchAsync(int scale)
    {
        MacroContext.Progress($"pgbench -i -s {scale}");
        await ChildProcess.RunAsync(
            "pgbench-init",
            Tools.Pgbench,
            ["-i", "-q", "-s", scale.ToString(System.Globalization.CultureInfo.InvariantCulture), .. ConnectionArguments(EndPoint)],
            _directory,
            TimeSpan.FromMinutes(10),
            _context.Cancel);
    }

    /// <summary>Creates <see cref="ScramRole"/>; its password is stored as a SCRAM-SHA-256 verifier.</summary>
    public async Task CreateScramRoleAsync()
    {
        await ChildProcess.RunAsync(
            "create-scram-role",
            Tools.Psql,
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", $"CREATE ROLE {ScramRole} LOGIN PASSWORD '{ScramPassword}'; GRANT pg_read_all_data TO {ScramRole};", .. ConnectionArguments(EndPoint)],
            _directory,
            TimeSpan.FromMinutes(1),
            _context.Cancel);
    }

    /// <summary>The cluster's superuser, trusted on loopback: pgbench's role, and the masked transfer's catalog role.</summary>
    public const string Superuser = "postgres";

    public static string[] ConnectionArguments(IPEndPoint endPoint, string user = Superuser) =>
        ["-h", endPoint.Address.ToString(), "-p", endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", user, "postgres"];

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (true)
        {
            if (Process.HasExited)
            {
                throw new MacroException($"postgres exited with {Process.ExitCode} during start:\n{Process.Tail()}");
            }

            try
            {
                await ChildProcess.RunAsync("pg_isready", Tools.PgIsReady, ["-q", "-t", "1", "-h", "127.0.0.1", "-p", EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], _directory, TimeSpan.FromSeconds(10), _context.Cancel);
                return;
            }
            catch (MacroException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(200, _context.Cancel);
            }
        }
    }

    /// <summary>
    /// setpriv, not su or runuser: it execs the server in place, so the PID the harness holds (and
    /// signals) is the postmaster itself, and no PAM session sits in between.
    /// </summary>
    public static (string FileName, string[] Arguments) AsServerUser(string fileName, string[] arguments) =>
        Posix.IsRoot
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", fileName, .. arguments])
            : (fileName, arguments);
}
