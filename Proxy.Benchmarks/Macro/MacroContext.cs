using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Proxy.Benchmarks.Macro;

/// <summary>A process that sits between the client and the server: the proxy under test, haproxy or pgbouncer.</summary>
/// <param name="DataDirectory">The proxy's session log directory; null for the other programs.</param>
internal sealed record MiddleHop(string Variant, IPEndPoint Listen, ChildProcess Process, string? DataDirectory = null);

/// <summary>
/// A <c>held</c> listener's logins: the role and password file it logs in upstream with, and the
/// <c>Identities</c> object (name → SCRAM verifier) its clients log in to it with.
/// </summary>
internal sealed record HeldLogin(string UpstreamUser, string UpstreamPasswordFile, object Identities);

/// <summary>
/// What every section shares: options, the scratch directory, cancellation, and the cleanup list that
/// stops every started process and removes the scratch directory however the run ends.
/// </summary>
internal sealed class MacroContext : IAsyncDisposable
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    // The proxy's configuration binds PascalCase keys, the names as the contract writes them.
    // A key left null (Policies on an L4 listener) is left out, as if the file did not name it.
    private static readonly JsonSerializerOptions ProxyConfigJson = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly Stack<IAsyncDisposable> _cleanup = new();
    private PostgresServer? _postgres;
    private readonly Lock _cleanupLock = new();

    [SupportedOSPlatform("linux")]
    public MacroContext(MacroOptions options, string repositoryRoot, string proxyDll, CancellationToken cancellationToken)
    {
        Options = options;
        RepositoryRoot = repositoryRoot;
        ProxyDll = proxyDll;
        Cancel = cancellationToken;

        // CreateTempSubdirectory makes the directory 0700; the postgres user must be able to reach its data below it.
        Scratch = Directory.CreateTempSubdirectory("proxy-bench-").FullName;
        File.SetUnixFileMode(Scratch, (UnixFileMode)0b111_101_101);
    }

    public MacroOptions Options { get; }

    public string RepositoryRoot { get; }

    public string ProxyDll { get; }

    public string Scratch { get; }

    public CancellationToken Cancel { get; }

    public static void Progress(string message) =>
        Console.Error.WriteLine($"[macro {Clock.Elapsed.TotalSeconds,6:0.0}s] {message}");

    /// <summary>Registers something to stop when the run ends; the last registered is stopped first.</summary>
    public T Track<T>(T resource)
        where T : IAsyncDisposable
    {
        lock (_cleanupLock)
        {
            _cleanup.Push(resource);
        }

        return resource;
    }

    /// <summary>
    /// The PostgreSQL server the pgbench, transfer and storm sections share, started and filled
    /// (<c>pgbench -i</c>, the SCRAM role) on first use; stopped with everything else when the run ends.
    /// </summary>
    public async Task<PostgresServer> PostgresAsync()
    {
        if (_postgres is null)
        {
            var server = await PostgresServer.StartAsync(this);
            await server.InitializePgbenchAsync(Options.PgbenchScale);
            await server.CreateScramRoleAsync();
            _postgres = server;
        }

        return _postgres;
    }

    public string CreateDirectory(string name) => Directory.CreateDirectory(Path.Combine(Scratch, name)).FullName;

    /// <summary>The proxy under test, then every <c>--candidate</c> build, each with the same configuration.</summary>
    public async Task<IReadOnlyList<MiddleHop>> StartProxiesAsync(string section, EndPoint upstream, int maxConnections)
    {
        var hops = new List<MiddleHop> { await StartProxyAsync(section, "proxy", ProxyDll, upstream, maxConnections) };
        foreach (var candidate in Options.Candidates)
        {
            hops.Add(await StartProxyAsync(section, candidate.Name, candidate.Dll, upstream, maxConnections, environment: candidate.Environment));
        }

        return hops;
    }

    /// <summary>
    /// Starts a proxy build as its own process, as it runs in production: the harness measures it from
    /// outside (throughput, /proc CPU and RSS) and its GC and thread pool are not shared with the
    /// harness's clients and sinks. <paramref name="listenerExtras"/> adds keys to the listener,
    /// <paramref name="identities"/> the top-level <c>Identities</c>.
    /// </summary>
    private async Task<MiddleHop> StartProxyAsync(
        string section,
        string variant,
        string dll,
        EndPoint upstream,
        int maxConnections,
        string protocol = "tcp",
        string? policies = null,
        IReadOnlyDictionary<string, object>? listenerExtras = null,
        object? identities = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = CreateDirectory($"{variant}-{section}");
        var listen = new IPEndPoint(IPAddress.Loopback, FreeLoopbackPort());
        var configPath = Path.Combine(directory, "proxy.json");
        var dataDirectory = Path.Combine(directory, "data");
        var listener = new Dictionary<string, object>
        {
            ["Name"] = "bench",
            ["Protocol"] = protocol,
            ["Listen"] = listen.ToString(),
            ["Upstream"] = upstream.ToString()!,
            ["MaxConnections"] = maxConnections,
        };
        foreach (var (key, value) in listenerExtras ?? new Dictionary<string, object>())
        {
            listener[key] = value;
        }

        var config = new
        {
            DataDirectory = dataDirectory,
            Durability = "normal",

            // Below the harness's 15 s SIGTERM grace, so a cancelled run still sees the proxy exit by itself.
            DrainTimeout = "5s",
            Policies = policies,
            Identities = identities,
            Listeners = new[] { listener },
        };
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(config, ProxyConfigJson), Cancel);

        var process = Track(ChildProcess.Start($"{variant}-{section}", "dotnet", [dll, "run", "--config", configPath], directory, environment: Merge(Options.ProxyEnvironment, environment)));
        await WaitForListeningAsync(listen, process, TimeSpan.FromSeconds(60));
        Progress($"{variant} ({section}) pid {process.Id} listening on {listen} ({protocol}) -> {upstream}");
        return new MiddleHop(variant, listen, process, dataDirectory);
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string>? second)
    {
        var merged = new Dictionary<string, string>(first);
        foreach (var (key, value) in second ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>The policy directory the product ships (policies/ in the repository), as an operator deploys it.</summary>
    public string ShippedPolicies => Path.Combine(RepositoryRoot, "policies");

    /// <summary>
    /// The proxy at layer 7: a <c>postgres</c> listener that frames every message, classifies and decides
    /// every statement (with the shipped policies unless <paramref name="policies"/> names another
    /// directory) and records a <c>statement</c> event for each in the session log, normal durability.
    /// <paramref name="build"/> selects a <c>--candidate</c> build. Fails unless the proxy reports the
    /// policy loaded with at least one rule.
    /// </summary>
    public async Task<MiddleHop> StartProxyL7Async(
        string section,
        EndPoint upstream,
        int maxConnections,
        string variant = "proxy-l7",
        ProxyBuild? build = null,
        string? policies = null,
        HeldLogin? held = null,
        string? catalogUser = null)
    {
        var extras = held is null
            ? null
            : new Dictionary<string, object> { ["Auth"] = "held", ["UpstreamUser"] = held.UpstreamUser, ["UpstreamPasswordFile"] = held.UpstreamPasswordFile };
        if (catalogUser is not null)
        {
            (extras ??= []).Add("CatalogUser", catalogUser);
        }
        var identities = held?.Identities;
        var hop = await StartProxyAsync(section, variant, build?.Dll ?? ProxyDll, upstream, maxConnections, protocol: "postgres", policies: policies ?? ShippedPolicies, listenerExtras: extras, identities: identities, environment: build?.Environment);

        // The console logger writes from a queue of its own: the line may follow the listener by a moment.
        string? loaded = null;
        for (var attempt = 0; attempt < 100 && loaded is null; attempt++)
        {
            loaded = hop.Process.Log().Split('\n').FirstOrDefault(l => l.Contains("Policy loaded", StringComparison.Ordinal));
            if (loaded is null)
            {
                await Task.Delay(100, Cancel);
            }
        }

        if (loaded is null || loaded.Contains(": 0 rules", StringComparison.Ordinal))
        {
            throw new MacroException($"{variant} ({section}) did not report 'Policy loaded … N rules' (found: {loaded ?? "nothing"}):\n{hop.Process.Tail()}");
        }

        Progress($"{variant} ({section}): {loaded.Trim()}");
        return hop;
    }

    /// <summary>
    /// pgbouncer as shipped by Debian, in <b>session</b> pooling mode (one server connection per client for
    /// the client's whole session, as the proxy holds one): the reference a PostgreSQL-aware proxy is held
    /// to. Trust authentication on loopback; run as the postgres user when the harness is root, because
    /// pgbouncer refuses to run as root.
    /// </summary>
    public async Task<MiddleHop> StartPgbouncerAsync(string section, IPEndPoint upstream, int maxConnections, int poolSize)
    {
        var directory = CreateDirectory($"pgbouncer-{section}");
        if (Posix.IsRoot)
        {
            // It writes its unix socket into this directory.
            await ChildProcess.RunAsync("chown-pgbouncer", "chown", ["postgres:postgres", directory], directory, TimeSpan.FromSeconds(30), Cancel);
        }

        var listen = new IPEndPoint(IPAddress.Loopback, FreeLoopbackPort());
        var userlist = Path.Combine(directory, "userlist.txt");
        await File.WriteAllTextAsync(userlist, "\"postgres\" \"\"\n", Cancel);
        var configPath = Path.Combine(directory, "pgbouncer.ini");
        await File.WriteAllTextAsync(configPath, $"""
            [databases]
            * = host={upstream.Address} port={upstream.Port}

            [pgbouncer]
            listen_addr = {listen.Address}
            listen_port = {listen.Port}
            unix_socket_dir = {directory}
            auth_type = trust
            auth_file = {userlist}
            pool_mode = session
            default_pool_size = {poolSize}
            max_client_conn = {maxConnections}
            max_db_connections = 0
            ignore_startup_parameters = extra_float_digits,options
            log_connections = 0
            log_disconnections = 0
            stats_period = 3600

            """, Cancel);

        // SIGINT is pgbouncer's safe shutdown; the clients are gone by then.
        var (fileName, arguments) = PostgresServer.AsServerUser(Tools.Find(Tools.Pgbouncer) ?? Tools.Pgbouncer, [configPath]);
        var process = Track(ChildProcess.Start($"pgbouncer-{section}", fileName, arguments, directory, Posix.SigInt));
        await WaitForListeningAsync(listen, process, TimeSpan.FromSeconds(30));
        Progress($"pgbouncer ({section}) pid {process.Id} listening on {listen} -> {upstream} (session pooling, pool {poolSize})");
        return new MiddleHop("pgbouncer", listen, process);
    }

    /// <summary>haproxy as shipped by Debian, in plain <c>mode tcp</c>: the reference an L4 proxy is held to.</summary>
    public async Task<MiddleHop> StartHaproxyAsync(string section, EndPoint upstream, int maxConnections)
    {
        var directory = CreateDirectory($"haproxy-{section}");
        var listen = new IPEndPoint(IPAddress.Loopback, FreeLoopbackPort());
        var configPath = Path.Combine(directory, "haproxy.cfg");
        // haproxy rejects a configuration whose last line has no newline, hence the blank line at the end.
        await File.WriteAllTextAsync(configPath, $"""
            global
                maxconn {maxConnections}

            defaults
                mode tcp
                timeout connect 5s
                timeout client 1h
                timeout server 1h

            frontend bench
                bind {listen}
                maxconn {maxConnections}
                default_backend upstream

            backend upstream
                server upstream {upstream}

            """, Cancel);

        var process = Track(ChildProcess.Start($"haproxy-{section}", Tools.Find(Tools.Haproxy) ?? Tools.Haproxy, ["-f", configPath, "-db"], directory));
        await WaitForListeningAsync(listen, process, TimeSpan.FromSeconds(30));
        Progress($"haproxy ({section}) pid {process.Id} listening on {listen} -> {upstream}");
        return new MiddleHop("haproxy", listen, process);
    }

    /// <summary>A port nothing listens on right now; the tiny race with other programs is acceptable here.</summary>
    public static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Polls until a connect succeeds; the process exiting first is an error that shows its log.</summary>
    public async Task WaitForListeningAsync(IPEndPoint endPoint, ChildProcess process, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Cancel.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new MacroException($"{process.Name} exited with {process.ExitCode} before listening on {endPoint}:\n{process.Tail()}");
            }

            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                try
                {
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
                    attempt.CancelAfter(TimeSpan.FromSeconds(1));
                    await probe.ConnectAsync(endPoint, attempt.Token);
                    return;
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException && !Cancel.IsCancellationRequested)
                {
                }
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new MacroException($"{process.Name} did not listen on {endPoint} within {timeout.TotalSeconds:0}s:\n{process.Tail()}");
            }

            await Task.Delay(100, Cancel);
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (true)
        {
            IAsyncDisposable next;
            lock (_cleanupLock)
            {
                if (!_cleanup.TryPop(out next!))
                {
                    break;
                }
            }

            try
            {
                await next.DisposeAsync();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"[macro] cleanup: {ex.Message}");
            }
        }

        if (Options.KeepTemp)
        {
            Console.Error.WriteLine($"[macro] kept {Scratch}");
            return;
        }

        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"[macro] could not remove {Scratch}: {ex.Message}");
        }
    }
}
