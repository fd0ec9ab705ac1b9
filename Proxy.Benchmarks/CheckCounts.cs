namespace Proxy.Benchmarks;

/// <summary>
/// What a CI check (<c>budgets</c>, <c>macro --floor</c>) passed and failed, written as one line
/// "passed failed" to the file given with <c>--counts</c>; test.sh adds it to its final summary.
/// </summary>
internal static class CheckCounts
{
    public static void Write(string? path, int passed, int failed)
    {
        if (path is not null)
        {
            File.WriteAllText(path, $"{passed} {failed}\n");
        }
    }
}
