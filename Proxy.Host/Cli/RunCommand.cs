using System.CommandLine;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proxy.Core.Approvals;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.Policy.Syntax;
using Proxy.Core.SessionLog;
using Proxy.Host.Admin;
using Proxy.Host.Configuration;
using Proxy.Host.Hosting;
using Proxy.Protocols;

namespace Proxy.Host.Cli;

/// <summary>`proxy run`: load and check the configuration, then serve until SIGTERM/Ctrl-C.</summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var config = new Option<string?>("--config", "-c") { Description = "JSON configuration file (docs/configuration.md)." };
        var upstream = new Option<string?>("--upstream") { Description = "Upstream HOST:PORT of the first listener." };
        var listen = new Option<string?>("--listen") { Description = $"Listen address of the first listener (default {ConfigurationLoader.DefaultListen})." };
        var protocol = new Option<string?>("--protocol") { Description = $"Protocol of the first listener (default {ConfigurationLoader.DefaultProtocol})." };
        var data = new Option<string?>("--data") { Description = $"Data directory holding the session log (default ./{ConfigurationLoader.DefaultDataDirectory})." };
        var durability = new Option<string?>("--durability") { Description = "Session log durability: normal or strict." };
        var policies = new Option<string?>("--policies") { Description = "Policy directory (every *.rules file in it) or one .rules file; reloaded when it changes or on SIGHUP." };
        var set = new Option<string[]>("--set")
        {
            Description = "Override any configuration key: --set Listeners:0:IdleTimeout=5m (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("run", "Run the proxy.") { config, upstream, listen, protocol, data, durability, policies, set };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var assignment in parse.GetValue(set) ?? [])
            {
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    await Console.Error.WriteLineAsync($"proxy: --set {assignment}: expected KEY=VALUE").ConfigureAwait(false);
                    return ProxyCommandLine.InvalidConfiguration;
                }

                overrides[assignment[..equals].Trim()] = assignment[(equals + 1)..];
            }

            AddIfSet(overrides, "Listeners:0:Upstream", parse.GetValue(upstream));
            AddIfSet(overrides, "Listeners:0:Listen", parse.GetValue(listen));
            AddIfSet(overrides, "Listeners:0:Protocol", parse.GetValue(protocol));
            AddIfSet(overrides, "DataDirectory", parse.GetValue(data));
            AddIfSet(overrides, "Durability", parse.GetValue(durability));
            AddIfSet(overrides, "Policies", parse.GetValue(policies));

            var sources = new ConfigurationSources
            {
                ConfigFile = parse.GetValue(config),
                Environment = ConfigurationSources.ReadEnvironment(),
                Overrides = overrides,
            };
            var result = ConfigurationLoader.Load(sources, ProtocolCatalog.Names);
            if (!result.IsValid)
            {
                foreach (var error in result.Errors)
                {
                    await Console.Error.WriteLineAsync(error.ToString()).ConfigureAwait(false);
                }

                await Console.Error.WriteLineAsync($"proxy: {result.Errors.Length} configuration error(s); nothing started").ConfigureAwait(false);
                return ProxyCommandLine.InvalidConfiguration;
            }

            var options = result.Options!;
            PolicySetup policy;
            if (options.PolicyPath is { } policyPath)
            {
                // Fail closed: a policy that does not load must not leave the proxy serving without it.
                var (document, diagnostics) = PolicyLoader.Load(policyPath);
                if (document is null)
                {
                    foreach (var diagnostic in diagnostics)
                    {
                        await Console.Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
                    }

                    var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
                    await Console.Error.WriteLineAsync($"{policyPath}: {errors} error{(errors == 1 ? string.Empty : "s")}").ConfigureAwait(false);
                    await Console.Error.WriteLineAsync("proxy: invalid policy; nothing started").ConfigureAwait(false);
                    return ProxyCommandLine.InvalidConfiguration;
                }

                if (options.MaskHashKey is null && HashMaskRules(document).ToList() is { Count: > 0 } keyless)
                {
                    foreach (var span in keyless)
                    {
                        await Console.Error.WriteLineAsync($"{span}: error: mask function 'hash' needs a key: set MaskHashKeyEnv or MaskHashKeyFile in the configuration (docs/configuration.md)").ConfigureAwait(false);
                    }

                    await Console.Error.WriteLineAsync("proxy: invalid policy; nothing started").ConfigureAwait(false);
                    return ProxyCommandLine.InvalidConfiguration;
                }

                policy = new PolicySetup(policyPath, new PolicyStore(CompiledPolicy.Compile(document)), diagnostics);
            }
            else
            {
                policy = new PolicySetup(null, PolicyStore.AllowEverything(), []);
            }

            return await RunAsync(options, policy, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Where enforced rules use `hash`, which cannot mask without the configured key.</summary>
    private static IEnumerable<SourceSpan> HashMaskRules(PolicyDocument document) =>
        document.Rules.Where(rule => rule.Mode != RuleMode.Audit).SelectMany(rule => rule.Actions).Select(action => action switch
        {
            MaskColumnAction column => column.Function,
            MaskPatternAction pattern => pattern.Function,
            _ => null,
        }).Where(function => function?.Name == "hash").Select(function => function!.Span);

    private static async Task<int> RunAsync(ProxyOptions options, PolicySetup policy, CancellationToken cancellationToken)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "proxy" });
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });

        // The host's own start/stop chatter says nothing the proxy's lines do not.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ISessionLog>(services => SqliteSessionLog.Open(
            options.SessionLogPath,
            options.Durability,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Proxy.SessionLog")));
        builder.Services.AddSingleton<IApprovalBroker>(services =>
        {
            var broker = new ApprovalBroker(
                services.GetRequiredService<ISessionLog>(),
                TimeProvider.System,
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Proxy.Approvals"));

            // Resolving the session log above opened (and migrated) the file, so the reader finds it. Requests the
            // last run left pending are closed as expired here, before any session can ask anything new.
            using var reader = SessionLogReader.Open(options.SessionLogPath);
            broker.Recover(reader);
            return broker;
        });
        builder.Services.AddSingleton(policy);
        builder.Services.AddSingleton(policy.Store);
        builder.Services.AddSingleton<ProxyHostedService>();

        // The admin API starts before the listeners and stops after they drain (AdminHostedService).
        builder.Services.AddHostedService<AdminHostedService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProxyHostedService>());
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.DrainTimeout + TimeSpan.FromSeconds(15));

        var host = builder.Build();
        await using var disposeHost = (IAsyncDisposable)host;
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            // Binding failed (address in use, not permitted): the hosted service already said which listener.
            await Console.Error.WriteLineAsync($"proxy: cannot start: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static void AddIfSet(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
