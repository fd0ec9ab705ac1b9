using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Json;

namespace Proxy.Benchmarks.Macro;

/// <summary>
/// <c>dotnet run -c Release --project Proxy.Benchmarks -- macro [options]</c>: the proxy as a separate
/// process, measured side by side with no proxy, with haproxy and (pgbench) with pgbouncer. Progress goes to stderr; stdout gets
/// only the markdown tables, and the same numbers go to bench/results/&lt;utc&gt;-macro.json.
/// </summary>
internal static class MacroCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.Out.WriteLine(MacroOptions.Usage);
            return 0;
        }

        if (!OperatingSystem.IsLinux())
        {
            // CPU and memory come from /proc, the servers from Debian packages.
            Console.Error.WriteLine("macro: runs on Linux only");
            return 2;
        }

        MacroOptions options;
        try
        {
            options = MacroOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"macro: {ex.Message}\n\n{MacroOptions.Usage}");
            return 2;
        }

        // Ctrl-C and SIGTERM cancel the run; the finally blocks then stop every child and remove the
        // scratch directory. Cancelling the default action keeps the process alive long enough to do so.
        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            Console.Error.WriteLine($"[macro] {signal.Signal}: stopping and cleaning up");
            cancel.Cancel();
        }

        try
        {
            Tools.Require(options);
            var repository = FindRepositoryRoot();
            var proxyDll = await EnsureProxyBuiltAsync(options, repository, cancel.Token);
            foreach (var candidate in options.Candidates.Where(c => !File.Exists(c.Dll)))
            {
                throw new MacroException($"--candidate {candidate.Name}: no such file {candidate.Dll}");
            }

            var report = await RunSectionsAsync(options, repository, proxyDll, cancel.Token);

            Console.Out.Write(report.ToMarkdown());
            var resultPath = Path.Combine(repository, "bench", "results", $"{report.StartedAt:yyyyMMdd'T'HHmmss'Z'}-macro.json");
            Directory.CreateDirectory(Path.GetDirectoryName(resultPath)!);
            await File.WriteAllTextAsync(resultPath, JsonSerializer.Serialize(report, ReportJson.Indented), CancellationToken.None);
            Console.Error.WriteLine($"[macro] results written to {resultPath}");
            return options.Floor is { } floor ? CheckFloor(report, floor, options.FloorByMode, options.CountsPath) : 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("[macro] cancelled");
            return 130;
        }
        catch (MacroException ex)
        {
            Console.Error.WriteLine($"[macro] failed: {ex.Message}");
            CheckCounts.Write(options.CountsPath, 0, 1);
            return 1;
        }
    }

    /// <summary>
    /// CI's gross-regression check: in every pgbench case, proxy-l7 must reach <paramref name="floor"/> ×
    /// direct's throughput in at least one round (each round's two runs are adjacent, so their ratio is the
    /// least disturbed comparison there is). A regression lowers every round; a neighbour's burst of CPU on a
    /// shared runner lowers one, so the best round is the robust statistic here, and the floor sits far below
    /// the targets for the same reason. What it catches is a change that breaks or badly slows layer 7.
    /// </summary>
    private static int CheckFloor(MacroReport report, double floor, IReadOnlyDictionary<string, double> floorByMode, string? countsPath)
    {
        var checks = report.Sections
            .Where(s => s.Name.StartsWith("pgbench", StringComparison.Ordinal))
            .Select(s => (Section: s, Direct: s.Variants.FirstOrDefault(v => v.Variant == "direct"), L7: s.Variants.FirstOrDefault(v => v.Variant == "proxy-l7")))
            .ToList();
        Console.Out.WriteLine();
        Console.Out.WriteLine("### Regression floor: proxy-l7 / direct (tps) in the best round");
        Console.Out.WriteLine();
        Console.Out.WriteLine("| case | proxy-l7 / direct, each round | best | floor | result |");
        Console.Out.WriteLine("|---|---|---:|---:|---|");
        var passed = 0;
        var failed = 0;
        foreach (var (section, direct, l7) in checks)
        {
            var rounds = direct is null || l7 is null
                ? []
                : direct.Samples.Zip(l7.Samples, (d, p) => d > 0 ? p / d : 0).ToList();
            var best = rounds.Count > 0 ? rounds.Max() : (double?)null;
            var mode = section.Name.Split('-') is [_, var m, ..] ? m : string.Empty;
            var caseFloor = floorByMode.GetValueOrDefault(mode, floor);
            var ok = best >= caseFloor;
            passed += ok ? 1 : 0;
            failed += ok ? 0 : 1;
            var each = rounds.Count > 0 ? string.Join(", ", rounds.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture))) : "not measured";
            var bestText = best?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–";
            Console.Out.WriteLine(FormattableString.Invariant($"| {section.Title} | {each} | {bestText} | {caseFloor:0.00} | {(ok ? "ok" : "**FAILED**")} |"));
        }

        if (checks.Count == 0)
        {
            Console.Out.WriteLine("| (no pgbench case ran) | – | – | – | **FAILED** |");
            failed = 1;
        }

        Console.Out.WriteLine();
        Console.Out.WriteLine($"regression floor: {passed} passed, {failed} failed");
        CheckCounts.Write(countsPath, passed, failed);
        return failed == 0 ? 0 : 1;
    }

    [SupportedOSPlatform("linux")]
    private static async Task<MacroReport> RunSectionsAsync(MacroOptions options, string repository, string proxyDll, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        await using var context = new MacroContext(options, repository, proxyDll, cancellationToken);
        MacroContext.Progress($"scratch directory {context.Scratch}");
        var environment = await DescribeEnvironmentAsync(context);
        var sections = new List<SectionResult>();
        if (options.Sections.HasFlag(MacroSections.Bulk))
        {
            sections.Add(await BulkThroughput.RunAsync(context));
        }

        if (options.Sections.HasFlag(MacroSections.Pgbench))
        {
            sections.AddRange(await PgbenchThroughput.RunAsync(context));
        }

        if (options.Sections.HasFlag(MacroSections.Transfer))
        {
            sections.Add(await ResultTransfer.RunAsync(context));
        }

        if (options.Sections.HasFlag(MacroSections.Storm))
        {
            sections.Add(await ConnectStorm.RunAsync(context));
        }

        if (options.Sections.HasFlag(MacroSections.Idle))
        {
            sections.Add(await IdleMemory.RunAsync(context));
        }

        return new MacroReport(
            startedAt,
            DateTimeOffset.UtcNow,
            environment,
            new SettingsInfo(options.Rounds, options.Seconds, options.Bytes, options.IdleConnections, options.PgbenchScale, options.Quick, options.Sections.ToString(), options.ProxyEnvironment, options.Candidates, options.Variants, options.Clients, options.Modes),
            sections);
    }

    /// <summary>
    /// Run through <c>dotnet run</c>, the Release build of Proxy.Host is already fresh: this project
    /// references it. Run any other way, a missing build is made here rather than failing.
    /// </summary>
    private static async Task<string> EnsureProxyBuiltAsync(MacroOptions options, string repository, CancellationToken cancellationToken)
    {
        if (options.ProxyDll is { } given)
        {
            return File.Exists(given) ? given : throw new MacroException($"--proxy {given}: no such file");
        }

        var dll = Path.Combine(repository, "Proxy.Host", "bin", "Release", "net10.0", "proxy.dll");
        if (File.Exists(dll))
        {
            return dll;
        }

        MacroContext.Progress($"{dll} is missing; building Proxy.Host (Release)");
        var logs = Directory.CreateTempSubdirectory("proxy-bench-build-").FullName;
        try
        {
            // No build servers: they would stay behind and take CPU from the measurements.
            await ChildProcess.RunAsync(
                "build",
                "dotnet",
                ["build", Path.Combine(repository, "Proxy.Host", "Proxy.Host.csproj"), "-c", "Release", "--nologo", "--disable-build-servers"],
                logs,
                TimeSpan.FromMinutes(10),
                cancellationToken);
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }

        return File.Exists(dll) ? dll : throw new MacroException($"built Proxy.Host but {dll} is still missing");
    }

    internal static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "proxy.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new MacroException("cannot find the repository (no proxy.sln above the program or the current directory)");
    }

    private static async Task<EnvironmentInfo> DescribeEnvironmentAsync(MacroContext context)
    {
        async Task<string?> FirstLineAsync(string name, string fileName, params string[] arguments)
        {
            try
            {
                var output = await ChildProcess.RunAsync(name, fileName, arguments, context.Scratch, TimeSpan.FromSeconds(30), context.Cancel);
                return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            }
            catch (MacroException)
            {
                return null;
            }
        }

        var commit = await FirstLineAsync("git-commit", "git", "-C", context.RepositoryRoot, "rev-parse", "--short", "HEAD");
        var haproxy = await FirstLineAsync("haproxy-version", Tools.Find(Tools.Haproxy) ?? Tools.Haproxy, "-v");
        var pgbouncer = await FirstLineAsync("pgbouncer-version", Tools.Find(Tools.Pgbouncer) ?? Tools.Pgbouncer, "--version");
        var postgresBin = Tools.PostgresBinDirectory();
        var postgres = postgresBin is null ? null : await FirstLineAsync("postgres-version", Path.Combine(postgresBin, "postgres"), "--version");
        return new EnvironmentInfo(
            Environment.MachineName,
            Environment.ProcessorCount,
            File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            Environment.Version.ToString(),
            commit,
            haproxy?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2),
            postgres?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2),
            pgbouncer?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1));
    }
}
