using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.SessionLog;
using Proxy.Core.Sessions;

namespace Proxy.Tests.SessionLog;

[TestFixture]
public sealed class SessionLogReaderTests : SessionLogFileTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Open_MissingFile_ThrowsFileNotFoundNamingThePath()
    {
        var missing = Scratch.Combine("nope.db");

        Assert.That(
            () => SessionLogReader.Open(missing),
            Throws.TypeOf<FileNotFoundException>().With.Message.Contains(missing));
        Assert.That(File.Exists(missing), Is.False, "a reader never creates a log");
    }

    [Test]
    public async Task ListSessions_NewestFirst_WithLimitAndSince()
    {
        await WriteSessionsAsync("a1", "b2", "c3", "d4");

        using var reader = SessionLogReader.Open(DatabasePath);
        Assert.That(reader.ListSessions(10).Select(s => s.Id), Is.EqualTo(new[] { "d4", "c3", "b2", "a1" }));
        Assert.That(reader.ListSessions(2).Select(s => s.Id), Is.EqualTo(new[] { "d4", "c3" }));
        Assert.That(reader.ListSessions(10, since: T0.AddMinutes(2)).Select(s => s.Id), Is.EqualTo(new[] { "d4", "c3" }));
        Assert.That(reader.ListSessions(10)[0].EndedAt, Is.Null);
    }

    [Test]
    public async Task FindSession_ByExactIdOrUniquePrefix()
    {
        await WriteSessionsAsync("a1b2c3", "a1b2ff", "bbbb", "bb");

        using var reader = SessionLogReader.Open(DatabasePath);
        Assert.That(reader.FindSession("a1b2c")?.Id, Is.EqualTo("a1b2c3"));
        Assert.That(reader.FindSession("a1b2f")?.Id, Is.EqualTo("a1b2ff"));
        Assert.That(reader.FindSession("bb")?.Id, Is.EqualTo("bb"), "an exact id wins over ids it is a prefix of");
        Assert.That(reader.FindSession("bbb")?.Id, Is.EqualTo("bbbb"));
        Assert.That(reader.FindSession("zz"), Is.Null);
        Assert.That(reader.FindSession("A1"), Is.Null, "ids are case-sensitive");
        Assert.That(reader.FindSession("a*"), Is.Null, "glob characters in the prefix are literal");
        Assert.That(reader.FindSession("a?b2"), Is.Null);
    }

    [Test]
    public async Task FindSession_AmbiguousPrefix_ListsCandidates()
    {
        await WriteSessionsAsync("s1", "s2", "s3", "s4", "s5", "s6", "s7", "t1");

        using var reader = SessionLogReader.Open(DatabasePath);
        Assert.That(
            () => reader.FindSession("s"),
            Throws.InvalidOperationException.With.Message.Contains("ambiguous")
                .And.Message.Contains("s1, s2, s3, s4, s5 and more")
                .And.Message.Not.Contains("s6"));
        Assert.That(
            () => reader.FindSession("s"),
            Throws.InvalidOperationException.With.Message.Contains("s1"));

        await WriteSessionsAsync("u1", "u2");
        using var again = SessionLogReader.Open(DatabasePath);
        Assert.That(
            () => again.FindSession("u"),
            Throws.InvalidOperationException.With.Message.EndsWith("u1, u2"));
    }

    [Test]
    public async Task ReadEvents_FiltersBySessionAndTime_InIdOrder()
    {
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance))
        {
            log.TryAppend(new TestEvent("x", T0, "x0"));
            log.TryAppend(new TestEvent("y", T0.AddSeconds(1), "y0"));
            log.TryAppend(new TestEvent("x", T0.AddSeconds(2), "x1"));
            log.TryAppend(new TestEvent(null, T0.AddSeconds(3), "global"));
            log.TryAppend(new TestEvent("x", T0.AddSeconds(4), "x2"));
        }

        using var reader = SessionLogReader.Open(DatabasePath);
        Assert.That(Labels(reader.ReadEvents()), Is.EqualTo(new[] { "x0", "y0", "x1", "global", "x2" }));
        Assert.That(Labels(reader.ReadEvents("x")), Is.EqualTo(new[] { "x0", "x1", "x2" }));
        Assert.That(Labels(reader.ReadEvents(since: T0.AddSeconds(2))), Is.EqualTo(new[] { "x1", "global", "x2" }));
        Assert.That(Labels(reader.ReadEvents("x", T0.AddSeconds(3))), Is.EqualTo(new[] { "x2" }));
        Assert.That(reader.ReadEvents().Select(e => e.Id), Is.Ordered.Ascending);
    }

    [Test]
    public async Task JsonLinesExport_HasOneObjectPerLine_WithRawData()
    {
        var info = new SessionInfo("s-9", "pg", "postgres", "127.0.0.1:5000", "127.0.0.1:5432", T0);
        await using (var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance))
        {
            log.TryAppend(new SessionOpened(info));
            log.TryAppend(new TestEvent(null, T0.AddSeconds(1), "select 'é' <b>"));
            log.TryAppend(new SessionClosed("s-9", T0.AddSeconds(2), CloseReason.IdleTimeout, null, "bob", 10, 20, TimeSpan.FromSeconds(2)));
        }

        using var reader = SessionLogReader.Open(DatabasePath);
        using var output = new MemoryStream();
        var written = SessionLogReader.WriteJsonLines(reader.ReadEvents(), output);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.That(text, Does.EndWith("\n"));
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.That(written, Is.EqualTo(3));
        Assert.That(lines, Has.Length.EqualTo(3));

        var documents = lines.Select(l => JsonDocument.Parse(l)).ToList();
        try
        {
            foreach (var document in documents)
            {
                Assert.That(
                    document.RootElement.EnumerateObject().Select(p => p.Name),
                    Is.EqualTo(new[] { "id", "session_id", "at", "kind", "data" }));
                Assert.That(document.RootElement.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Object));
            }

            var open = documents[0].RootElement;
            Assert.That(open.GetProperty("id").GetInt64(), Is.EqualTo(1));
            Assert.That(open.GetProperty("session_id").GetString(), Is.EqualTo("s-9"));
            Assert.That(open.GetProperty("at").GetString(), Is.EqualTo("2025-06-01T12:00:00.000000Z"));
            Assert.That(open.GetProperty("kind").GetString(), Is.EqualTo("open"));
            Assert.That(open.GetProperty("data").GetProperty("protocol").GetString(), Is.EqualTo("postgres"));

            var test = documents[1].RootElement;
            Assert.That(test.GetProperty("session_id").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(test.GetProperty("data").GetProperty("label").GetString(), Is.EqualTo("select 'é' <b>"));

            var close = documents[2].RootElement;
            Assert.That(close.GetProperty("data").GetProperty("reason").GetString(), Is.EqualTo("idle_timeout"));
            Assert.That(close.GetProperty("data").GetProperty("identity").GetString(), Is.EqualTo("bob"));
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }

    private static List<string> Labels(IEnumerable<StoredEvent> events) =>
        [.. events.Select(e => JsonDocument.Parse(e.DataJson).RootElement.GetProperty("label").GetString()!)];

    /// <summary>Sessions opened a minute apart, in the order given, starting at <see cref="T0"/>.</summary>
    private async Task WriteSessionsAsync(params string[] ids)
    {
        await using var log = SqliteSessionLog.Open(DatabasePath, Durability.Normal, NullLogger.Instance);
        for (var i = 0; i < ids.Length; i++)
        {
            log.TryAppend(new SessionOpened(new SessionInfo(ids[i], "l", "tcp", "c", "u", T0.AddMinutes(i))));
        }
    }
}
