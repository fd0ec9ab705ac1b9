using System.Collections.Frozen;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Core.Policy;

/// <summary>
/// The policy the running proxy enforces. Readers take <see cref="Current"/> once per command and decide with
/// that instance to the end, so a reload never shows a command half of one policy and half of another; a
/// reload builds a whole new <see cref="CompiledPolicy"/> and swaps the reference.
/// </summary>
public sealed class PolicyStore
{
    private CompiledPolicy _current;

    public PolicyStore(CompiledPolicy initial)
    {
        _current = initial;
    }

    /// <summary>No policy configured: every command is allowed (and still recorded).</summary>
    public static PolicyStore AllowEverything() =>
        new(CompiledPolicy.Compile(new PolicyDocument([], DefaultDecision.Allow, FrozenDictionary<string, ListNode>.Empty, [], [])));

    public CompiledPolicy Current => Volatile.Read(ref _current);

    public void Replace(CompiledPolicy policy) => Volatile.Write(ref _current, policy);
}
