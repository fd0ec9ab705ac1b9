using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Proxy.Core.Masking;
using static Proxy.Tests.Masking.MaskTestText;

namespace Proxy.Tests.Masking;

public sealed class ValueMaskTests
{
    private static ValueMask Function(string name, params string[] arguments) => ValueMask.Create(name, arguments, HashKey);

    [TestCase("alice@example.com")]
    [TestCase("")]
    [TestCase("Zoë Ångström")]
    public void Redact_writes_the_redacted_marker(string value)
    {
        Assert.That(Apply(Function("redact"), value), Is.EqualTo((MaskResult.Written, "[redacted]")));
    }

    [TestCase("alice")]
    [TestCase("")]
    public void Null_makes_the_value_null_and_writes_nothing(string value)
    {
        Assert.That(Apply(Function("null"), value), Is.EqualTo((MaskResult.Null, "")));
    }

    [TestCase("4111111111111111", 4, "************1111")]
    [TestCase("+44 20 7946 0958", 4, "************0958")]
    [TestCase("abc", 4, "abc")]
    [TestCase("abcd", 4, "abcd")]
    [TestCase("", 4, "")]
    [TestCase("secret", 0, "******")]
    [TestCase("Zoë Ångström", 3, "*********röm")]
    [TestCase("日本語テキスト", 2, "*****スト")]
    [TestCase("a😀b😀", 2, "**b😀")]
    [TestCase("😀😀😀", 1, "**😀")]
    public void Partial_keeps_the_last_characters_counted_as_scalar_values(string value, int keep, string expected)
    {
        Assert.That(Apply(Function("partial", keep.ToString(System.Globalization.CultureInfo.InvariantCulture)), value), Is.EqualTo((MaskResult.Written, expected)));
    }

    [Test]
    public void Partial_treats_each_invalid_sequence_as_one_character_and_keeps_its_bytes()
    {
        // 0xFF is never valid UTF-8; 0xC3 without its continuation byte is a truncated sequence.
        byte[] value = [(byte)'a', 0xFF, (byte)'b', 0xC3];
        var output = new ArrayBufferWriter<byte>();

        var result = Function("partial", "2").Apply(value, output);

        Assert.That(result, Is.EqualTo(MaskResult.Written));
        Assert.That(output.WrittenSpan.ToArray(), Is.EqualTo(new byte[] { (byte)'*', (byte)'*', (byte)'b', 0xC3 }));
    }

    [TestCase("alice@example.com", "***@example.com")]
    [TestCase("\"a@b\"@example.org", "***@example.org")]
    [TestCase("zoë@exämple.de", "***@exämple.de")]
    [TestCase("trailing@", "***@")]
    [TestCase("no-at-sign", "[redacted]")]
    [TestCase("", "[redacted]")]
    public void Email_keeps_the_domain(string value, string expected)
    {
        Assert.That(Apply(Function("email"), value), Is.EqualTo((MaskResult.Written, expected)));
    }

    [TestCase("anything")]
    [TestCase("")]
    public void Fixed_writes_its_text(string value)
    {
        Assert.That(Apply(Function("fixed", "<hidden ✓>"), value), Is.EqualTo((MaskResult.Written, "<hidden ✓>")));
    }

    [Test]
    public void Hash_is_the_first_16_bytes_of_hmac_sha256_in_lowercase_hex()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(HashKey, "alice@example.com"u8)[..16]);

        var (result, text) = Apply(Function("hash"), "alice@example.com");

        Assert.That(result, Is.EqualTo(MaskResult.Written));
        Assert.That(text, Is.EqualTo(expected));
        Assert.That(text, Has.Length.EqualTo(32));
    }

    [Test]
    public void Hash_is_deterministic_per_key_and_differs_across_keys()
    {
        var first = ValueMask.Create("hash", [], "key-one"u8.ToArray());
        var again = ValueMask.Create("hash", [], "key-one"u8.ToArray());
        var other = ValueMask.Create("hash", [], "key-two"u8.ToArray());

        Assert.That(Apply(first, "4111111111111111").Text, Is.EqualTo(Apply(again, "4111111111111111").Text));
        Assert.That(Apply(first, "4111111111111111").Text, Is.Not.EqualTo(Apply(other, "4111111111111111").Text));
        Assert.That(Apply(first, "4111111111111111").Text, Is.Not.EqualTo(Apply(first, "4111111111111112").Text));
    }

    [Test]
    public void Hash_of_an_empty_value_and_of_invalid_utf8_is_defined()
    {
        Assert.That(Apply(Function("hash"), "").Text, Has.Length.EqualTo(32));
        Assert.That(Apply(Function("hash"), [0xFF, 0xFE, 0x80]).Text, Has.Length.EqualTo(32));
    }

    [Test]
    public void Hash_copies_the_key_so_later_changes_to_the_array_do_not_matter()
    {
        var key = "mutable"u8.ToArray();
        var function = ValueMask.Create("hash", [], key);
        var before = Apply(function, "x").Text;
        key[0] = (byte)'M';

        Assert.That(Apply(function, "x").Text, Is.EqualTo(before));
    }

    [Test]
    public void Hash_without_a_key_is_refused()
    {
        Assert.That(() => ValueMask.Create("hash", []), Throws.InvalidOperationException.With.Message.Contains("key"));
        Assert.That(() => ValueMask.Create("hash", [], []), Throws.InvalidOperationException);
    }

    [TestCase("redakt", new string[0], "unknown mask function 'redakt'")]
    [TestCase("partial", new string[0], "partial takes one argument")]
    [TestCase("partial", new[] { "-1" }, "partial takes one argument")]
    [TestCase("partial", new[] { "four" }, "partial takes one argument")]
    [TestCase("partial", new[] { "4", "5" }, "partial takes one argument")]
    [TestCase("fixed", new string[0], "fixed takes one string")]
    [TestCase("redact", new[] { "x" }, "redact takes no arguments")]
    [TestCase("email", new[] { "x" }, "email takes no arguments")]
    public void Invalid_functions_throw_clearly(string name, string[] arguments, string message)
    {
        Assert.That(() => ValueMask.Create(name, arguments, HashKey), Throws.ArgumentException.With.Message.Contains(message));
    }

    [Test]
    public void Functions_know_their_names()
    {
        Assert.That(Function("partial", "4").Name, Is.EqualTo("partial"));
        Assert.That(Function("fixed", "x").Name, Is.EqualTo("fixed"));
        Assert.That(Encoding.UTF8.GetString(ValueMask.Redacted), Is.EqualTo("[redacted]"));
    }
}
