using System.Globalization;

namespace Proxy.Benchmarks.Macro;

[Flags]
internal enum MacroSections
{
    None = 0,
    Bulk = 1,
    Pgbench = 2,
    Idle = 4,
    Transfer = 8,
    Storm = 16,
    All = Bulk | Pgbench | Idle | Transfer | Storm,
}

/// <summary>
/// Another build of the proxy (or the same build with other runtime settings), measured beside the main one
/// in the same rounds. <paramref name="Environment"/> is added to the proxy process's environment.
/// </summary>
internal sealed record ProxyBuild(string Name, string Dll, IReadOnlyDictionary<string, string>? Environment = null);

/// <summary>What one macro run measures and how long it spends on it.</summary>
internal sealed record MacroOptions
{
    public const long MiB = 1024 * 1024;

    public int Rounds { get; init; } = 3;

    /// <summary>Length of one pgbench round.</summary>
    public int Seconds { get; init; } = 5;

    /// <summary>pgbench client counts, one table per count and query mode.</summary>
    public IReadOnlyList<int> Clients { get; init; } = [1, 8, 64];

    /// <summary>pgbench query modes (-M).</summary>
    public IReadOnlyList<string> Modes { get; init; } = QueryModes;

    public static readonly IReadOnlyList<string> QueryModes = ["simple", "extended", "prepared"];

    /// <summary>
    /// The gross-regression floor CI holds the run to: proxy-l7 throughput over direct in every pgbench
    /// case. Null: no floor, the run only measures.
    /// </summary>
    public double? Floor { get; init; }

    /// <summary>Floors for one query mode (`simple`, `extended`, `prepared`) in place of <see cref="Floor"/>.</summary>
    public IReadOnlyDictionary<string, double> FloorByMode { get; init; } = new Dictionary<string, double>();

    /// <summary>Where to write "passed failed" for the floor checks (test.sh adds them to its count).</summary>
    public string? CountsPath { get; init; }

    /// <summary>Bytes per bulk transfer.</summary>
    public long Bytes { get; init; } = 1024 * MiB;

    public int IdleConnections { get; init; } = 2000;

    public int PgbenchScale { get; init; } = 10;

    public MacroSections Sections { get; init; } = MacroSections.All;

    /// <summary>The pgbench variants named with <c>--only</c> (direct always among them); null: all of them.</summary>
    public IReadOnlyList<string>? Variants { get; init; }

    /// <summary>Every pgbench variant, in the order each round runs them.</summary>
    public static readonly IReadOnlyList<string> PgbenchVariants = ["direct", "proxy", "haproxy", "proxy-l7", "pgbouncer"];

    public bool Measures(string variant) => Variants is null || Variants.Contains(variant);

    public bool Quick { get; init; }

    public bool KeepTemp { get; init; }

    /// <summary>Null: the Release build of Proxy.Host in this repository.</summary>
    public string? ProxyDll { get; init; }

    /// <summary>
    /// Builds compared with the proxy in the same run (a tuning change, an older commit): interleaved in
    /// the same rounds, so their ratio to the proxy is measured side by side, not across runs.
    /// </summary>
    public IReadOnlyList<ProxyBuild> Candidates { get; init; } = [];

    /// <summary>
    /// A policy directory for the pgbench section's layer-7 proxies (and candidates) in place of the shipped one, with
    /// a catalog connection as the superuser for column masks; null: the shipped policies.
    /// </summary>
    public string? PgbenchPolicies { get; init; }

    /// <summary>Set for the proxy processes only: runtime knobs to try without touching the harness.</summary>
    public IReadOnlyDictionary<string, string> ProxyEnvironment { get; init; } = new Dictionary<string, string>();

