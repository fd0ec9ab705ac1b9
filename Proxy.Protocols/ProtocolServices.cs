using Microsoft.Extensions.Logging;
using Proxy.Core.Policy;

namespace Proxy.Protocols;

/// <summary>What the running proxy shares with every protocol handler it creates.</summary>
public sealed record ProtocolServices
{
    public required PolicyStore Policy { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }
}
