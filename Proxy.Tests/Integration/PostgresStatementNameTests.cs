using Proxy.Tests.Support;
using static Proxy.Tests.Integration.PostgresKeptShapeTests;

namespace Proxy.Tests.Integration;

/// <summary>
/// A prepared statement's name means what the server runs under it, not what the client last sent for it: a Parse
/// the server refuses (the name is taken by a SQL PREPARE, or by a statement whose Close the server skipped) must
/// not lend its text's decision to the statement the server does run, which is decided as one the proxy has not
/// seen. The policy masks a table's column and refuses what the proxy cannot read, so a statement run under a
/// harmless text would show the secret where the proxy's own decision refuses. Byte by byte, so the batches and
/// what is pipelined are the test's.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresStatementNameTests() : PeopleSecretFixture(Policy, "statement_names", """
    create function open_hidden() returns refcursor language plpgsql as $f$
      declare r refcursor := 'hidden';
      begin open r for select secret from people; return r; end
    $f$;
    """)
{
    private const string Policy = $$"""
        version 1
        default allow

        {{SecretsRule}}

        rule unread {
          when sql.kind == unknown or sql.unknown
          then block "the proxy cannot read it"
        }
        """;

    /// <summary>
    /// The server keeps the SQL PREPARE's statement and refuses the Parse; a Bind of the name runs the former, and is
    /// decided as its EXECUTE would be: with the PREPARE's tables, so the column mask applies.
    /// </summary>
    [TestCase(false, Description = "the Bind after the Parse's answer")]
    [TestCase(true, Description = "the Bind pipelined right behind the Parse's Sync, before the proxy has its answer")]
    [CancelAfter(60_000)]
    public async Task A_parse_the_server_refuses_as_a_duplicate_does_not_rename_what_it_runs(bool pipelined, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Query("prepare n as select secret from people where id = 1"), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("CZ"));

        byte[] parse = [.. Parse("n", Harmless), .. Sync()];
        byte[] run = [.. Bind("", "n", [], null), .. Execute(""), .. Sync()];
        if (pipelined)
        {
            await client.SendAsync(Batch(parse, run), cancellationToken);
        }
        else
        {
            await client.SendAsync(parse, cancellationToken);
        }

        var refused = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(refused.Single(m => m.Type == 'E').Fields()['C'], Is.EqualTo("42P05"), "the server's own answer: " + Types(refused));
        if (!pipelined)
        {
            await client.SendAsync(run, cancellationToken);
        }

        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
        var bound = Recorded("(prepared statement \"n\")");
        Assert.That(bound.Select(e => (e.StatementKind, e.Decision.Verdict, string.Join(",", e.Tables))), Is.EqualTo(new[] { ("execute", "allow", "people") }), "with the tables of the SQL PREPARE");
        Assert.That(Recorded(Harmless), Is.Empty, "nothing ran under the text the server refused");
    }

    /// <summary>
    /// An error early in a batch makes the server skip the rest of it, a Close included: the statement stays there, so
    /// the proxy keeps it too. A later Parse of its name is refused as a duplicate, and a Bind runs the statement held,
    /// by its own decision: masked.
    /// </summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task A_close_the_server_skipped_leaves_the_name_to_the_statement_it_holds(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("c", "select secret from people where id = 1"), Sync()), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("1Z"));

        await client.SendAsync(Batch(Parse("", "select 1/0"), Bind("", "", [], null), Execute(""), Close('S', "c"), Sync()), cancellationToken);
        var failed = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(failed.Single(m => m.Type == 'E').Fields()['C'], Is.EqualTo("22012"), Types(failed));
        Assert.That(Types(failed), Does.Not.Contain("3"), "no CloseComplete: the server skipped the Close");

        await client.SendAsync(Batch(Parse("c", Harmless), Sync()), cancellationToken);
        var refused = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(refused.Single(m => m.Type == 'E').Fields()['C'], Is.EqualTo("42P05"), Types(refused));

        await client.SendAsync(Batch(Bind("", "c", [], null), Execute(""), Sync()), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
        Assert.That(Recorded(Harmless).Select(e => e.Outcome?.SqlState), Is.EqualTo(new[] { "42P05" }), "the Parse refused; nothing ran under its text");
    }

    /// <summary>A statement parsed in one batch and bound in the next, both in one write: the Bind waits for the Parse's answer, and follows its text.</summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task A_statement_bound_in_the_batch_after_its_parse_follows_its_text(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Batch(Parse("m", "select secret from people where id = $1"), Sync(), Bind("", "m", [], "1"), Execute(""), Sync()), cancellationToken);

        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("1Z"));
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
        Assert.That(Recorded("select secret from people where id = $1").Select(e => e.Parameters?.SingleOrDefault()), Is.EqualTo(new[] { "1" }));
        Assert.That(ProxyUnderTest.Errors, Is.Empty, ProxyUnderTest.Describe());
    }

    /// <summary>
    /// A portal bound in one batch and executed in the next, pipelined: the Execute waits for the Bind's answer.
    /// The Bind is skipped here (an error before it), so the portal the server executes is the held cursor of that
    /// name, and the Execute is not taken for a run of the statement the skipped Bind named.
    /// </summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task An_execute_of_a_portal_whose_bind_the_server_skipped_is_not_taken_for_that_bind(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Query("declare p cursor with hold for select id from people"), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("CZ"));

        await client.SendAsync(Batch(Parse("", "select 1/0"), Bind("", "", [], null), Execute(""), Parse("h", Harmless), Bind("p", "h", [], null), Sync(), Execute("p"), Sync()), cancellationToken);
        var failed = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(failed.Single(m => m.Type == 'E').Fields()['C'], Is.EqualTo("22012"), Types(failed));

        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { "1" }), "the cursor's rows");
        Assert.That(Recorded(Harmless), Is.Empty);
        Assert.That(ProxyUnderTest.Errors, Is.Empty, ProxyUnderTest.Describe());
    }

    /// <summary>A FETCH names no table: it is decided with the tables of the cursor's DECLARE, so the table's column mask applies.</summary>
    [TestCase("c", "c")]
    [TestCase("C", "c", Description = "unquoted names fold to lower case")]
    [TestCase("\"Cur\"", "\"Cur\"")]
    [CancelAfter(60_000)]
    public async Task Rows_fetched_from_a_cursor_are_masked_by_the_tables_it_was_declared_on(string declared, string fetched, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Query($"begin; declare {declared} cursor for select secret from people"), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("CCZ"));

        await client.SendAsync(Query($"fetch all from {fetched}"), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
        Assert.That(Recorded($"fetch all from {fetched}").Single().Tables, Is.EqualTo(new[] { "people" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_cursor_declared_and_fetched_in_one_query_is_masked(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Query("begin; declare c cursor for select secret from people; fetch all from c; commit"), cancellationToken);

        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
    }

    /// <summary>An EXECUTE names no table: it is decided with the tables of the statement's PREPARE, until DEALLOCATE drops it.</summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task Rows_of_a_sql_prepared_statement_are_masked_by_the_tables_it_was_prepared_on(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Query("prepare q (int) as select secret from people where id = $1"), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("CZ"));

        await client.SendAsync(Query("execute q(1)"), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));

        await client.SendAsync(Query("deallocate q; prepare q as select 'harmless'::text"), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("CCZ"));
        await client.SendAsync(Query("execute q"), cancellationToken);
        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { "harmless" }));
        Assert.That(Recorded("execute q").Single().Tables, Is.Empty, "the dropped statement's tables went with it");
    }

    /// <summary>A cursor's portal executed by name without a Bind is decided as the FETCH it is, with the tables of its DECLARE.</summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task An_execute_of_a_declared_cursor_is_decided_with_its_tables_and_recorded(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Query("begin; declare c cursor for select secret from people"), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("CCZ"));

        await client.SendAsync(Batch(Execute("c"), Sync()), cancellationToken);

        Assert.That(await ValuesAsync(client, cancellationToken), Is.EqualTo(new[] { Masked }));
        var recorded = Recorded("(portal \"c\")").Single();
        Assert.That((recorded.StatementKind, recorded.Decision.Verdict, string.Join(",", recorded.Tables)), Is.EqualTo(("other", "allow", "people")));
    }

    /// <summary>
    /// A cursor a function opened is one the proxy never saw declared: an Execute of it is a statement the proxy cannot
    /// read, refused by the rule for those and recorded, not forwarded on the side.
    /// </summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task An_execute_of_a_cursor_the_proxy_did_not_see_declared_is_decided_as_unknown(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Query("begin; select open_hidden()"), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("CTDCZ"));

        await client.SendAsync(Batch(Execute("hidden"), Sync()), cancellationToken);

        AssertRefusedAsUnseen(await client.ReadUntilReadyAsync(cancellationToken));
        var recorded = Recorded("(portal \"hidden\")").Single();
        Assert.That((recorded.StatementKind, recorded.Decision.Verdict, recorded.Decision.Rule), Is.EqualTo(("unknown", "block", "unread")));
    }

    /// <summary>A FETCH of a cursor a function opened reads a source the proxy never saw defined: `sql.unknown` holds for it.</summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task A_fetch_of_a_cursor_the_proxy_did_not_see_declared_is_unknown(CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await client.SendAsync(Query("begin; select open_hidden()"), cancellationToken);
        Assert.That(Types(await client.ReadUntilReadyAsync(cancellationToken)), Is.EqualTo("CTDCZ"));

        await client.SendAsync(Query("fetch all from hidden"), cancellationToken);

        AssertRefusedAsUnseen(await client.ReadUntilReadyAsync(cancellationToken));
        Assert.That(Recorded("fetch all from hidden").Single().StatementKind, Is.EqualTo("other"));
    }

    /// <summary>Refused by the policy's rule for statements it cannot read: not run under the text the server refused.</summary>
    private static void AssertRefusedAsUnseen(IReadOnlyList<WireMessage> messages)
    {
        Assert.That(messages.Where(m => m.Type == 'D'), Is.Empty, Types(messages));
        Assert.That(messages.Single(m => m.Type == 'E').Fields()['M'], Does.Contain("the proxy cannot read it"), Types(messages));
    }
}
