using System.Globalization;
using System.Net;

namespace Proxy.Host.Configuration;

/// <summary>"host:port" as written in configuration; IPv6 literals in brackets ("[::1]:6432").</summary>
internal static class EndpointParser
{
    /// <summary>A listen address must be an IP literal (or localhost); port 0 asks the OS for a free port.</summary>
    public static bool TryParseListen(string text, out IPEndPoint endpoint, out string error)
    {
        endpoint = null!;
        if (!TrySplit(text, out var host, out var port, out error))
        {
            return false;
        }

        IPAddress? address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : host == "*" ? IPAddress.Any
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : null;
        if (address is null)
        {
            error = $"'{host}' is not an IP address (a listener binds to an address, not a name)";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>An upstream may be a name, resolved at every connect so DNS changes are followed.</summary>
    public static bool TryParseUpstream(string text, out EndPoint endpoint, out string error)
    {
        endpoint = null!;
        if (!TrySplit(text, out var host, out var port, out error))
        {
            return false;
        }

        if (port == 0)
        {
            error = "the upstream port must be between 1 and 65535";
            return false;
        }

        endpoint = IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
        return true;
    }

    private static bool TrySplit(string text, out string host, out int port, out string error)
    {
        host = string.Empty;
        port = 0;
        error = string.Empty;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{text}' is not host:port";
            return false;
        }

        host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            error = $"'{text}': write an IPv6 address in brackets, as [::1]:6432";
            return false;
        }

        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
        {
            error = $"'{text[(colon + 1)..]}' is not a port (0-65535)";
            return false;
        }

        return true;
    }
}
