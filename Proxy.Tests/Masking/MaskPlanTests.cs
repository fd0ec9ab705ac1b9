using Proxy.Core.Masking;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;
using static Proxy.Tests.Masking.MaskTestText;

namespace Proxy.Tests.Masking;

public sealed class MaskPlanTests
{
    private static MaskDirective Column(string rule, string[] columns, string function, params string[] arguments) => new(rule, columns, null, false, function, arguments);

    private static MaskDirective Pattern(string rule, string pattern, bool isRegex, string function, params string[] arguments) => new(rule, null, pattern, isRegex, function, arguments);

    [Test]
    public void Column_masks_match_bare_table_and_qualified_names_case_insensitively()
    {
        var plan = MaskPlan.Compile(
        [
            Column("r1", ["email"], "email"),
            Column("r2", ["public.users.phone", "Orders.Card"], "partial", "4"),
        ]);

        Assert.That(plan.ColumnMask(null, null, "EMAIL")?.Name, Is.EqualTo("email"));
        Assert.That(plan.ColumnMask("crm", "people", "email")?.Name, Is.EqualTo("email"));
        Assert.That(plan.ColumnMask("public", "users", "phone")?.Name, Is.EqualTo("partial"));
        Assert.That(plan.ColumnMask("PUBLIC", "Users", "Phone")?.Name, Is.EqualTo("partial"));
        Assert.That(plan.ColumnMask("audit", "users", "phone"), Is.Null);
        Assert.That(plan.ColumnMask(null, null, "phone"), Is.Null);
        Assert.That(plan.ColumnMask("sales", "orders", "card")?.Name, Is.EqualTo("partial"));
        Assert.That(plan.ColumnMask(null, null, "name"), Is.Null);
        Assert.That(plan.HasColumnMasks, Is.True);
        Assert.That(plan.Patterns.IsEmpty, Is.True);
    }

    [Test]
    public void When_several_column_masks_apply_the_one_revealing_least_wins()
    {
        var plan = MaskPlan.Compile(
        [
            Column("wide", ["card"], "partial", "4"),
            Column("narrow", ["card"], "partial", "2"),
            Column("qualified", ["public.pay.ssn"], "hash"),
            Column("bare", ["ssn"], "redact"),
            Column("nulls", ["public.pay.secret"], "null"),
            Column("fixed", ["secret"], "fixed", "x"),
        ], HashKey);

        Assert.That(Apply(plan.ColumnMask(null, null, "card")!, "4111111111111111").Text, Is.EqualTo("**************11"));
        Assert.That(plan.ColumnMask("public", "pay", "ssn")?.Name, Is.EqualTo("redact"));
        Assert.That(plan.ColumnMask("public", "pay", "secret")?.Name, Is.EqualTo("null"));
        Assert.That(plan.ColumnMask("other", "pay", "secret")?.Name, Is.EqualTo("fixed"));
    }

    [Test]
    public void Pattern_directives_compile_in_order_without_duplicates()
    {
        var plan = MaskPlan.Compile(
        [
            Pattern("r1", "credit_card", false, "redact"),
            Pattern("r2", "api_key_[a-z0-9]+", true, "fixed", "KEY"),
            Pattern("r3", "credit_card", false, "redact"),
        ]);

        Assert.That(plan.Patterns.Rules.Select(rule => rule.Pattern.Name), Is.EqualTo(new[] { "credit_card", "/api_key_[a-z0-9]+/" }));
        Assert.That(Apply(plan.Patterns, "4111111111111111 api_key_abc"), Is.EqualTo((MaskResult.Written, "[redacted] KEY")));
        Assert.That(plan.HasColumnMasks, Is.False);
    }

    [Test]
    public void No_directives_is_the_empty_plan()
    {
        Assert.That(MaskPlan.Compile([]), Is.SameAs(MaskPlan.Empty));
        Assert.That(MaskPlan.Empty.IsEmpty, Is.True);
        Assert.That(MaskPlan.Empty.ColumnMask("a", "b", "c"), Is.Null);
    }

    [Test]
    public void Impossible_directives_throw_naming_the_rule()
    {
        Assert.That(() => MaskPlan.Compile([Column("r7", ["c"], "redakt")]), Throws.ArgumentException.With.Message.Contains("rule 'r7'").And.Message.Contains("unknown mask function 'redakt'"));
        Assert.That(() => MaskPlan.Compile([Pattern("r8", "credit_crd", false, "redact")]), Throws.ArgumentException.With.Message.Contains("rule 'r8'").And.Message.Contains("unknown mask pattern"));
        Assert.That(() => MaskPlan.Compile([new MaskDirective("r9", null, null, false, "redact", [])]), Throws.ArgumentException.With.Message.Contains("neither"));
        Assert.That(() => MaskPlan.Compile([Column("r10", ["c"], "hash")]), Throws.InvalidOperationException);
    }

    [Test]
    public void Directives_from_a_compiled_policy_compile()
    {
        const string policy = """
            list pii = ["email", "public.users.phone"]
            rule mask_pii { when protocol == postgres then mask column pii with partial(keep: 4), mask pattern credit_card with redact, mask pattern /tok_[0-9]+/ with fixed("T") }
            """;
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "a.rules"), policy);
            var (document, diagnostics) = PolicyLoader.Load(directory.FullName);
            Assert.That(document, Is.Not.Null, string.Join("\n", diagnostics));
            var decision = CompiledPolicy.Compile(document!).Decide(new PolicyInput { Protocol = "postgres" });

            var plan = MaskPlan.Compile(decision.Masks);

            Assert.That(Apply(plan.ColumnMask("public", "users", "phone")!, "+15550100").Text, Is.EqualTo("*****0100"));
            Assert.That(Apply(plan.Patterns, "4111111111111111 tok_12").Text, Is.EqualTo("[redacted] T"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void A_policy_regex_keeps_its_flags_on_the_way_to_the_engine()
    {
        var policy = Proxy.Tests.Policy.PolicyEvaluationTests.Compile("""
            version 1
            rule tokens { when protocol == postgres then mask pattern /secret[0-9]+/i with redact }
            """);
        var plan = MaskPlan.Compile(policy.Decide(new PolicyInput { Protocol = "postgres" }).Masks);
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        var result = plan.Patterns.Apply("key SECRET42 here"u8, output);

        Assert.That(result, Is.EqualTo(MaskResult.Written));
        Assert.That(System.Text.Encoding.UTF8.GetString(output.WrittenSpan), Is.EqualTo("key [redacted] here"));
    }
}
