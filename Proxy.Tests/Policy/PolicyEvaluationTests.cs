using System.Net;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;
using Proxy.Protocols.Postgres.Sql;
using Proxy.Core.Policy.Syntax;
using Proxy.Tests.Support;

namespace Proxy.Tests.Policy;

public sealed class PolicyEvaluationTests
{
    /// <summary>A request that touches every field, for the operator table.</summary>
    private static readonly PolicyInput Sample = new()
    {
        Protocol = "postgres",
        Listener = "pg-main",
        User = "alice",
        Groups = ["dev", "ops"],
        ClientIp = IPAddress.Parse("10.1.2.3"),
        Db = "prod_eu",
        DbUser = "app",
        SqlKind = "update",
        SqlTables = ["public.users", "public.orders"],
        SqlWhere = true,
        SqlText = "UPDATE users SET name = 'x' WHERE id = 2",
        TimeHour = 9,
        TimeWeekday = DayOfWeek.Tuesday,
    };

    internal static PolicyDocument Bind(string text)
    {
        var lines = new SourceLines();
        lines.Add("t.rules", text);
        var (file, syntaxErrors) = PolicyGrammar.ParseFile("t.rules", text);
        var (document, bindErrors) = PolicyBinder.Bind([file], lines);
        // Warnings (shadowed rules) are expected: some cases test the semantics of exactly such rules.
        Assert.That(syntaxErrors.Concat(bindErrors).Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        return document!;
    }

    internal static CompiledPolicy Compile(string text) => CompiledPolicy.Compile(Bind(text));

    // Each case: the condition of one rule, and whether it holds for Sample.
    [TestCase("db == \"prod_eu\"", true)]
    [TestCase("db == \"prod\"", false)]
    [TestCase("db != \"prod\"", true)]
    [TestCase("protocol == postgres", true)]
    [TestCase("protocol == \"postgres\"", true)]
    [TestCase("protocol != mysql", true)]
    [TestCase("sql.kind in [update, delete]", true)]
    [TestCase("sql.kind not in [update, delete]", false)]
    [TestCase("sql.kind not in [select]", true)]
    [TestCase("user in names", true)]
    [TestCase("user not in names", false)]
    [TestCase("groups has \"ops\"", true)]
    [TestCase("groups has \"admins\"", false)]
    [TestCase("groups any in [\"ops\", \"admins\"]", true)]
    [TestCase("groups any in [\"admins\"]", false)]
    [TestCase("groups all in [\"dev\", \"ops\", \"qa\"]", true)]
    [TestCase("groups all in [\"dev\"]", false)]
    [TestCase("sql.tables any in [\"public.users\"]", true)]
    [TestCase("sql.text ~ /set\\s+name/i", true)]
    [TestCase("sql.text ~ /set\\s+name/", false)]
    [TestCase("sql.text ~ /^update.*2$/i", true)]
    [TestCase("sql.text ~ /UPDATE users/", true)]
    [TestCase("sql.text ~ /update users/", false)]
    [TestCase("sql.text ~ /update users/i", true)]
    [TestCase("sql.text ~ /id = 2/m", true)]
    [TestCase("sql.text ~ /id = 3/i", false)]
    [TestCase("db like \"prod_*\"", true)]
    [TestCase("db like \"prod_??\"", true)]
    [TestCase("db like \"prod_?\"", false)]
    [TestCase("db like \"*eu\"", true)]
    [TestCase("db like \"staging*\"", false)]
    [TestCase("sql.where", true)]
    [TestCase("not sql.where", false)]
    [TestCase("sql.multi", false)]
    [TestCase("sql.where == false", false)]
    [TestCase("sql.multi != true", true)]
    [TestCase("sql.where and sql.multi", false)]
    [TestCase("sql.where or sql.multi", true)]
    [TestCase("not (sql.multi or sql.cte_write)", true)]
    [TestCase("client.ip in [\"10.0.0.0/8\"]", true)]
    [TestCase("client.ip in [\"192.168.0.0/16\", \"10.1.2.3\"]", true)]
    [TestCase("client.ip in [\"192.168.0.0/16\"]", false)]
    [TestCase("client.ip not in [\"192.168.0.0/16\"]", true)]
    [TestCase("client.ip == \"10.1.2.3\"", true)]
    [TestCase("client.ip == \"10.1.2.4\"", false)]
    [TestCase("client.ip in [\"10.1.2.0/31\"]", false)]
    [TestCase("client.ip in [\"10.1.2.2/31\"]", true)]
    [TestCase("client.ip in [\"0.0.0.0/0\"]", true)]
    [TestCase("client.ip in [\"::/0\"]", false)]
    [TestCase("client.ip in [\"fd00::/8\", \"10.1.0.0/16\"]", true)]
    [TestCase("time.hour in [9, 10, 11]", true)]
    [TestCase("time.hour == 17", false)]
    [TestCase("time.weekday in [mon, tuesday]", true)]
    [TestCase("time.weekday not in [sat, sun]", true)]
    [TestCase("listener == \"pg-main\" and db.user == \"app\"", true)]
    public void Every_operator_evaluates(string condition, bool holds)
    {
        var policy = Compile($"list names = [\"alice\", \"bob\"]\nrule r {{ when {condition} then block }}\n");

        var decision = policy.Decide(Sample);

        Assert.That(decision.Verdict == Verdict.Block, Is.EqualTo(holds));
    }

    [Test]
    public void A_mapped_IPv4_client_matches_an_IPv4_range()
    {
        var policy = Compile("rule r { when client.ip in [\"10.0.0.0/8\"] then block }");

        var decision = policy.Decide(Sample with { ClientIp = IPAddress.Parse("10.1.2.3").MapToIPv6() });

        Assert.That(decision.Verdict, Is.EqualTo(Verdict.Block));
    }

    [TestCase("fd00::1", "fd00::/8", true)]
    [TestCase("fd00::1", "fe00::/8", false)]
    [TestCase("::1", "::1", true)]
    [TestCase("::ffff:10.1.2.3", "::ffff:10.1.2.0/120", false)]
    [TestCase("10.1.2.3", "::ffff:10.1.2.0/120", false)]
    public void IPv6_clients_match_IPv6_ranges(string client, string range, bool matches)
    {
        // Only IPv4 ranges see a mapped client as IPv4; an IPv6 range never matches an IPv4 (or mapped) client.
        var policy = Compile($"rule r {{ when client.ip in [\"{range}\"] then block }}");

        var decision = policy.Decide(Sample with { ClientIp = IPAddress.Parse(client) });

        Assert.That(decision.Verdict == Verdict.Block, Is.EqualTo(matches));
    }

    [Test]
    public void A_missing_value_satisfies_no_positive_comparison()
    {
        var policy = Compile("""
            rule eq { when db == "x" then block }
            rule inlist { when time.hour in [9] then block }
            rule ne { when db != "x" then log "ne" }
            rule notin { when time.weekday not in [mon] then log "notin" }
            """);

        var decision = policy.Decide(new PolicyInput());

        Assert.That(decision.Verdict, Is.EqualTo(Verdict.Allow));
        Assert.That(decision.LogTags, Is.EqualTo(new[] { "ne", "notin" }));
    }

    // Each case: a policy, and the decision the sample request gets from it.
    [TestCase("rule a { when db == \"prod_eu\" then allow }", "allow by a")]
    [TestCase("rule a { when db == \"other\" then block }", "allow by default")]
    [TestCase("default block\nrule a { when db == \"other\" then allow }", "block by default")]
    [TestCase("default block\nrule a { when sql.where then allow }", "allow by a")]
    [TestCase("rule a { when sql.where then allow }\nrule b { when sql.where then approve(by: \"dba\") }", "approve by b")]
    [TestCase("rule a { when sql.where then approve(by: \"dba\") }\nrule b { when sql.where then block }\nrule c { when sql.where then allow }", "block by b")]
    [TestCase("rule a { when sql.where then block \"one\" }\nrule b { when sql.where then block \"two\" }", "block by a")]
    [TestCase("rule a { when sql.multi then block }\nrule b { when sql.where then approve(by: \"x\") }\nrule c { when sql.where then approve(by: \"y\") }", "approve by b")]
    [TestCase("rule a mode audit { when sql.where then block }", "allow by default")]
    [TestCase("default block\nrule a mode audit { when sql.where then allow }", "block by default")]
    [TestCase("rule a mode audit { when sql.where then block }\nrule b { when sql.where then approve(by: \"x\") }", "approve by b")]
    [TestCase("rule a { when sql.where then log \"t\" }", "allow by default")]
    [TestCase("rule a { when sql.where then log \"t\", block }", "block by a")]
    [TestCase("rule a { when sql.where then allow, approve(by: \"x\") }", "approve by a")]
    public void Block_beats_approve_beats_allow_beats_default(string policyText, string expected)
    {
        var decision = Compile(policyText).Decide(Sample);

        Assert.That(decision.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void A_decision_carries_the_message_and_the_approval_parameters()
    {
        var block = Compile("rule a { when sql.where then block \"no\" }").Decide(Sample);
        var approve = Compile("rule a { when sql.where then approve(by: dba, timeout: 15m, mode: retry, grant: 1h) }").Decide(Sample);

        Assert.That(block.Message, Is.EqualTo("no"));
        Assert.That(block.Approval, Is.Null);
        Assert.That(approve.Approval, Is.EqualTo(new ApprovalParameters("dba", TimeSpan.FromMinutes(15), "retry", TimeSpan.FromHours(1))));
    }

    [Test]
    public void Audit_rules_are_recorded_but_not_enforced()
    {
        var policy = Compile("""
            rule would_block mode audit { when sql.where then block "nope", mask column ["x"] with redact, log "audit tag" }
            rule would_approve mode audit { when sql.where then approve(by: "dba") }
            rule would_allow mode audit { when sql.where then allow }
            rule not_matching mode audit { when sql.multi then block }
            """);

        var decision = policy.Decide(Sample);

        Assert.That(decision.ToString(), Is.EqualTo("allow by default"));
        Assert.That(decision.AuditHits.Select(h => (h.RuleId, h.WouldBe, h.Message)), Is.EqualTo(new[]
        {
            ("would_block", Verdict.Block, (string?)"nope"),
            ("would_approve", Verdict.Approve, null),
        }));
        Assert.That(decision.AuditHits[1].Approval!.By, Is.EqualTo("dba"));
        Assert.That(decision.Masks, Is.Empty);
        Assert.That(decision.LogTags, Is.Empty);
    }

    [Test]
    public void Masks_and_log_tags_accumulate_from_every_matching_rule_in_file_order()
    {
        var policy = Compile("""
            list secret_columns = ["token", "public.users.ssn"]
            rule a { when protocol == postgres then mask column ["email"] with partial(keep: 4), log "a" }
            rule b { when sql.multi then mask column ["never"] with redact, log "never" }
            rule c { when sql.where then mask pattern credit_card with redact, mask pattern /\d{3}-\d{4}/ with fixed("x"), log "c1", log "c2" }
            rule d { when sql.where then block, mask column secret_columns with hash }
            """);

        var decision = policy.Decide(Sample);

        Assert.That(decision.ToString(), Is.EqualTo("block by d"));
        Assert.That(decision.LogTags, Is.EqualTo(new[] { "a", "c1", "c2" }));
        Assert.That(decision.Masks.Select(m => $"{m.RuleId}:{(m.Columns is null ? (m.PatternIsRegex ? "/" : string.Empty) + m.Pattern : string.Join("+", m.Columns))}:{m.Function}({string.Join(",", m.Arguments)})"), Is.EqualTo(new[]
        {
            "a:email:partial(4)",
            "c:credit_card:redact()",
            "c:/\\d{3}-\\d{4}:fixed(x)",
            "d:token+public.users.ssn:hash()",
        }));
    }

    [Test]
    public void Explain_names_the_first_false_condition_of_every_rule()
    {
        var policy = Compile("""
            rule writes { when sql.kind in [update, delete] and not sql.where then block }
            rule ops_at_night { when groups has "ops" and (time.hour in [22, 23] or time.weekday == sun) then approve(by: "lead") }
            rule mask_all mode audit { when protocol == postgres then block }
            """);

        var explanation = policy.Explain(Sample);

        Assert.That(explanation.Decision.ToString(), Is.EqualTo("allow by default"));
        Assert.That(explanation.Rules.Select(r => (r.RuleId, r.Matched, r.FailedCondition)), Is.EqualTo(new[]
        {
            ("writes", false, (string?)"not sql.where"),
            ("ops_at_night", false, "time.hour in [22, 23] or time.weekday == sun"),
            ("mask_all", true, null),
        }));
        Assert.That(explanation.Rules[0].FailedSpan, Is.EqualTo(new SourceSpan("t.rules", 1, 53, 13)));
        Assert.That(explanation.Decision.AuditHits.Single().RuleId, Is.EqualTo("mask_all"));
    }

    [Test]
    public void Deciding_a_typical_statement_allocates_nothing()
    {
        // 20 rules of the kinds a production policy holds; the statement matches a mask rule, a log rule and an allow.
        var policy = Compile("""
            list pii_tables = ["public.users", "public.payments"]
            list admins = ["root", "dba-1"]
            rule r01 { when sql.kind in [update, delete] and not sql.where then block "add a WHERE clause" }
            rule r02 { when sql.kind in [drop, truncate] then approve(by: "dba", timeout: 15m) }
            rule r03 { when sql.kind in [grant, revoke] then approve(by: "dba") }
            rule r04 { when sql.text ~ /\bcopy\b.*\bprogram\b/is then block }
            rule r05 mode audit { when sql.dynamic or sql.kind == do then block }
            rule r06 mode audit { when sql.unknown then block }
            rule r07 { when protocol == postgres then mask pattern credit_card with partial(keep: 4) }
            rule r08 { when groups has "ai-agents" and sql.kind not in [select, show] then approve(by: "oncall") }
            rule r09 { when groups any in ["contractors"] and sql.tables any in pii_tables then block }
            rule r10 { when sql.tables any in pii_tables then log "pii read" }
            rule r11 { when client.ip not in ["10.0.0.0/8", "192.168.0.0/16"] then block "outside the VPN" }
            rule r12 { when db like "prod_*" and time.hour in [0, 1, 2, 3, 4] then approve(by: "oncall") }
            rule r13 { when time.weekday in [sat, sun] and sql.kind != select then approve(by: "oncall") }
            rule r14 { when user in admins then allow }
            rule r15 { when sql.multi and sql.cte_write then block }
            rule r16 { when db.user == "postgres" then block "use your own role" }
            rule r17 { when listener == "legacy" then block }
            rule r18 { when sql.tables all in ["public.scratch"] and sql.kind == delete then allow }
            rule r19 { when sql.text ~ /pg_sleep|pg_terminate_backend/i then block }
            rule r20 { when groups has "dev" and db like "*_eu" then allow }
            """);
        var input = Sample;
        var decision = policy.Decide(input);
        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                decision = policy.Decide(input);
            }
        });

        Assert.That(decision.ToString(), Is.EqualTo("allow by r20"));
        Assert.That(decision.Masks, Has.Count.EqualTo(1));
        Assert.That(decision.LogTags, Is.EqualTo(new[] { "pii read" }));
        Assert.That(allocated, Is.Zero);
    }

    [TestCase("  delete from t", "delete", false, TestName = "A_given_statement_is_classified_as_the_proxy_classifies_it")]
    [TestCase("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "delete", false, TestName = "A_given_CTE_write_counts_as_the_write")]
    [TestCase("UPDATE t SET a = 1\nWHERE id = 2", "update", true, TestName = "A_given_WHERE_is_seen")]
    [TestCase("UPDATE nowhere SET a = 1 -- where id = 2", "update", false, TestName = "A_given_WHERE_in_a_comment_is_not")]
    [TestCase("select 1; drop table t", "drop", false, TestName = "A_given_batch_is_judged_by_its_most_dangerous_statement")]
    public void Given_sql(string sql, string kind, bool where)
    {
        var input = new PolicyInput();
        Assert.That(PolicyInputBuilder.TrySet(ref input, "sql", [sql], PostgresStatementFacts.Instance, out var error), Is.True, error);

        Assert.That(input.SqlText, Is.EqualTo(sql));
        Assert.That(input.SqlKind, Is.EqualTo(kind));
        Assert.That(input.SqlWhere, Is.EqualTo(where));
    }
}
