using System.Net;
using Proxy.Core.Policy.Evaluation;

namespace Proxy.Tests.Policy;

/// <summary>The index only skips rules that could not match: indexed and unindexed policies decide alike.</summary>
public sealed class RuleIndexTests
{
    private static readonly string[] RulePool =
    [
        "when db == \"a\" then block \"{0}\"",
        "when db in [\"a\", \"b\"] and sql.kind == delete then approve(by: dba)",
        "when sql.kind in [select, show] and user == \"u1\" then allow, log \"{0}\"",
        "when groups has \"g1\" then mask column [\"email\"] with redact",
        "when groups any in [\"g1\", \"g2\"] and sql.tables any in [\"t1\"] then block",
        "when sql.tables any in [\"t1\", \"t2\"] then log \"{0}\"",
        "when protocol == postgres and db != \"a\" then mask pattern ssn with hash",
        "when db not in [\"a\"] then approve(by: x)",
        "when not (db == \"b\") then log \"{0}\"",
        "when db == \"a\" or user == \"u2\" then block",
        "when sql.where and listener == \"l1\" then allow",
        "when user like \"u*\" and db.user == \"r1\" then block",
        "when client.ip in [\"10.0.0.0/8\"] and sql.kind == update then log \"{0}\"",
        "when groups all in [\"g1\"] then block",
        "when sql.multi then log \"{0}\"",
    ];

    private static readonly string?[] Dbs = [null, "a", "b", "c"];
    private static readonly string?[] Users = [null, "u1", "u2", "x"];
    private static readonly string?[] Kinds = [null, "select", "delete", "update", "show"];
    private static readonly string[][] Groups = [[], ["g1"], ["g2", "g3"], ["g1", "g2"]];
    private static readonly string[][] Tables = [[], ["t1"], ["t2", "t3"], ["t9"]];

    [Test]
    public void Indexed_and_unindexed_policies_decide_alike([Range(0, 199)] int seed)
    {
        var random = new Random(seed);
        var rules = Enumerable.Range(0, random.Next(1, 40))
            .Select(i => $"rule r{i} {(random.Next(5) == 0 ? "mode audit " : string.Empty)}{{ {string.Format(System.Globalization.CultureInfo.InvariantCulture, RulePool[random.Next(RulePool.Length)], i)} }}");
        var document = PolicyEvaluationTests.Bind(string.Join("\n", rules));
        var indexed = CompiledPolicy.Compile(document, indexed: true);
        var everyRule = CompiledPolicy.Compile(document, indexed: false);

        for (var i = 0; i < 50; i++)
        {
            var input = new PolicyInput
            {
                Protocol = random.Next(2) == 0 ? "postgres" : "tcp",
                Listener = random.Next(2) == 0 ? "l1" : null,
                Db = Dbs[random.Next(Dbs.Length)],
                User = Users[random.Next(Users.Length)],
                DbUser = random.Next(2) == 0 ? "r1" : null,
                SqlKind = Kinds[random.Next(Kinds.Length)],
                Groups = Groups[random.Next(Groups.Length)],
                SqlTables = Tables[random.Next(Tables.Length)],
                SqlWhere = random.Next(2) == 0,
                SqlMulti = random.Next(2) == 0,
                ClientIp = random.Next(2) == 0 ? IPAddress.Parse("10.1.2.3") : null,
            };

            Assert.That(Describe(indexed.Decide(input)), Is.EqualTo(Describe(everyRule.Decide(input))));
        }
    }

    private static string Describe(PolicyDecision decision) =>
        $"{decision} {decision.Message} {decision.Approval} [{string.Join(",", decision.Masks.Select(m => m.RuleId))}] "
        + $"[{string.Join(",", decision.LogTags)}] [{string.Join(",", decision.AuditHits.Select(a => a.RuleId))}]";
}
