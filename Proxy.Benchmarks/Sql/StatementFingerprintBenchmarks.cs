using System.Text;
using BenchmarkDotNet.Attributes;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Benchmarks.Sql;

/// <summary>
/// What the fingerprint of a statement costs (an approval's `retry` grant is keyed by it). <see cref="Write"/>
/// into a caller's buffer must allocate nothing; <see cref="Of"/> adds the one string it returns.
/// </summary>
public class StatementFingerprintBenchmarks
{
    private static readonly Dictionary<string, string> s_statements = new()
    {
        ["delete-where"] = "DELETE FROM accounts WHERE id = 42 AND note = 'closed by support'",
        ["update-in-list"] = "update orders set status = 'void', updated_at = now() where id in (101, 102, 103) -- cleanup",
    };

    private byte[] _sql = [];
    private byte[] _destination = [];

    [Params("delete-where", "update-in-list")]
    public string Statement { get; set; } = "delete-where";

    [GlobalSetup]
    public void Setup()
    {
        _sql = Encoding.UTF8.GetBytes(s_statements[Statement]);
        _destination = new byte[StatementFingerprint.MaxLength(_sql.Length)];
    }

    [Benchmark(Baseline = true)]
    public int Write() => StatementFingerprint.Write(_sql, _destination);

    [Benchmark]
    public string Of() => StatementFingerprint.Of(_sql);
}
