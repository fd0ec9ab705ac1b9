using System.Collections.Frozen;

namespace Proxy.Core.Masking;

/// <summary>The built-in detectors by policy name (PolicyVocabulary.MaskPatterns), and custom regexes.</summary>
public static class ValuePatterns
{
    private static readonly FrozenDictionary<string, ValuePattern> BuiltIn = new Dictionary<string, ValuePattern>(StringComparer.Ordinal)
    {
        ["email"] = EmailPattern.Instance,
        ["credit_card"] = CreditCardPattern.Instance,
        ["ssn"] = SsnPattern.Instance,
        ["phone"] = PhonePattern.Instance,
        ["iban"] = IbanPattern.Instance,
        ["jwt"] = JwtPattern.Instance,
        ["aws_key"] = AwsKeyPattern.Instance,
        ["private_key"] = PrivateKeyPattern.Instance,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Names => BuiltIn.Keys;

    public static ValuePattern Email => EmailPattern.Instance;

    public static ValuePattern CreditCard => CreditCardPattern.Instance;

    public static ValuePattern Ssn => SsnPattern.Instance;

    public static ValuePattern Phone => PhonePattern.Instance;

    public static ValuePattern Iban => IbanPattern.Instance;

    public static ValuePattern Jwt => JwtPattern.Instance;

    public static ValuePattern AwsKey => AwsKeyPattern.Instance;

    public static ValuePattern PrivateKey => PrivateKeyPattern.Instance;

    /// <summary>The built-in detector of that name; <see cref="ArgumentException"/> for a name the binder would have rejected.</summary>
    public static ValuePattern Get(string name) =>
        BuiltIn.TryGetValue(name, out var pattern)
            ? pattern
            : throw new ArgumentException($"unknown mask pattern '{name}' (patterns: {string.Join(", ", BuiltIn.Keys)})", nameof(name));

    /// <summary>`/pattern/flags` (flags i, m, s, x), compiled with RegexOptions.NonBacktracking; throws <see cref="ArgumentException"/> for a bad pattern or flag.</summary>
    public static ValuePattern Regex(string pattern, string flags = "") => new RegexPattern(pattern, flags);
}
