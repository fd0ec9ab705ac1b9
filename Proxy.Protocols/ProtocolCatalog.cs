using Proxy.Core.Sessions;
using Proxy.Protocols.Tcp;

namespace Proxy.Protocols;

/// <summary>The protocols a listener can speak, by the name used in configuration.</summary>
public static class ProtocolCatalog
{
    private static readonly Dictionary<string, Func<IProtocolHandler>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tcp"] = static () => new TcpPassthroughHandler(),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static bool IsKnown(string name) => Factories.ContainsKey(name);

    public static IProtocolHandler Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"unknown protocol '{name}' (known: {string.Join(", ", Names)})", nameof(name));
}
