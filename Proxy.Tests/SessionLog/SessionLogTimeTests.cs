using System.Text;
using Proxy.Core.SessionLog;

namespace Proxy.Tests.SessionLog;

[TestFixture]
public sealed class SessionLogTimeTests
{
    private static readonly DateTimeOffset[] Edges =
    [
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new(999, 12, 31, 23, 59, 59, TimeSpan.Zero),
        new(2024, 2, 29, 12, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567),
        new DateTimeOffset(2026, 11, 22, 23, 59, 59, TimeSpan.FromHours(-11)).AddTicks(9_999_999),
    ];

    [Test]
    public void FormatUtf8_WritesExactlyWhatFormatDoes()
    {
        var random = new Random(20261122);
        var values = Edges.Concat(Enumerable.Range(0, 10_000).Select(_ => new DateTimeOffset(
            random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay),
            TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1)))));
        Span<byte> buffer = stackalloc byte[SessionLogTime.Length];
        foreach (var value in values)
        {
            var written = SessionLogTime.FormatUtf8(value, buffer);
            Assert.That(Encoding.UTF8.GetString(buffer[..written]), Is.EqualTo(SessionLogTime.Format(value)), value.ToString("O"));
        }
    }

    [Test]
    public void FormatUtf8_RefusesAShortBuffer() =>
        Assert.That(() => SessionLogTime.FormatUtf8(DateTimeOffset.UtcNow, new byte[SessionLogTime.Length - 1]), Throws.ArgumentException);
}
