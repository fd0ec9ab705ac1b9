using System.Runtime.InteropServices;

namespace Proxy.Benchmarks.Macro;

/// <summary>The few libc calls .NET has no API for: sending a signal other than SIGKILL, and who we are.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    public static bool IsRoot => GetEffectiveUserId() == 0;

    public static bool TrySignal(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
