using System.Net;
using BenchmarkDotNet.Attributes;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;

namespace Proxy.Benchmarks.Policy;

/// <summary>
/// One decision of a 100-rule policy (docs/policy-language.md, Evaluation): a typical read by an application
/// role, and a write by an agent that several rules match (masks, tags and an audit hit joined). The baseline is
/// the policy of a proxy with none configured: the cost of deciding at all. Budget: 0 B allocated.
/// </summary>
public class PolicyDecideBenchmarks
{
    private static readonly PolicyInput TypicalRead = new()
    {
        Protocol = "postgres",
        Listener = "orders",
        User = "app",
        Groups = ["backend"],
        ClientIp = IPAddress.Parse("10.200.1.2"),
        Db = "orders",
        DbUser = "app_rw",
        SqlKind = "select",
        SqlTables = ["public.orders"],
        SqlWhere = true,
        SqlText = "SELECT id, total FROM public.orders WHERE customer_id = $1",
        TimeHour = 14,
        TimeWeekday = DayOfWeek.Tuesday,
    };

    private static readonly PolicyInput ManyRulesMatch = new()
    {
        Protocol = "postgres",
        User = "svc-2-reporter",
        Groups = ["team11", "g18"],
        ClientIp = IPAddress.Parse("10.3.0.9"),
        Db = "prod_9_eu",
        SqlKind = "update",
        SqlTables = ["public.t2", "public.t9"],
        SqlDynamic = true,
        SqlText = "UPDATE public.t2 SET x = pg_sleep_7(1)",
        TimeHour = 2,
        TimeWeekday = DayOfWeek.Saturday,
    };

    private CompiledPolicy _policy = null!;
    private CompiledPolicy _none = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = GeneratedPolicy.WriteDirectory(rules: 100, files: 1);
        try
        {
            var (document, diagnostics) = PolicyLoader.Load(directory);
            _policy = CompiledPolicy.Compile(document ?? throw new InvalidOperationException(string.Join("\n", diagnostics)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        _none = PolicyStore.AllowEverything().Current;
        var joined = _policy.Decide(ManyRulesMatch);
        if (joined.Masks.Count < 2 || joined.LogTags.Count < 2)
        {
            throw new InvalidOperationException($"the many-rules input should match several contributing rules: {joined}");
        }
    }

    [Benchmark(Baseline = true)]
    public Verdict NoPolicy() => _none.Decide(TypicalRead).Verdict;

    [Benchmark]
    public Verdict Rules100_TypicalRead() => _policy.Decide(TypicalRead).Verdict;

    [Benchmark]
    public Verdict Rules100_ManyRulesMatch() => _policy.Decide(ManyRulesMatch).Verdict;
}
