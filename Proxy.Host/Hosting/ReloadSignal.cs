using System.Runtime.InteropServices;

namespace Proxy.Host.Hosting;

/// <summary>
/// SIGHUP as "reload the policy", also when the proxy was started with SIGHUP ignored (`nohup proxy run`,
/// or a supervisor that ignores it for its children). The runtime leaves a signal that was ignored at
/// start ignored, so the registration alone would make such a proxy deaf to reloads; an operator who
/// sends SIGHUP to a daemon means "reload", as for nginx, haproxy or PostgreSQL. Taking the signal over
/// is safe for nohup's purpose too: a hangup then reloads the policy instead of ending the process.
/// </summary>
internal static partial class ReloadSignal
{
    private const int SigHup = 1;
    private const nint SigDfl = 0;
    private const nint SigIgn = 1;

    public static IDisposable Register(Action<PosixSignalContext> handler)
    {
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && IsIgnored(SigHup))
        {
            // Back to the default for the instant before the registration installs the runtime's handler: a
            // SIGHUP in that instant ends the process, as one does before the host has started at all.
            SetSignal(SigHup, SigDfl);
        }

        return PosixSignalRegistration.Create(PosixSignal.SIGHUP, handler);
    }

    private static unsafe bool IsIgnored(int signal)
    {
        // struct sigaction starts with the handler on glibc, musl and macOS; the buffer is larger than the
        // struct on any of them (152 bytes on glibc x64), and only that first field is read.
        var action = stackalloc byte[512];
        return QuerySignalAction(signal, null, action) == 0 && *(nint*)action == SigIgn;
    }

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static unsafe partial int QuerySignalAction(int signal, byte* action, byte* previous);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignal(int signal, nint handler);
}
