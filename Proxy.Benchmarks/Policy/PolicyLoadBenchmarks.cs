using BenchmarkDotNet.Attributes;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;

namespace Proxy.Benchmarks.Policy;

/// <summary>
/// What a start or a reload costs: reading, parsing, binding (with the warnings' analysis) and compiling a
/// directory of generated rules. Target: under a second for 1,000 rules.
/// </summary>
public class PolicyLoadBenchmarks
{
    private string _directory = null!;

    [Params(100, 1000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup() => _directory = GeneratedPolicy.WriteDirectory(Rules, files: 10);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public int LoadAndCompile()
    {
        var (document, diagnostics) = PolicyLoader.Load(_directory);
        if (document is null || diagnostics.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", diagnostics));
        }

        return CompiledPolicy.Compile(document).RuleCount;
    }
}
