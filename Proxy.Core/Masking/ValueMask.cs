using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Proxy.Core.Masking;

/// <summary>
/// A compiled mask function (docs/masking.md): what replaces a masked value, or a masked part of one. Immutable
/// and thread-safe. <see cref="Apply"/> never throws on arbitrary bytes: a value that is not valid UTF-8 is
/// treated as opaque text.
/// </summary>
public abstract class ValueMask
{
    /// <summary>What `redact` writes, and what `email` writes for a value without '@'.</summary>
    public static ReadOnlySpan<byte> Redacted => "[redacted]"u8;

    private protected ValueMask(string name) => Name = name;

    /// <summary>The function's name in the policy language: `redact`, `null`, `hash`, `email`, `partial`, `fixed`.</summary>
    public string Name { get; }

    /// <summary>How much of the original the function reveals: lower reveals less. Picks the winner when several column masks name one column.</summary>
    internal abstract int Disclosure { get; }

    /// <summary>Of two masks on one value, the one that reveals less (either may be null).</summary>
    public static ValueMask? LeastRevealing(ValueMask? a, ValueMask? b) =>
        a is null ? b : b is null ? a : b.Disclosure < a.Disclosure ? b : a;

    /// <summary>Writes the masked form of <paramref name="utf8Value"/> and returns <see cref="MaskResult.Written"/>, or returns <see cref="MaskResult.Null"/> and writes nothing.</summary>
    public abstract MaskResult Apply(ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output);

    /// <summary>
    /// Compiles a directive's function. <paramref name="arguments"/> are the argument texts as the policy holds
    /// them (`partial(keep: 4)` → ["4"], `fixed("x")` → ["x"]). <paramref name="hashKey"/> is the HMAC key of
    /// `hash`, from configuration, never from the policy. Throws <see cref="ArgumentException"/> for a name or
    /// arguments the binder would have rejected, <see cref="InvalidOperationException"/> for `hash` without a key.
    /// </summary>
    public static ValueMask Create(string name, IReadOnlyList<string> arguments, byte[]? hashKey = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        switch (name)
        {
            case "redact":
                NoArguments(name, arguments);
                return RedactMask.Instance;
            case "null":
                NoArguments(name, arguments);
                return NullMask.Instance;
            case "email":
                NoArguments(name, arguments);
                return EmailMask.Instance;
            case "hash":
                NoArguments(name, arguments);
                if (hashKey is null || hashKey.Length == 0)
                {
                    throw new InvalidOperationException("mask function 'hash' needs a key from configuration; none was given");
                }

                return new HashMask(hashKey);
            case "partial":
                if (arguments.Count != 1 || !int.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var keep))
                {
                    throw new ArgumentException($"partial takes one argument, a non-negative whole number: partial(keep: N); got ({string.Join(", ", arguments)})", nameof(arguments));
                }

                return new PartialMask(keep);
            case "fixed":
                if (arguments.Count != 1)
                {
                    throw new ArgumentException($"fixed takes one string: fixed(\"text\"); got {arguments.Count} arguments", nameof(arguments));
                }

                return new FixedMask(arguments[0]);
            default:
                throw new ArgumentException($"unknown mask function '{name}' (functions: redact, null, hash, email, partial, fixed)", nameof(name));
        }
    }

    private static void NoArguments(string name, IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 0)
        {
            throw new ArgumentException($"{name} takes no arguments; got {arguments.Count}", nameof(arguments));
        }
    }

    private protected static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return;
        }

        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}

internal sealed class RedactMask : ValueMask
{
    public static readonly RedactMask Instance = new();

    private RedactMask()
        : base("redact")
    {
    }

    internal override int Disclosure => 1;

    public override MaskResult Apply(ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output)
    {
        Write(output, Redacted);
        return MaskResult.Written;
    }
}

internal sealed class NullMask : ValueMask
{
    public static readonly NullMask Instance = new();

    private NullMask()
        : base("null")
    {
    }

    internal override int Disclosure => 0;

    public override MaskResult Apply(ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output) => MaskResult.Null;
}

internal sealed class FixedMask : ValueMask
{
    private readonly byte[] _text;

    public FixedMask(string text)
        : base("fixed") => _text = Encoding.UTF8.GetBytes(text);

    internal override int Disclosure => 2;

    public override MaskResult Apply(ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output)
    {
        Write(output, _text);
        return MaskResult.Written;
    }
}

/// <summary>
/// HMAC-SHA256 under a configured key, the first 16 bytes as 32 lowercase hex digits: equal values give equal
/// output, so joins and GROUP BY on a hashed column still work, while without the key the output cannot be
/// brute-forced back from a small value space (phone numbers, SSNs) the way a bare SHA-256 can.
/// </summary>
internal sealed class HashMask : ValueMask
{
    public const int OutputBytes = 16;

    private readonly byte[] _key;

    public HashMask(byte[] key)
        : base("hash") => _key = (byte[])key.Clone();

    internal override int Disclosure => 3;

    public override MaskResult Apply(ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, utf8Value, mac);
        var destination = output.GetSpan(OutputBytes * 2);
        for (var i = 0; i < OutputBytes; i++)
        {
            destination[2 * i] = LowerHex[mac[i] >> 4];
            destination[(2 * i) + 1] = LowerHex[mac[i] & 0xF];
        }

        output.Advance(OutputBytes * 2);
        return MaskResult.Written;
    }

    private static ReadOnlySpan<byte> LowerHex => "0123456789abcdef"u8;
}

/// <summary>`***@domain`: the domain is what analysts group by; the local part identifies the person.</summary>
internal sealed class EmailMask : ValueMask
{
    public static readonly EmailMask Instance = new();

    private EmailMask()
        : base("email")
    {
    }

    internal override int Disclosure => 4;

    public override MaskResult Apply(ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output)
    {
        // The last '@': a quoted local part may hold '@' (RFC 5322 3.4.1), a domain never does.
        var at = utf8Value.LastIndexOf((byte)'@');
        if (at < 0)
        {
            Write(output, Redacted);
            return MaskResult.Written;
        }

        Write(output, "***"u8);
        Write(output, utf8Value[at..]);
        return MaskResult.Written;
    }
}

/// <summary>
/// Keeps the last N characters and writes '*' for each earlier one. Characters are Unicode scalar values; in
/// bytes that are not valid UTF-8, each maximal invalid subsequence (as <see cref="Rune.DecodeFromUtf8"/>
/// reports it) counts as one character and is kept byte for byte, so the kept tail is never a split sequence.
/// </summary>
internal sealed class PartialMask : ValueMask
{
    public PartialMask(int keep)
        : base("partial") => Keep = keep;

    public int Keep { get; }

    // Keeping fewer characters reveals less; 5 + keep stays above email's 4.
    internal override int Disclosure => 5 + Math.Min(Keep, int.MaxValue - 5);

    public override MaskResult Apply(ReadOnlySpan<byte> utf8Value, IBufferWriter<byte> output)
    {
        int characters;
        int tailStart;
        if (System.Text.Ascii.IsValid(utf8Value))
        {
            characters = utf8Value.Length;
            tailStart = Math.Max(0, characters - Keep);
        }
        else
        {
            characters = Utf8Text.CountCharacters(utf8Value);
            tailStart = characters <= Keep ? 0 : Utf8Text.OffsetOfCharacter(utf8Value, characters - Keep);
        }

        var stars = Math.Max(0, characters - Keep);
        if (stars > 0)
        {
            output.GetSpan(stars)[..stars].Fill((byte)'*');
            output.Advance(stars);
        }

        Write(output, utf8Value[tailStart..]);
        return MaskResult.Written;
    }
}
