using Proxy.Core.Sessions;
using Proxy.Core.Transport;
using Proxy.Protocols.Postgres;
using Proxy.Protocols.Tcp;

namespace Proxy.Protocols;

/// <summary>The protocols a listener can speak, by the name used in configuration.</summary>
public static class ProtocolCatalog
{
    private static readonly Dictionary<string, Func<ListenerOptions, ProtocolServices, IProtocolHandler>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tcp"] = static (_, _) => new TcpPassthroughHandler(),
        [PostgresHandler.ProtocolName] = static (listener, services) => new PostgresHandler(listener, services, listener.ProtocolSettings as PostgresSettings ?? new PostgresSettings()),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static bool IsKnown(string name) => Factories.ContainsKey(name);

    /// <summary>The handler for <paramref name="listener"/>'s protocol, one per listener.</summary>
    public static IProtocolHandler Create(ListenerOptions listener, ProtocolServices services) =>
        Factories.TryGetValue(listener.Protocol, out var factory)
            ? factory(listener, services)
            : throw new ArgumentException($"unknown protocol '{listener.Protocol}' (known: {string.Join(", ", Names)})", nameof(listener));
}
