namespace Proxy.Tests.Support;

/// <summary>
/// What a warmed-up loop allocates per run: the least of a few measured runs on this thread. A steady
/// allocation per call shows in every run; a one-time allocation of the runtime (a method tiering up, a lazy
/// cache filled, on-stack replacement) lands in one run at most, and on a loaded machine it can come late.
/// </summary>
internal static class SteadyAllocation
{
    public static long Measure(Action run, int runs = 3)
    {
        run();
        var least = long.MaxValue;
        for (var i = 0; i < runs && least > 0; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            run();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
