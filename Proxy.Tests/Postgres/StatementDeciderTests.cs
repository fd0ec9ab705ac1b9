using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.Transport;
using Proxy.Protocols;
using Proxy.Protocols.Postgres;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Tests.Postgres;

/// <summary>
/// A repeated statement (the unnamed Parse of every execution in the extended protocol) is not decided again while
/// nothing its decision depends on has changed; any change — the text, the policy, the session's fields, the
/// encoding — decides it anew.
/// </summary>
[TestFixture]
public sealed class StatementDeciderTests
{
    private const string Rules = """
        version 1
        default allow

        rule alice_reads_no_orders "alice may not read orders" {
          when user == "alice" and sql.tables has "public.orders"
          then block "not for alice"
        }

        rule mask_cards "cards" {
          when sql.kind == select
          then mask pattern credit_card with redact
        }
        """;

    private static readonly PolicyInput Bob = new() { Protocol = "postgres", Listener = "test", ClientIp = IPAddress.Loopback, User = "bob", DbUser = "bob", Db = "shop" };

    private string _directory = null!;
    private PolicyStore _policy = null!;
    private StatementDecider _decider = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("proxy-decider-").FullName;
        _policy = new PolicyStore(Compile(Rules));
        var listener = new ListenerOptions
        {
            Name = "test",
            Protocol = PostgresHandler.ProtocolName,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Upstream = new IPEndPoint(IPAddress.Loopback, 5432),
        };
        var handler = new PostgresHandler(listener, new ProtocolServices { Policy = _policy, LoggerFactory = NullLoggerFactory.Instance }, new PostgresSettings());
        _decider = new StatementDecider(handler, new SessionSources([]));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_repeat_gets_the_same_decision_in_a_run_of_its_own()
    {
        var first = Decide("SELECT * FROM public.orders WHERE id = $1", Bob, out var firstRefusal)[0];
        first.Parameters = ["1"];
        first.Sequence = 7;
        var again = Decide("SELECT * FROM public.orders WHERE id = $1", Bob, out var againRefusal)[0];

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.Not.SameAs(first));
            Assert.That((again.Text, again.Kind, again.Tables), Is.EqualTo((first.Text, first.Kind, first.Tables)));
            Assert.That(again.Decision, Is.EqualTo(first.Decision));
            Assert.That(firstRefusal, Is.Null);
            Assert.That(againRefusal, Is.Null);
            Assert.That(again.Parameters, Is.Null, "state of the earlier run is not carried over");
            Assert.That(again.Sequence, Is.Zero);
            Assert.That(again.Masks, Is.Not.Null.And.Not.SameAs(first.Masks), "mask counts are per run");
        });
    }

    [Test]
    public void A_refusal_is_repeated_too()
    {
        var alice = Bob with { User = "alice" };
        Decide("SELECT * FROM public.orders", alice, out var first);
        var again = Decide("SELECT * FROM public.orders", alice, out var refusal)[0];

        Assert.Multiple(() =>
        {
            Assert.That(first?.Message, Is.EqualTo("blocked by policy rule alice_reads_no_orders: not for alice"));
            Assert.That(refusal?.Message, Is.EqualTo(first?.Message));
            Assert.That(again.Refused, Is.True);
        });
    }

    [Test]
    public void Another_session_field_decides_again()
    {
        Decide("SELECT * FROM public.orders", Bob, out var bobs);
        Decide("SELECT * FROM public.orders", Bob with { User = "alice" }, out var alices);

        Assert.Multiple(() =>
        {
            Assert.That(bobs, Is.Null);
            Assert.That(alices?.SqlState, Is.EqualTo(ErrorFields.InsufficientPrivilege));
        });
    }

    [Test]
    public void A_reloaded_policy_decides_again()
    {
        var alice = Bob with { User = "alice" };
        Decide("SELECT * FROM public.orders", alice, out var before);
        _policy.Replace(Compile("version 1\ndefault allow\n\nrule nothing \"n\" {\n  when sql.kind == grant\n  then block \"no\"\n}\n"));
        var after = Decide("SELECT * FROM public.orders", alice, out var refusal)[0];

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Not.Null, "refused under the first policy");
            Assert.That(refusal, Is.Null, "allowed under the reloaded one");
            Assert.That(after.Masks, Is.Null, "the reloaded policy masks nothing");
        });
    }

    [Test]
    public void Another_text_or_an_ambiguous_encoding_decides_again()
    {
        Decide("SELECT * FROM public.items", Bob, out _);
        var other = Decide("SELECT * FROM public.orders", Bob, out _)[0];
        var ambiguous = _decider.Decide(Sql("SELECT * FROM public.orders"), Bob, ambiguousEncoding: true, out _, out _, out _)[0];

        Assert.Multiple(() =>
        {
            Assert.That(other.Tables, Is.EqualTo(new[] { "public.orders" }));
            Assert.That(ambiguous.Kind, Is.EqualTo("unknown"));
        });
    }

    [Test]
    public void A_statement_that_drops_prepared_statements_is_read_every_time()
    {
        _decider.Decide(Sql("DEALLOCATE p1"), Bob, ambiguousEncoding: false, out _, out var first, out _);
        _decider.Decide(Sql("DEALLOCATE p1"), Bob, ambiguousEncoding: false, out _, out var second, out _);

        Assert.That(new[] { first, second }.Select(changes => changes?.Single() is { } change ? (change.Kind, change.Name) : default),
            Is.EqualTo(new[] { (SourceChangeKind.DropsStatement, (string?)"p1"), (SourceChangeKind.DropsStatement, "p1") }));
    }

    [Test]
    public void Statements_with_the_same_decision_share_its_record_and_each_other_decision_has_its_own()
    {
        var alice = Bob with { User = "alice" };
        var records = new[]
        {
            Decide("SELECT * FROM public.items WHERE id = 1", Bob, out _)[0],
            Decide("SELECT * FROM public.items WHERE id = 2", Bob, out _)[0],
            Decide("SELECT * FROM public.orders", alice, out _)[0],
            Decide("INSERT INTO public.items VALUES (3)", Bob, out _)[0],
            Decide("SELECT * FROM public.items WHERE id = 4", Bob, out _)[0],
        }.Select(run => run.ToEvent("s", "bob", "shop", outcome: null).Decision).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(records.Select(record => (record.Verdict, record.Rule)), Is.EqualTo(new[]
            {
                ("allow", (string?)null), ("allow", null), ("block", "alice_reads_no_orders"), ("allow", null), ("allow", null),
            }));
            Assert.That(records[1], Is.SameAs(records[0]), "the same decision: one record");
            Assert.That(records[3], Is.Not.SameAs(records[2]), "another decision: its own record");
        });
    }

    private StatementRun[] Decide(string sql, PolicyInput who, out ErrorFields? refusal) =>
        _decider.Decide(Sql(sql), who, ambiguousEncoding: false, out refusal, out _, out _);

    private static ReadOnlySequence<byte> Sql(string sql) => new(Encoding.UTF8.GetBytes(sql));

    private CompiledPolicy Compile(string rules)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.rules");
        File.WriteAllText(path, rules);
        var (document, diagnostics) = PolicyLoader.Load(path);
        Assert.That(document, Is.Not.Null, string.Join("\n", diagnostics));
        return CompiledPolicy.Compile(document!);
    }
}
