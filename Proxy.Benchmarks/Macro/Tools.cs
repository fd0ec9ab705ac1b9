namespace Proxy.Benchmarks.Macro;

/// <summary>
/// The outside programs the harness drives. A missing one is an error that names the Debian package,
/// never a silently skipped section: a benchmark that skips is a benchmark nobody notices is gone.
/// </summary>
internal static class Tools
{
    public const string Haproxy = "haproxy";
    public const string Pgbouncer = "pgbouncer";
    public const string Pgbench = "pgbench";
    public const string PgIsReady = "pg_isready";
    public const string Psql = "psql";

    public static void Require(MacroOptions options)
    {
        var sections = options.Sections;
        var missing = new List<string>();
        if (Find("dotnet") is null)
        {
            missing.Add("dotnet (the .NET 10 SDK) is not on PATH");
        }

        if (sections.HasFlag(MacroSections.Bulk) || sections.HasFlag(MacroSections.Idle) || sections.HasFlag(MacroSections.Pgbench))
        {
            if (Find(Haproxy) is null && (sections != MacroSections.Pgbench || options.Measures("haproxy")))
            {
                missing.Add("haproxy is not installed: apt-get install -y haproxy");
            }
        }

        if ((sections & (MacroSections.Pgbench | MacroSections.Transfer | MacroSections.Storm)) != 0)
        {
            if (Find(Pgbench) is null || Find(PgIsReady) is null || Find(Psql) is null)
            {
                missing.Add("pgbench/pg_isready/psql are not installed: apt-get install -y postgresql postgresql-client");
            }

            if (Find(Pgbouncer) is null && (options.Measures("pgbouncer") || sections.HasFlag(MacroSections.Transfer)))
            {
                missing.Add("pgbouncer is not installed: apt-get install -y pgbouncer");
            }

            if (PostgresBinDirectory() is null)
            {
                missing.Add("no PostgreSQL server under /usr/lib/postgresql/*/bin: apt-get install -y postgresql");
            }

            if (Posix.IsRoot && Find("setpriv") is null)
            {
                missing.Add("setpriv (to run PostgreSQL and pgbouncer as the postgres user) is missing: apt-get install -y util-linux");
            }
        }

        if (missing.Count > 0)
        {
            throw new MacroException("missing tools:\n  " + string.Join("\n  ", missing));
        }
    }

    /// <summary>The newest installed server's bin directory (initdb, postgres), as Debian lays them out.</summary>
    public static string? PostgresBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(Root)
            .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Directory, "bin", "postgres")) && File.Exists(Path.Combine(d.Directory, "bin", "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Directory, "bin"))
            .FirstOrDefault();
    }

    public static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