    public const string Usage = """
        macro [options]
          --quick               1 round, 128 MiB bulk, 3 s pgbench at 8 clients only, 200 idle connections (CI)
          --rounds N            interleaved rounds per section (default 3)
          --seconds N           length of one pgbench round (default 5)
          --clients LIST        pgbench client counts, comma-separated (default 1,8,64)
          --modes LIST          pgbench -M query modes, comma-separated (default simple,extended,prepared)
          --floor RATIO[,MODE=RATIO]  fail (exit 1) unless proxy-l7 reaches RATIO x direct's tps (best round) in every
                                pgbench case; MODE=RATIO sets another floor for one query mode
          --counts FILE         write "passed failed" of the floor checks to FILE
          --bytes SIZE          bytes per bulk transfer: 1GiB, 512MiB, 1048576 (default 1GiB)
          --only LIST           sections (bulk, pgbench, transfer, storm, idle) and/or pgbench variants (direct, proxy, haproxy,
                                proxy-l7, pgbouncer), comma-separated (default: every section, every variant).
                                Naming only variants runs only pgbench; direct is always measured (the ratios' base)
          --idle-connections N  connections held open for the idle-memory section (default 2000)
          --scale N             pgbench -i scale factor (default 10)
          --proxy PATH          proxy.dll to run (default: Proxy.Host/bin/Release/net10.0/proxy.dll)
          --candidate NAME=DLL  also measure another proxy build, as variant NAME (NAME-l7 at layer 7), in the same
                                rounds (repeatable); the same DLL with other settings is a candidate too
          --candidate-env NAME:VAR=VALUE
                                an environment variable for candidate NAME's process only (repeatable)
          --proxy-env NAME=VALUE
                                an environment variable for the proxy process only (repeatable)
          --pgbench-policies DIR
                                the pgbench section's proxy-l7 and candidates decide with the policies in DIR instead of the
                                shipped ones (e.g. with a column mask on pgbench_accounts), with a catalog connection for masks
          --keep-temp           leave the scratch directory (configs, logs, data) in place
        """;

    /// <summary>Options are applied left to right, so <c>--quick --rounds 3</c> is a quick run of 3 rounds.</summary>
    public static MacroOptions Parse(IReadOnlyList<string> args)
    {
        var options = new MacroOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{name} needs a value");
                }

