using System.CommandLine;
using Proxy.Host.Cli;

// The Generic Host handles SIGTERM/Ctrl-C itself (graceful drain); System.CommandLine must not
// terminate the process on its own timer first.
return await ProxyCommandLine.Build()
    .Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })
    .ConfigureAwait(false);
