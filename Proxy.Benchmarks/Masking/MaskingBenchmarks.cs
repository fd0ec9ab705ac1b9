using System.Buffers;
using BenchmarkDotNet.Attributes;
using Proxy.Core.Masking;

namespace Proxy.Benchmarks.Masking;

/// <summary>
/// One result value through a mask (docs/masking.md): column masks on typical values, and the eight built-in
/// detectors scanning a typical 100-byte text with and without a match. One operation is one value, so values
/// per second per core is 1e9 / Mean(ns). The baseline copies the value: what forwarding it unmasked costs.
/// Budget: 0 B allocated in every case; the target is at least 2M masked values/s per core.
/// </summary>
public class MaskingBenchmarks
{
    private static readonly byte[] CardNumber = "4111111111111111"u8.ToArray();
    private static readonly byte[] EmailAddress = "alice.liddell@example.com"u8.ToArray();

    private static readonly byte[] TextWithoutMatch =
        "Customer called about order 48213 on 2024-03-07; agreed to ship the replacement part by Friday, ok."u8.ToArray();

    private static readonly byte[] TextWithMatch =
        "Customer called about order 48213; paid with card 4111 1111 1111 1111, ship replacement by Friday."u8.ToArray();

    private readonly ArrayBufferWriter<byte> _output = new(1024);
    private ValueMask _partial = null!;
    private ValueMask _email = null!;
    private PatternMask _builtInPatterns = null!;

    [GlobalSetup]
    public void Setup()
    {
        _partial = ValueMask.Create("partial", ["4"]);
        _email = ValueMask.Create("email", []);
        _builtInPatterns = new PatternMask(ValuePatterns.Names.Select(name => (ValuePatterns.Get(name), ValueMask.Create("redact", []))).ToArray());
    }

    [Benchmark(Baseline = true)]
    public int CopyValue()
    {
        _output.ResetWrittenCount();
        CardNumber.CopyTo(_output.GetSpan(CardNumber.Length));
        _output.Advance(CardNumber.Length);
        return _output.WrittenCount;
    }

    [Benchmark]
    public MaskResult PartialKeep4OnCardNumber()
    {
        _output.ResetWrittenCount();
        return _partial.Apply(CardNumber, _output);
    }

    [Benchmark]
    public MaskResult EmailOnAddress()
    {
        _output.ResetWrittenCount();
        return _email.Apply(EmailAddress, _output);
    }

    [Benchmark]
    public MaskResult ScanText100BytesNoMatch()
    {
        _output.ResetWrittenCount();
        return _builtInPatterns.Apply(TextWithoutMatch, _output);
    }

    [Benchmark]
    public MaskResult ScanText100BytesOneCard()
    {
        _output.ResetWrittenCount();
        return _builtInPatterns.Apply(TextWithMatch, _output);
    }
}
