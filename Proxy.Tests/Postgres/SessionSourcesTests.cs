using Proxy.Protocols.Postgres;
using static Proxy.Protocols.Postgres.PostgresConversation;

namespace Proxy.Tests.Postgres;

/// <summary>
/// The session's named sources follow the server's answers: while a change is unanswered a name has the union of
/// what it held and what it is to hold, once answered exactly what the server holds.
/// </summary>
public sealed class SessionSourcesTests
{
    private readonly Dictionary<string, PreparedStatement> _statements = new(StringComparer.Ordinal);
    private SessionSources _sources = null!;
    private long _batch;

    [SetUp]
    public void SetUp()
    {
        _statements.Clear();
        _sources = new SessionSources(_statements);
        _batch = 0;
    }

    [Test]
    public void A_definition_widens_the_name_until_answered_then_holds_exactly_its_own_tables()
    {
        Taken(Send(SourceChangeKind.DeclaresCursor, "c", "people"));

        var again = Send(SourceChangeKind.DeclaresCursor, "c", "items");
        Assert.That(_sources.TablesOfCursor("c"), Is.EquivalentTo(new[] { "people", "items" }), "either may be what the server holds");

        Taken(again);
        Assert.That(_sources.TablesOfCursor("c"), Is.EqualTo(new[] { "items" }));
        Assert.That(_sources.TablesOfPrepared("c"), Is.Empty, "cursors and statements are apart");
    }

    [Test]
    public void A_definition_the_server_refuses_leaves_the_name_to_what_it_held()
    {
        Taken(Send(SourceChangeKind.PreparesStatement, "q", "people"));
        var duplicate = Send(SourceChangeKind.PreparesStatement, "q");

        duplicate.Settle(taken: false);

        Assert.That(_sources.TablesOfPrepared("q"), Is.EqualTo(new[] { "people" }));
        Assert.That(_sources.PreparedInSql("q"), Is.True);
    }

    [Test]
    public void A_drop_counts_once_taken_and_not_for_a_definition_sent_after_it()
    {
        Taken(Send(SourceChangeKind.PreparesStatement, "q", "people"));
        var failed = Send(SourceChangeKind.DropsStatement, "q");
        failed.Settle(taken: false);
        Assert.That(_sources.PreparedInSql("q"), Is.True, "a DEALLOCATE the server did not run");

        var drop = Send(SourceChangeKind.DropsStatement, "q");
        var redefined = Send(SourceChangeKind.PreparesStatement, "q", "items");
        Taken(drop);
        Assert.That(_sources.TablesOfPrepared("q"), Is.EquivalentTo(new[] { "people", "items" }), "the PREPARE behind the drop is not answered yet");

        Taken(redefined);
        Assert.That(_sources.TablesOfPrepared("q"), Is.EqualTo(new[] { "items" }));

        Taken(Send(SourceChangeKind.DropsStatement, "q"));
        Assert.That(_sources.PreparedInSql("q"), Is.False);
    }

    [Test]
    public void A_drop_of_all_keeps_what_was_defined_after_it()
    {
        Taken(Send(SourceChangeKind.PreparesStatement, "a", "people"));
        var all = Send(SourceChangeKind.DropsAllStatements, null);
        Send(SourceChangeKind.PreparesStatement, "b", "items");

        Taken(all);

        Assert.That((_sources.PreparedInSql("a"), _sources.PreparedInSql("b")), Is.EqualTo((false, true)));
    }

    [Test]
    public void A_drop_forgets_its_parse_statements_at_once_and_puts_them_back_should_it_fail()
    {
        var named = Statement();
        var unnamed = Statement();
        _statements["n"] = named;
        _statements["m"] = Statement();
        _statements[string.Empty] = unnamed;

        var drop = Send(SourceChangeKind.DropsAllStatements, null);
        Assert.That(_statements.Keys, Is.EqualTo(new[] { string.Empty }), "the unnamed statement is not DEALLOCATE's to drop");
        Assert.That(_sources.AwaitedDrop("n", _batch - 1), Is.Null, "in the batch that sent it: if it fails, the server skips the rest");
        Assert.That(_sources.AwaitedDrop("n", _batch), Is.SameAs(drop));
        Assert.That(_sources.AwaitedDrop(string.Empty, _batch), Is.Null);

        drop.Settle(taken: false);

        Assert.That(_sources.AwaitedDrop("n", _batch), Is.Null);
        Assert.That(_statements["n"], Is.SameAs(named));
        Assert.That(_statements.Keys, Is.EquivalentTo(new[] { string.Empty, "n", "m" }));
    }

    [Test]
    public void A_drop_of_one_statement_is_waited_for_by_its_name_only()
    {
        _statements["n"] = Statement();
        _statements["m"] = Statement();

        var drop = Send(SourceChangeKind.DropsStatement, "n");
        Assert.That((_sources.AwaitedDrop("n", _batch), _sources.AwaitedDrop("m", _batch)), Is.EqualTo((drop, (SourceChange?)null)));

        Taken(drop);
        Assert.That(_sources.AwaitedDrop("n", _batch), Is.Null);
        Assert.That(_statements.Keys, Is.EqualTo(new[] { "m" }));
        Assert.That(_sources.AnyUnapplied, Is.False);
    }

    private SourceChange Send(SourceChangeKind kind, string? name, params string[] tables)
    {
        var change = new SourceChange(kind, name, tables);
        _sources.Sent(change, _batch++);
        return change;
    }

    private static void Taken(SourceChange change) => change.Settle(taken: true);

    private static PreparedStatement Statement() => new([], refusal: null);
}
