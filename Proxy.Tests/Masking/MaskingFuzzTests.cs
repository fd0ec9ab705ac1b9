using System.Buffers;
using Proxy.Core.Masking;
using static Proxy.Tests.Masking.MaskTestText;

namespace Proxy.Tests.Masking;

/// <summary>Arbitrary bytes never make a mask throw, and a pattern mask either leaves a value alone or writes a whole one.</summary>
public sealed class MaskingFuzzTests
{
    /// <summary>Bytes that steer random input towards the detectors' prefixes, so their deeper branches are reached.</summary>
    private static readonly byte[][] Fragments =
    [
        "@"u8.ToArray(), "."u8.ToArray(), "4111 1111 1111 1111"u8.ToArray(), "123-45-6789"u8.ToArray(), "+44 20"u8.ToArray(), "(415) 555-"u8.ToArray(),
        "DE89 3704"u8.ToArray(), "eyJhbGciOiJub25lIn0."u8.ToArray(), "AKIA"u8.ToArray(), "-----BEGIN RSA PRIVATE KEY-----"u8.ToArray(),
        "-----END "u8.ToArray(), "PRIVATE KEY-----"u8.ToArray(), [0xF0, 0x9F, 0x98], [0xC3], [0xFF], [0xED, 0xA0, 0x80], "a@b.co"u8.ToArray(), "0"u8.ToArray(),
    ];

    [Test]
    public void Random_bytes_never_throw()
    {
        var random = new Random(20261122);
        ValueMask[] functions =
        [
            ValueMask.Create("redact", []), ValueMask.Create("null", []), ValueMask.Create("hash", [], HashKey), ValueMask.Create("email", []),
            ValueMask.Create("partial", ["0"]), ValueMask.Create("partial", ["3"]), ValueMask.Create("partial", ["100"]), ValueMask.Create("fixed", ["F"]),
        ];
        var mask = new PatternMask(
        [
            .. ValuePatterns.Names.Select((name, i) => (ValuePatterns.Get(name), functions[i % functions.Length] is var f && f.Name == "null" ? functions[0] : f)),
            (ValuePatterns.Regex(".[0-9]", "s"), ValueMask.Create("partial", ["1"])),
        ]);
        var output = new ArrayBufferWriter<byte>();
        var buffer = new List<byte>();

        for (var iteration = 0; iteration < 20_000; iteration++)
        {
            buffer.Clear();
            var pieces = random.Next(0, 12);
            for (var p = 0; p < pieces; p++)
            {
                if (random.Next(3) == 0)
                {
                    buffer.AddRange(Fragments[random.Next(Fragments.Length)]);
                }
                else
                {
                    var bytes = new byte[random.Next(0, 8)];
                    random.NextBytes(bytes);
                    buffer.AddRange(bytes);
                }
            }

            var value = buffer.ToArray();
            foreach (var function in functions)
            {
                output.ResetWrittenCount();
                Assert.DoesNotThrow(() => function.Apply(value, output), Convert.ToHexString(value));
            }

            output.ResetWrittenCount();
            MaskResult result = default;
            Assert.DoesNotThrow(() => result = mask.Apply(value, output), Convert.ToHexString(value));
            if (result == MaskResult.Unchanged)
            {
                Assert.That(output.WrittenCount, Is.Zero, Convert.ToHexString(value));
            }

            // Every detector's ranges stay inside the value, in order, without overlapping.
            foreach (var name in ValuePatterns.Names)
            {
                var previousEnd = 0;
                foreach (var range in ValuePatterns.Get(name).Matches(value))
                {
                    var (offset, length) = range.GetOffsetAndLength(value.Length);
                    Assert.That(offset, Is.GreaterThanOrEqualTo(previousEnd), $"{name} {Convert.ToHexString(value)}");
                    Assert.That(length, Is.Positive, $"{name} {Convert.ToHexString(value)}");
                    previousEnd = offset + length;
                }
            }
        }
    }
}
