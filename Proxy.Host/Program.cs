using System.CommandLine;
using Proxy.Host.Cli;

// Socket completions run inline on the socket-engine threads: a received message runs the protocol
// handler and the opposite send on the thread that saw it, with no hop to a pool thread. Measured with
// pgbench -S through the proxy (docs/benchmarks.md): 0.68× → 0.82× haproxy, at half the proxy CPU.
// It holds only because nothing on the data path blocks (the session log writes on its own thread).
// The runtime reads the variable once, when the first socket is made; an operator's value wins.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

// One socket-engine thread per two cores, not the runtime's one per core when completions are inline. The proxy
// shares its cores with the database and the clients beside it; fewer engine threads find more events per wake-up,
// and on two cores both sockets of a session are served by the same thread. Measured on a quiet 2-core machine
// (docs/performance.md): at 1 client 4-15 % more transactions/s and 8-21 µs less added p50, at 8 clients the same
// transactions/s for 8-11 % less proxy CPU. An operator's value wins here too.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT") is null)
{
    Environment.SetEnvironmentVariable(
        "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT",
        Math.Max(1, Environment.ProcessorCount / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
}

// The Generic Host handles SIGTERM/Ctrl-C itself (graceful drain); System.CommandLine must not
// terminate the process on its own timer first.
return await ProxyCommandLine.Build()
    .Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })
    .ConfigureAwait(false);
