namespace Proxy.Host.Configuration;

/// <summary>
/// Where configuration comes from, lowest precedence first: the JSON file, then environment variables
/// (PROXY__Key__Sub=value), then command-line overrides (--set Key:Sub=value and the run options).
/// </summary>
public sealed record ConfigurationSources
{
    public const string EnvironmentPrefix = "PROXY__";

    public string? ConfigFile { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>The PROXY__ variables of this process, as configuration keys.</summary>
    public static IReadOnlyDictionary<string, string?> ReadEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                result[name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = (string?)entry.Value;
            }
        }

        return result;
    }
}
