using System.Buffers;
using Proxy.Core.Masking;
using static Proxy.Tests.Masking.MaskTestText;

namespace Proxy.Tests.Masking;

public sealed class PatternMaskTests
{
    private static ValueMask Function(string name, params string[] arguments) => ValueMask.Create(name, arguments, HashKey);

    [Test]
    public void Every_match_is_replaced_and_the_rest_copied()
    {
        var mask = new PatternMask(ValuePatterns.CreditCard, Function("partial", "4"));

        Assert.That(
            Apply(mask, "paid with 4111 1111 1111 1111, refunded to 5500-0055-5555-5559."),
            Is.EqualTo((MaskResult.Written, "paid with ***************1111, refunded to ***************5559.")));
    }

    [Test]
    public void Email_pattern_with_email_function_keeps_domains()
    {
        var mask = new PatternMask(ValuePatterns.Email, Function("email"));

        Assert.That(Apply(mask, "cc: zoë <a@x.io>, b.c@y.org"), Is.EqualTo((MaskResult.Written, "cc: zoë <***@x.io>, ***@y.org")));
    }

    [Test]
    public void Hash_of_a_match_is_the_hash_of_the_matched_text()
    {
        var hash = Function("hash");
        var mask = new PatternMask(ValuePatterns.Ssn, hash);

        Assert.That(Apply(mask, "ssn 123-45-6789").Text, Is.EqualTo("ssn " + Apply(hash, "123-45-6789").Text));
    }

    [TestCase("nothing to see here")]
    [TestCase("")]
    [TestCase("4111111111111112 is not a card")]
    public void No_match_is_unchanged_and_writes_nothing(string value)
    {
        var mask = new PatternMask([(ValuePatterns.CreditCard, Function("redact")), (ValuePatterns.Regex("secret[0-9]+"), Function("redact"))]);

        Assert.That(Apply(mask, value), Is.EqualTo((MaskResult.Unchanged, "")));
    }

    [Test]
    public void A_null_function_that_matches_makes_the_whole_value_null()
    {
        var mask = new PatternMask([(ValuePatterns.Email, Function("redact")), (ValuePatterns.AwsKey, Function("null"))]);

        Assert.That(Apply(mask, "a@x.io key AKIAIOSFODNN7EXAMPLE"), Is.EqualTo((MaskResult.Null, "")));
        Assert.That(Apply(mask, "a@x.io only"), Is.EqualTo((MaskResult.Written, "[redacted] only")));
    }

    [Test]
    public void Overlapping_matches_merge_and_the_leftmost_longest_picks_the_function()
    {
        // The regex starts first; the card number starts inside it and ends after it: one region, masked by the regex rule.
        var mask = new PatternMask([(ValuePatterns.CreditCard, Function("fixed", "CARD")), (ValuePatterns.Regex("ref 4111"), Function("fixed", "REF"))]);

        Assert.That(Apply(mask, "x ref 4111111111111111 y"), Is.EqualTo((MaskResult.Written, "x REF y")));
    }

    [Test]
    public void Overlapping_matches_at_the_same_start_use_the_longest_then_the_earlier_rule()
    {
        var longest = new PatternMask([(ValuePatterns.Regex("4111"), Function("fixed", "SHORT")), (ValuePatterns.CreditCard, Function("fixed", "CARD"))]);
        var sameLength = new PatternMask([(ValuePatterns.Regex("[0-9]{16}"), Function("fixed", "FIRST")), (ValuePatterns.CreditCard, Function("fixed", "SECOND"))]);

        Assert.That(Apply(longest, "4111111111111111!").Text, Is.EqualTo("CARD!"));
        Assert.That(Apply(sameLength, "4111111111111111!").Text, Is.EqualTo("FIRST!"));
    }

    [Test]
    public void Several_patterns_mask_their_own_matches()
    {
        var mask = new PatternMask(
        [
            (ValuePatterns.Email, Function("email")),
            (ValuePatterns.CreditCard, Function("partial", "4")),
            (ValuePatterns.Ssn, Function("redact")),
            (ValuePatterns.AwsKey, Function("fixed", "AKIA****")),
        ]);

        Assert.That(
            Apply(mask, "user a@x.io card 4111111111111111 ssn 123-45-6789 key AKIAIOSFODNN7EXAMPLE end"),
            Is.EqualTo((MaskResult.Written, "user ***@x.io card ************1111 ssn [redacted] key AKIA**** end")));
    }

    [Test]
    public void Regex_masks_keep_non_ascii_text_around_matches_intact()
    {
        var mask = new PatternMask(ValuePatterns.Regex("token=[a-z0-9]+"), Function("redact"));

        Assert.That(Apply(mask, "日本 token=abc123 😀 token=z"), Is.EqualTo((MaskResult.Written, "日本 [redacted] 😀 [redacted]")));
    }

    [Test]
    public void Many_matches_grow_the_match_list()
    {
        var value = string.Join(" ", Enumerable.Range(0, 100).Select(i => $"u{i}@x.io"));
        var mask = new PatternMask(ValuePatterns.Email, Function("fixed", "E"));

        Assert.That(Apply(mask, value).Text, Is.EqualTo(string.Join(" ", Enumerable.Repeat("E", 100))));
    }

    [Test]
    public void Empty_pattern_mask_leaves_every_value_unchanged()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.That(PatternMask.Empty.Apply("a@x.io"u8, output), Is.EqualTo(MaskResult.Unchanged));
        Assert.That(PatternMask.Empty.IsEmpty, Is.True);
    }
}
