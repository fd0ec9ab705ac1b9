using System.Text;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Protocols.Postgres;
using Proxy.Tests.Policy;
using Proxy.Tests.Support;
using static Proxy.Tests.Integration.PostgresKeptColumnMaskTests;
using static Proxy.Tests.Integration.PostgresKeptShapeTests;

namespace Proxy.Tests.Integration;

/// <summary>
/// A database whose table `people` holds one secret, and a proxy in front of it with <paramref name="policy"/>
/// (which masks `secret` by <see cref="SecretsRule"/>, conditioned on the statement's tables, so a read decided
/// with the wrong tables shows the secret), spoken to byte by byte so the batches and what is pipelined are the
/// test's. <paramref name="name"/> names the database and the catalog role; <paramref name="setup"/> adds to the schema.
/// </summary>
public abstract class PeopleSecretFixture(string policy, string name, string setup = "")
{
    protected const string SecretsRule = """
        rule secrets {
          when sql.tables any in ["people", "public.people"]
          then mask column ["secret"] with partial(keep: 2)
        }
        """;

    protected const string Secret = "ssh-secret-1";
    protected const string Masked = "**********-1";

    /// <summary>A text the policy lets through unmasked, whose one text column the secret would fill under a bypass.</summary>
    protected const string Harmless = "select 'harmless'::text";

    private string CatalogRole => name + "_catalog";

    protected InProcessProxy ProxyUnderTest { get; private set; } = null!;

    protected string Database { get; private set; } = null!;

    protected static PostgresServer Server => PostgresFixture.Server;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        await AsSuperuserAsync("postgres", $"drop role if exists {CatalogRole}; create role {CatalogRole} login");
        Database = await Server.CreateDatabaseAsync(name, $"""
            create table people (id int primary key, secret text);
            insert into people values (1, '{Secret}');
            {setup}
            """);
    }

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        await Server.DropDatabaseAsync(Database);
        await AsSuperuserAsync("postgres", $"drop role if exists {CatalogRole}");
    }

    [SetUp]
    public void Start() => ProxyUnderTest = InProcessProxy.Start(
        InProcessProxy.Listener(Server.EndPoint) with
        {
            Protocol = "postgres",
            ProtocolSettings = new PostgresSettings { Catalog = new HeldCredential(CatalogRole, string.Empty) },
        },
        policy: new PolicyStore(PolicyEvaluationTests.Compile(policy)));

    [TearDown]
    public async Task StopAsync() => await ProxyUnderTest.DisposeAsync();

    protected async Task<PostgresWireClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = await PostgresWireClient.ConnectAsync(ProxyUnderTest.EndPoint, cancellationToken);
        await client.SendAsync(PostgresWireClient.Startup(("user", PostgresServer.Superuser), ("database", Database)), cancellationToken);
        await client.ReadUntilReadyAsync(cancellationToken);
        return client;
    }

    /// <summary>The first field of each row up to the next ReadyForQuery, which must come without an error.</summary>
    protected static async Task<string[]> ValuesAsync(PostgresWireClient client, CancellationToken cancellationToken)
    {
        var messages = await client.ReadUntilReadyAsync(cancellationToken);
        Assert.That(Types(messages), Does.Not.Contain("E"), Types(messages));
        return [.. messages.Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(Field(m.Body, 0)))];
    }

    protected List<StatementEvent> Recorded(string text) =>
        [.. ProxyUnderTest.Log.Events.Select(e => e.Event).OfType<StatementEvent>().Where(e => e.Text == text)];
}
