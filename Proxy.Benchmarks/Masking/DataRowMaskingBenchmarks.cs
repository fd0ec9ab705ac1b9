using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
using Proxy.Core.Masking;
using Proxy.Protocols.Postgres.Masking;

namespace Proxy.Benchmarks.Masking;

/// <summary>
/// One DataRow through the in-flight rewriter (docs/masking.md): a pgbench_accounts row in text format (aid,
/// bid, abalance, an 84-character filler) under default.rules' card-number pattern, with and without a column
/// mask on the filler. One operation is one row, and with the column mask one masked value, so masked values per
/// second per core is 1e9 / Mean(ns). The baseline copies the row: what forwarding it unmasked costs.
/// Budget: 0 B allocated per row, masked or not; target: at least 2M masked values/s per core.
/// </summary>
public class DataRowMaskingBenchmarks
{
    private const uint Int4 = 23, Bpchar = 1042;

    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly MaskScratch _scratch = new();
    private byte[] _row = null!;
    private byte[] _cardRow = null!;
    private ResultMask _patternsOnly = null!;
    private ResultMask _fillerMasked = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cards = new PatternMask(ValuePatterns.CreditCard, ValueMask.Create("partial", ["4"]));
        ColumnMasking Column(ValueMask? whole, uint type) => ResultMask.Column(whole, type, binary: false, citext: 0, "bench");
        _patternsOnly = new ResultMask([Column(null, Int4), Column(null, Int4), Column(null, Int4), Column(null, Bpchar)], cards);
        _fillerMasked = new ResultMask([Column(null, Int4), Column(null, Int4), Column(null, Int4), Column(ValueMask.Create("partial", ["4"]), Bpchar)], cards);
        _row = Row("482913", "5", "-2311", new string(' ', 84));
        _cardRow = Row("482913", "5", "-2311", ("note 4111 1111 1111 1111" + new string(' ', 84))[..84]);
    }

    [Benchmark(Baseline = true)]
    public int ForwardRow()
    {
        _output.ResetWrittenCount();
        _row.CopyTo(_output.GetSpan(_row.Length));
        _output.Advance(_row.Length);
        return _output.WrittenCount;
    }

    /// <summary>The common case under default.rules: every value scanned, nothing found, the row forwarded as it is.</summary>
    [Benchmark]
    public bool PatternScanNoMatch()
    {
        _output.ResetWrittenCount();
        return _patternsOnly.TryRewrite(_row, _scratch, _output);
    }

    /// <summary>A card number in the filler: the row is rewritten.</summary>
    [Benchmark]
    public bool PatternScanOneCard()
    {
        _output.ResetWrittenCount();
        return _patternsOnly.TryRewrite(_cardRow, _scratch, _output);
    }

    /// <summary>`mask column ["filler"] with partial(keep: 4)`: one masked value per row, the row rewritten.</summary>
    [Benchmark]
    public bool ColumnMaskOneValue()
    {
        _output.ResetWrittenCount();
        return _fillerMasked.TryRewrite(_row, _scratch, _output);
    }

    private static byte[] Row(params string[] values)
    {
        var fields = values.Select(Encoding.UTF8.GetBytes).ToArray();
        var length = 4 + 2 + fields.Sum(f => 4 + f.Length);
        var row = new byte[1 + length];
        row[0] = (byte)'D';
        BinaryPrimitives.WriteInt32BigEndian(row.AsSpan(1), length);
        BinaryPrimitives.WriteInt16BigEndian(row.AsSpan(5), (short)fields.Length);
        var at = 7;
        foreach (var field in fields)
        {
            BinaryPrimitives.WriteInt32BigEndian(row.AsSpan(at), field.Length);
            field.CopyTo(row, at + 4);
            at += 4 + field.Length;
        }

        return row;
    }
}
