using Proxy.Core.Policy.Evaluation;
using Proxy.Tests.Support;

namespace Proxy.Tests.Policy;

/// <summary>Deciding allocates nothing after warm-up, even when several matching rules add masks, tags and audit hits.</summary>
public sealed class PolicyDecisionAllocationTests
{
    private const string Policy = """
        list pii = ["public.users", "public.payments"]
        rule no_unscoped "UPDATE/DELETE need a WHERE" { when sql.kind in [update, delete] and not sql.where then block "add a WHERE" }
        rule agents_approve { when groups has "ai-agents" and sql.kind not in [select, show] then approve(by: oncall, timeout: 15m) }
        rule mask_email { when protocol == postgres then mask column ["email"] with partial(keep: 4) }
        rule mask_cards { when protocol == postgres and sql.tables any in pii then mask pattern credit_card with redact, log "pii read" }
        rule sleepy mode audit { when sql.text ~ /pg_sleep/i then block "no sleeping" }
        rule dynamic mode audit { when sql.dynamic or sql.kind == do then approve(by: dba) }
        rule tag_agents { when groups has "ai-agents" then log "agent" }
        rule prod_hours { when db like "prod*" and time.hour in [9, 10, 11] and client.ip in ["10.0.0.0/8"] then log "prod" }
        """;

    private static readonly PolicyInput[] Inputs =
    [
        // One contributor.
        new() { Protocol = "postgres", SqlKind = "select", SqlText = "SELECT 1" },

        // Masks from two rules, two tags, one audit hit.
        new()
        {
            Protocol = "postgres", Groups = ["ai-agents"], SqlKind = "select", SqlTables = ["public.users"],
            SqlText = "SELECT pg_sleep(1) FROM public.users", Db = "prod_eu", TimeHour = 10, ClientIp = System.Net.IPAddress.Parse("10.1.2.3"),
        },

        // An approval, masks from two rules, two tags and two audit hits.
        new() { Protocol = "postgres", Groups = ["ai-agents"], SqlKind = "do", SqlDynamic = true, SqlText = "DO $$ pg_sleep $$", SqlTables = ["public.payments"] },

        // Nothing matches.
        new() { Protocol = "tcp" },
    ];

    [Test]
    public void Deciding_after_warm_up_allocates_nothing()
    {
        var policy = PolicyEvaluationTests.Compile(Policy);

        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                foreach (var input in Inputs)
                {
                    policy.Decide(input);
                }
            }
        });

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void A_cached_combination_is_joined_in_file_order()
    {
        var policy = PolicyEvaluationTests.Compile(Policy);

        var first = policy.Decide(Inputs[2]);
        var second = policy.Decide(Inputs[2]);

        Assert.That(first.Masks.Select(m => m.RuleId), Is.EqualTo(new[] { "mask_email", "mask_cards" }));
        Assert.That(first.LogTags, Is.EqualTo(new[] { "pii read", "agent" }));
        Assert.That(first.AuditHits.Select(a => a.RuleId), Is.EqualTo(new[] { "sleepy", "dynamic" }));
        Assert.That(second.Masks, Is.SameAs(first.Masks), "the second decision reuses the joined lists");
        Assert.That(first.ToString(), Is.EqualTo("approve by agents_approve"));
    }

    [Test]
    public void More_contributing_rules_than_the_cache_key_holds_still_decide_correctly()
    {
        var rules = string.Join("\n", Enumerable.Range(0, 70).Select(i => $"rule r{i} {{ when sql.where then log \"t{i}\" }}"));
        var policy = PolicyEvaluationTests.Compile(rules);

        var decision = policy.Decide(new PolicyInput { SqlWhere = true });

        Assert.That(decision.LogTags, Is.EqualTo(Enumerable.Range(0, 70).Select(i => $"t{i}")));
        Assert.That(policy.ContributingRules, Is.EqualTo(70));
    }
}