                return args[++i];
            }

            options = name switch
            {
                "--quick" => options with { Quick = true, Rounds = 1, Seconds = 3, Bytes = 128 * MiB, IdleConnections = 200, Clients = [8] },
                "--clients" => options with { Clients = [.. List(name, Value()).Select(c => PositiveInt(name, c))] },
                "--modes" => options with { Modes = ParseModes(name, Value()) },
                "--floor" => ParseFloor(options, name, Value()),
                "--counts" => options with { CountsPath = Path.GetFullPath(Value()) },
                "--rounds" => options with { Rounds = PositiveInt(name, Value()) },
                "--seconds" => options with { Seconds = PositiveInt(name, Value()) },
                "--bytes" => options with { Bytes = ParseSize(Value()) },
                "--only" => ParseOnly(options, Value()),
                "--idle-connections" => options with { IdleConnections = PositiveInt(name, Value()) },
                "--scale" => options with { PgbenchScale = PositiveInt(name, Value()) },
                "--proxy" => options with { ProxyDll = Path.GetFullPath(Value()) },
                "--candidate" => options with { Candidates = WithCandidate(options.Candidates, Value()) },
                "--proxy-env" => options with { ProxyEnvironment = WithVariable(options.ProxyEnvironment, Value()) },
                "--candidate-env" => options with { Candidates = WithCandidateVariable(options.Candidates, Value()) },
                "--pgbench-policies" => options with { PgbenchPolicies = Path.GetFullPath(Value()) },
                "--keep-temp" => options with { KeepTemp = true },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        if (options.Bytes < MiB)
        {
            throw new ArgumentException("--bytes must be at least 1MiB: smaller transfers measure connection setup, not throughput");
        }

        return options;
    }

    public static long ParseSize(string text)
    {
        var units = new (string Suffix, long Factor)[]
        {
            ("GiB", 1024 * MiB), ("G", 1024 * MiB), ("MiB", MiB), ("M", MiB), ("KiB", 1024), ("K", 1024), ("B", 1), ("", 1),
        };
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number > 0)
            {
                return (long)(number * factor);
            }
        }

        throw new ArgumentException($"'{text}' is not a size (examples: 1GiB, 128MiB, 1048576)");
    }

    private static List<ProxyBuild> WithCandidate(IReadOnlyList<ProxyBuild> candidates, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? assignment[..equals] : string.Empty;
        if (name.Length == 0 || PgbenchVariants.Contains(name) || candidates.Any(c => c.Name == name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"--candidate takes NAME=PATH with a new name of letters, digits, '-' or '_', not '{assignment}'");
        }

        var dll = Path.GetFullPath(assignment[(equals + 1)..]);
        return [.. candidates, new ProxyBuild(name, dll)];
    }

    private static List<ProxyBuild> WithCandidateVariable(IReadOnlyList<ProxyBuild> candidates, string assignment)
    {
        var colon = assignment.IndexOf(':', StringComparison.Ordinal);
        var name = colon > 0 ? assignment[..colon] : string.Empty;
        var candidate = candidates.FirstOrDefault(c => c.Name == name)
            ?? throw new ArgumentException($"--candidate-env takes NAME:VAR=VALUE for a NAME given with --candidate before it, not '{assignment}'");
        var environment = WithVariable(candidate.Environment ?? new Dictionary<string, string>(), assignment[(colon + 1)..]);
        return [.. candidates.Select(c => c == candidate ? c with { Environment = environment } : c)];
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> environment, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--proxy-env takes NAME=VALUE, not '{assignment}'");
        }

        return new Dictionary<string, string>(environment) { [assignment[..equals]] = assignment[(equals + 1)..] };
    }

    private static string[] List(string name, string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items
            ? items
            : throw new ArgumentException($"{name} needs a comma-separated list");

    private static string[] ParseModes(string name, string text) =>
        List(name, text).Select(m => QueryModes.Contains(m) ? m : throw new ArgumentException($"{name} takes {string.Join(", ", QueryModes)}, not '{m}'")).Distinct().ToArray();

    /// <summary>`0.5`, or `0.5,prepared=0.4`: the floor of every pgbench case, then floors of single query modes.</summary>
    private static MacroOptions ParseFloor(MacroOptions options, string name, string text)
    {
        double? floor = null;
        var byMode = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Split('=', 2) is [var mode, var ratio])
            {
                byMode[mode is "simple" or "extended" or "prepared" ? mode : throw new ArgumentException($"{name}: '{mode}' is not a query mode (simple, extended, prepared)")] = Ratio(name, ratio);
            }
            else
            {
                floor = Ratio(name, part);
            }
        }

        return options with { Floor = floor ?? throw new ArgumentException($"{name} needs a ratio for every case, such as 0.5 or 0.5,prepared=0.35"), FloorByMode = byMode };
    }

    private static double Ratio(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} needs a positive number such as 0.5, not '{text}'");

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} needs a positive whole number, not '{text}'");

    private static MacroOptions ParseOnly(MacroOptions options, string text)
    {
        var sections = MacroSections.None;
        var variants = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = part.ToLowerInvariant();
            switch (name)
            {
                case "bulk":
                    sections |= MacroSections.Bulk;
                    break;
                case "pgbench":
                    sections |= MacroSections.Pgbench;
                    break;
                case "idle":
                    sections |= MacroSections.Idle;
                    break;
                case "transfer":
                    sections |= MacroSections.Transfer;
                    break;
                case "storm":
                    sections |= MacroSections.Storm;
                    break;
                case var variant when PgbenchVariants.Contains(variant):
                    variants.Add(variant);
                    break;
                default:
                    throw new ArgumentException($"--only takes bulk, pgbench, transfer, storm, idle or a pgbench variant ({string.Join(", ", PgbenchVariants)}), not '{part}'");
            }
        }

        if (sections == MacroSections.None && variants.Count == 0)
        {
            throw new ArgumentException("--only needs at least one section or variant");
        }

        if (variants.Count > 0 && sections is not (MacroSections.None or MacroSections.Pgbench))
        {
            throw new ArgumentException("--only: variants select among pgbench's variants; name them with pgbench alone");
        }

        return options with
        {
            Sections = sections == MacroSections.None ? MacroSections.Pgbench : sections,
            Variants = variants.Count == 0 ? null : [.. PgbenchVariants.Where(v => v == "direct" || variants.Contains(v))],
        };
    }
}
