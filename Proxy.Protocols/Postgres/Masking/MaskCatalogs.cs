using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Proxy.Core.Masking;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.Transport;

namespace Proxy.Protocols.Postgres.Masking;

/// <summary>
/// A listener's masking state shared by its sessions: the catalog of each database behind its upstream, and
/// the compiled plan of each distinct mask list the policy hands out.
/// </summary>
internal sealed class MaskCatalogs(ListenerOptions listener, PostgresSettings settings, byte[]? hashKey)
{
    /// <summary>Distinct mask lists a policy produces are few; past this many (policy reloads), the cache starts over.</summary>
    private const int MaxPlans = 1024;

    private readonly ConcurrentDictionary<string, MaskCatalog> _catalogs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IReadOnlyList<MaskDirective>, MaskPlan> _plans = new(DirectiveListComparer.Instance);

    /// <summary>
    /// Who the catalog lookups log in as: the held credential, or with passthrough the listener's catalog
    /// credential. Null: column masks cannot be resolved, and statements carrying them are refused.
    /// </summary>
    public HeldCredential? Credential => settings.Auth == PostgresAuth.Held ? settings.Upstream : settings.Catalog;

    /// <summary>A lookup that takes longer fails, and its statement is refused: a slow catalog never holds a session longer.</summary>
    public TimeSpan Timeout => listener.ConnectTimeout + TimeSpan.FromSeconds(5);

    public MaskCatalog? For(string database) =>
        Credential is { } credential
            ? _catalogs.GetOrAdd(database, static (name, state) => new MaskCatalog(state.Upstream, state.Settings, state.Credential, name, state.Timeout), (Upstream: listener.Upstream, Settings: settings, Credential: credential, Timeout))
            : null;

    /// <summary>DDL passed through the proxy: every database's cache starts over.</summary>
    public void Invalidate()
    {
        foreach (var catalog in _catalogs.Values)
        {
            catalog.Invalidate();
        }
    }

    /// <summary>The compiled plan of a decision's masks; throws as <see cref="MaskPlan.Compile"/> does.</summary>
    public MaskPlan Plan(IReadOnlyList<MaskDirective> directives)
    {
        if (_plans.TryGetValue(directives, out var plan))
        {
            return plan;
        }

        if (_plans.Count >= MaxPlans)
        {
            _plans.Clear();
        }

        plan = MaskPlan.Compile(directives, hashKey);
        _plans.TryAdd([.. directives], plan);
        return plan;
    }

    /// <summary>Directive lists are equal when they hold the same directive instances in order (the policy's own objects).</summary>
    private sealed class DirectiveListComparer : IEqualityComparer<IReadOnlyList<MaskDirective>>
    {
        public static readonly DirectiveListComparer Instance = new();

        public bool Equals(IReadOnlyList<MaskDirective>? x, IReadOnlyList<MaskDirective>? y)
        {
            if (x is null || y is null || x.Count != y.Count)
            {
                return ReferenceEquals(x, y);
            }

            for (var i = 0; i < x.Count; i++)
            {
                if (!ReferenceEquals(x[i], y[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<MaskDirective> list)
        {
            var hash = new HashCode();
            for (var i = 0; i < list.Count; i++)
            {
                hash.Add(RuntimeHelpers.GetHashCode(list[i]));
            }

            return hash.ToHashCode();
        }
    }
}
