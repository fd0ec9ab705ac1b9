using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.SessionLog;
using static Proxy.Tests.SessionLog.SessionLogTestSupport;

namespace Proxy.Tests.SessionLog;

[TestFixture]
public sealed class SessionLogSchemaTests
{
    private const int MigratedEventId = 2001;

    private TempDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new TempDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task Open_CreatesMissingDirectoryAndFile_AndAppliesEveryMigration()
    {
        var path = Path.Combine(_directory.Path, "nested", "deeper", "sessions.db");
        var logger = new RecordingLogger();

        await using (SqliteSessionLog.Open(path, Durability.Normal, logger))
        {
        }

        Assert.That(File.Exists(path), Is.True);
        Assert.That(Scalar(path, "PRAGMA user_version"), Is.EqualTo((long)SessionLogSchema.CurrentVersion));
        Assert.That(Scalar(path, "PRAGMA journal_mode"), Is.EqualTo("wal"));
        Assert.That(
            Scalar(path, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name)"),
            Is.EqualTo("event_batches,event_batches_max_at,events,events_approvals,session_spans,sessions,sessions_started_at"));
        Assert.That(logger.Count(MigratedEventId), Is.EqualTo(1));
    }

    [Test]
    public async Task Open_MigratesAnEmptyExistingFile()
    {
        var path = _directory.Combine("empty.db");
        await File.WriteAllBytesAsync(path, []);

        await using (var log = SqliteSessionLog.Open(path, Durability.Strict, NullLogger.Instance))
        {
            await log.AppendCommittedAsync(TestEvent.Labelled("x"));
        }

        Assert.That(Scalar(path, "PRAGMA user_version"), Is.EqualTo((long)SessionLogSchema.CurrentVersion));
        Assert.That(CommittedLabels(path), Is.EqualTo(new[] { "x" }));
    }

    [Test]
    public async Task Reopen_KeepsDataAndMigratesNothing()
    {
        var path = _directory.Combine("sessions.db");
        await using (var log = SqliteSessionLog.Open(path, Durability.Strict, NullLogger.Instance))
        {
            await log.AppendCommittedAsync(TestEvent.Labelled("first"));
        }

        var logger = new RecordingLogger();
        await using (var log = SqliteSessionLog.Open(path, Durability.Strict, logger))
        {
            await log.AppendCommittedAsync(TestEvent.Labelled("second"));
        }

        Assert.That(logger.Count(MigratedEventId), Is.Zero);
        Assert.That(Scalar(path, "PRAGMA user_version"), Is.EqualTo((long)SessionLogSchema.CurrentVersion));
        Assert.That(CommittedLabels(path), Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public void Open_RejectsASchemaNewerThanThisBuild()
    {
        var path = _directory.Combine("future.db");
        var newer = SessionLogSchema.CurrentVersion + 1;
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {newer};";
            command.ExecuteNonQuery();
        }

        var expected = $"session log schema version {newer} is newer than this proxy supports ({SessionLogSchema.CurrentVersion})";
        Assert.That(
            () => SqliteSessionLog.Open(path, Durability.Normal, NullLogger.Instance),
            Throws.InvalidOperationException.With.Message.Contains(expected));
        Assert.That(() => SessionLogReader.Open(path), Throws.InvalidOperationException.With.Message.Contains(expected));
        Assert.That(Scalar(path, "PRAGMA user_version"), Is.EqualTo((long)newer), "a rejected file is left as it was");
    }
}
