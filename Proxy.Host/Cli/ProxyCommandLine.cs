using System.CommandLine;

namespace Proxy.Host.Cli;

/// <summary>The `proxy` command tree.</summary>
internal static class ProxyCommandLine
{
    /// <summary>Exit code for an invalid configuration or command line, as documented.</summary>
    public const int InvalidConfiguration = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("Identity-aware access proxy: forwards, inspects and records every session.");
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(SessionsCommands.Build());
        root.Subcommands.Add(PolicyCommands.Build());
        root.Subcommands.Add(IdentityCommands.Build());
        root.Subcommands.Add(ApprovalsCommands.Build());
        root.Subcommands.Add(AdminCommands.Build());
        return root;
    }
}
