using System.Buffers;
using System.Text;
using Proxy.Core.Masking;
using Proxy.Tests.Support;
using static Proxy.Tests.Masking.MaskTestText;

namespace Proxy.Tests.Masking;

/// <summary>A value nothing matches is the common case on the data path: scanning it allocates nothing after warm-up.</summary>
public sealed class MaskingAllocationTests
{
    private static readonly byte[][] Values =
    [
        "The quick brown fox jumps over the lazy dog; order 12345 shipped on 2024-01-15 to Berlin, total 99.90 EUR."u8.ToArray(),
        Encoding.UTF8.GetBytes("Zoë Ångström, 日本語テキスト 😀 — nothing secret here, id 4111111111111112, eyJub3Q."),
        [0xFF, 0xFE, (byte)'@', 0xC3, (byte)'+', (byte)'1', 0x80],
        [],
    ];

    [Test]
    public void Scanning_values_without_a_match_allocates_nothing()
    {
        var mask = new PatternMask(
        [
            .. ValuePatterns.Names.Select(name => (ValuePatterns.Get(name), ValueMask.Create("redact", []))),
            (ValuePatterns.Regex("secret_[0-9]+", "i"), ValueMask.Create("redact", [])),
        ]);
        var output = new ArrayBufferWriter<byte>();
        var results = 0;
        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                foreach (var value in Values)
                {
                    results += (int)mask.Apply(value, output);
                }
            }
        });

        Assert.That(results, Is.Zero, "every value is Unchanged");
        Assert.That(output.WrittenCount, Is.Zero);
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Column_masks_allocate_nothing_after_warm_up()
    {
        ValueMask[] functions = [ValueMask.Create("partial", ["4"]), ValueMask.Create("email", []), ValueMask.Create("redact", []), ValueMask.Create("fixed", ["x"])];
        var value = "alice.liddell@example.com"u8.ToArray();
        var output = new ArrayBufferWriter<byte>(4096);
        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                output.ResetWrittenCount();
                foreach (var function in functions)
                {
                    function.Apply(value, output);
                }
            }
        });

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Masking_a_match_allocates_nothing_after_warm_up()
    {
        var mask = new PatternMask([(ValuePatterns.CreditCard, ValueMask.Create("partial", ["4"])), (ValuePatterns.Regex("k[0-9]+"), ValueMask.Create("hash", [], HashKey))]);
        var value = Encoding.UTF8.GetBytes("paid with 4111 1111 1111 1111 ü k42");
        var output = new ArrayBufferWriter<byte>(4096);

        // Once 1,440 B and once 7,944 B in a single run on a fresh or loaded machine (lazy state of the regex or
        // HMAC, a tier-up): one-time costs, which is why the steady measure takes the least of several runs.
        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                output.ResetWrittenCount();
                mask.Apply(value, output);
            }
        });

        Assert.That(allocated, Is.Zero);
    }
}
