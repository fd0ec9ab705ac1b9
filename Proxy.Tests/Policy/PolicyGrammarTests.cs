using Proxy.Core.Policy;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Tests.Policy;

public sealed class PolicyGrammarTests
{
    /// <summary>The example of issue 4, verbatim: the language surface v1 promises.</summary>
    internal const string IssueExample = """
        version 1
        default allow                  # what happens when no rule decides: allow | block

        list pii_tables = ["public.users", "public.payments"]

        rule no_unscoped_writes "UPDATE/DELETE need a WHERE clause" {
          when sql.kind in [update, delete] and not sql.where
          then block "add a WHERE clause"
        }

        rule prod_ddl "Schema changes on prod need a DBA" {
          when db == "prod" and sql.kind in [drop, truncate, alter, create, grant, revoke]
          then approve(by: "dba", timeout: 15m)
        }

        rule agents_read_only mode audit {
          when groups has "ai-agents" and sql.kind not in [select, show, explain]
          then block "agents are read-only"
        }

        rule mask_pii {
          when protocol == postgres
          then mask column ["email", "public.users.phone"] with partial(keep: 4),
               mask pattern credit_card with redact
        }

        rule agent_pii_reads {
          when groups has "ai-agents" and sql.tables any in pii_tables
          then log "agent read a PII table"
        }

        test "an agent cannot wipe a table" {
          given protocol = postgres, user = "agent-7", groups = ["ai-agents"], db = "prod", sql = "DELETE FROM orders"
          expect block by no_unscoped_writes
        }
        """;

    private static PolicyFile ParseClean(string text)
    {
        var (file, diagnostics) = PolicyGrammar.ParseFile("t.rules", text);
        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
        return file;
    }

    [Test]
    public void The_issue_example_parses_completely()
    {
        var file = ParseClean(IssueExample);

        Assert.That(file.Version!.Number, Is.EqualTo(1));
        Assert.That(file.Default!.Decision, Is.EqualTo(DefaultDecision.Allow));
        Assert.That(file.Lists.Single().Name, Is.EqualTo("pii_tables"));
        Assert.That(file.Lists.Single().Items.Items.Cast<StringLiteral>().Select(s => s.Value), Is.EqualTo(new[] { "public.users", "public.payments" }));
        Assert.That(file.Rules.Select(r => r.Id), Is.EqualTo(new[] { "no_unscoped_writes", "prod_ddl", "agents_read_only", "mask_pii", "agent_pii_reads" }));
        Assert.That(file.Tests.Single().Name, Is.EqualTo("an agent cannot wipe a table"));

        var unscoped = file.Rules[0];
        Assert.That(unscoped.Description, Is.EqualTo("UPDATE/DELETE need a WHERE clause"));
        Assert.That(unscoped.Mode, Is.EqualTo(RuleMode.Enforce));
        var and = (AndExpression)unscoped.When;
        var kindIn = (Comparison)and.Left;
        Assert.That(((FieldReference)kindIn.Left).Name, Is.EqualTo("sql.kind"));
        Assert.That(kindIn.Operator, Is.EqualTo(ComparisonOperator.In));
        Assert.That(((ListLiteral)kindIn.Right).Items.Cast<IdentifierLiteral>().Select(i => i.Name), Is.EqualTo(new[] { "update", "delete" }));
        Assert.That(((FieldReference)((NotExpression)and.Right).Operand).Name, Is.EqualTo("sql.where"));
        Assert.That(((BlockAction)unscoped.Actions.Single()).Message, Is.EqualTo("add a WHERE clause"));

        var approve = (ApproveAction)file.Rules[1].Actions.Single();
        Assert.That(approve.Arguments.Select(a => a.Name), Is.EqualTo(new[] { "by", "timeout" }));
        Assert.That(((StringLiteral)approve.Arguments[0].Value).Value, Is.EqualTo("dba"));
        Assert.That(((DurationLiteral)approve.Arguments[1].Value).Value, Is.EqualTo(TimeSpan.FromMinutes(15)));

        var readOnly = file.Rules[2];
        Assert.That(readOnly.Mode, Is.EqualTo(RuleMode.Audit));
        var readOnlyAnd = (AndExpression)readOnly.When;
        Assert.That(((Comparison)readOnlyAnd.Left).Operator, Is.EqualTo(ComparisonOperator.Has));
        Assert.That(((Comparison)readOnlyAnd.Right).Operator, Is.EqualTo(ComparisonOperator.NotIn));

        var masks = file.Rules[3].Actions;
        Assert.That(((IdentifierLiteral)((Comparison)file.Rules[3].When).Right).Name, Is.EqualTo("postgres"));
        var column = (MaskColumnAction)masks[0];
        Assert.That(column.Function.Name, Is.EqualTo("partial"));
        Assert.That(((NumberLiteral)column.Function.Arguments.Single().Value).Value, Is.EqualTo(4));
        var pattern = (MaskPatternAction)masks[1];
        Assert.That(((IdentifierLiteral)pattern.Pattern).Name, Is.EqualTo("credit_card"));
        Assert.That(pattern.Function.Name, Is.EqualTo("redact"));

        var anyIn = (Comparison)((AndExpression)file.Rules[4].When).Right;
        Assert.That(anyIn.Operator, Is.EqualTo(ComparisonOperator.AnyIn));
        Assert.That(((ListReference)anyIn.Right).Name, Is.EqualTo("pii_tables"));
        Assert.That(((LogAction)file.Rules[4].Actions.Single()).Tag, Is.EqualTo("agent read a PII table"));

        var test = file.Tests.Single();
        Assert.That(test.Given.Select(g => g.Name), Is.EqualTo(new[] { "protocol", "user", "groups", "db", "sql" }));
        Assert.That(test.Expect.Decision, Is.EqualTo(ExpectedDecision.Block));
        Assert.That(test.Expect.RuleId, Is.EqualTo("no_unscoped_writes"));
    }

    [Test]
    public void Nodes_carry_their_positions()
    {
        var file = ParseClean(IssueExample);

        Assert.That(file.Version!.Span, Is.EqualTo(new SourceSpan("t.rules", 1, 1, 9)));
        Assert.That(file.Default!.Span, Is.EqualTo(new SourceSpan("t.rules", 2, 1, 13)));
        Assert.That(file.Lists[0].NameSpan, Is.EqualTo(new SourceSpan("t.rules", 4, 6, 10)));
        var rule = file.Rules[0];
        Assert.That(rule.Span.Line, Is.EqualTo(6));
        Assert.That(rule.Span.Column, Is.EqualTo(1));
        Assert.That(rule.IdSpan, Is.EqualTo(new SourceSpan("t.rules", 6, 6, 18)));
        var and = (AndExpression)rule.When;
        Assert.That(and.Span, Is.EqualTo(new SourceSpan("t.rules", 7, 8, "sql.kind in [update, delete] and not sql.where".Length)));
        var kindIn = (Comparison)and.Left;
        Assert.That(kindIn.Left.Span, Is.EqualTo(new SourceSpan("t.rules", 7, 8, 8)));
        Assert.That(kindIn.OperatorSpan, Is.EqualTo(new SourceSpan("t.rules", 7, 17, 2)));
        Assert.That(((ListLiteral)kindIn.Right).Items[1].Span, Is.EqualTo(new SourceSpan("t.rules", 7, 29, 6)));
        Assert.That(rule.Actions[0].Span, Is.EqualTo(new SourceSpan("t.rules", 8, 8, "block \"add a WHERE clause\"".Length)));
        var notIn = (Comparison)((AndExpression)file.Rules[2].When).Right;
        Assert.That(notIn.OperatorSpan, Is.EqualTo(new SourceSpan("t.rules", 17, 44, 6)));
        Assert.That(file.Tests[0].Expect.RuleSpan, Is.EqualTo(new SourceSpan("t.rules", 34, 19, 18)));
    }

    [Test]
    public void Every_operator_and_literal_parses()
    {
        var file = ParseClean("""
            rule r {
              when (user == "a" or user != "b") and not (db like "prod_*")
                and sql.text ~ /drop\s+table\/x/i and groups all in ["x", y] and time.hour in [9, 10]
                and sql.multi
              then approve(by: dba, timeout: 30s, mode: hold, grant: 1h), mask pattern /\d{4}/ with fixed("****"),
                   mask column cols with hash, allow
            }
            """);

        var rule = file.Rules.Single();
        var comparisons = Flatten(rule.When).OfType<Comparison>().ToArray();
        Assert.That(comparisons.Select(c => c.Operator), Is.EqualTo(new[]
        {
            ComparisonOperator.Equal, ComparisonOperator.NotEqual, ComparisonOperator.Like,
            ComparisonOperator.Matches, ComparisonOperator.AllIn, ComparisonOperator.In,
        }));
        var regex = (RegexLiteral)comparisons[3].Right;
        Assert.That(regex.Pattern, Is.EqualTo(@"drop\s+table/x"));
        Assert.That(regex.Flags, Is.EqualTo("i"));
        Assert.That(Flatten(rule.When).OfType<OrExpression>().Count(), Is.EqualTo(1));
        Assert.That(Flatten(rule.When).OfType<FieldReference>().Last().Name, Is.EqualTo("sql.multi"));
        var approve = (ApproveAction)rule.Actions[0];
        Assert.That(((DurationLiteral)approve.Arguments[3].Value).Value, Is.EqualTo(TimeSpan.FromHours(1)));
        var pattern = (MaskPatternAction)rule.Actions[1];
        Assert.That(((RegexLiteral)pattern.Pattern).Pattern, Is.EqualTo(@"\d{4}"));
        Assert.That(((StringLiteral)pattern.Function.Arguments.Single().Value).Value, Is.EqualTo("****"));
        Assert.That(((ListReference)((MaskColumnAction)rule.Actions[2]).Columns).Name, Is.EqualTo("cols"));
        Assert.That(rule.Actions[3], Is.TypeOf<AllowAction>());
    }

    [Test]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or()
    {
        var rule = ParseClean("rule r { when not sql.where and sql.multi or sql.dynamic then block }").Rules.Single();

        var or = (OrExpression)rule.When;
        var and = (AndExpression)or.Left;
        Assert.That(and.Left, Is.TypeOf<NotExpression>());
        Assert.That(((FieldReference)or.Right).Name, Is.EqualTo("sql.dynamic"));
        Assert.That(((BlockAction)rule.Actions.Single()).Message, Is.Null);
    }

    [Test]
    public void A_file_may_hold_only_lists_and_tests()
    {
        var file = ParseClean("""
            # shared lists
            list admins = ["alice", "bob"]
            test "alice may read" {
              given user = "alice", sql = "SELECT 1"
              expect allow
            }
            """);

        Assert.That(file.Rules, Is.Empty);
        Assert.That(file.Lists, Has.Count.EqualTo(1));
        Assert.That(file.Tests.Single().Expect.RuleId, Is.Null);
    }

    [TestCase("rule r { when db == \"x\" then }", 1, 30, "unexpected '}'; expected 'allow', 'approve', 'block', 'log' or 'mask'")]
    [TestCase("rule r { when db == then block }", 1, 21, "unexpected 'then'")]
    [TestCase("rule r { when db == \"x then block }", 1, 36, "unexpected end of file; expected '\"' to end the string")]
    [TestCase("rul r { }", 1, 1, "expected 'default', 'list', 'rule', 'test' or 'version' (did you mean 'rule'?)")]
    [TestCase("rule r {\n  when db == 5x then block\n}", 2, 15, "unexpected 'x'; expected a duration unit (ms, s, m, h, d)")]
    [TestCase("default maybe", 1, 9, "unexpected 'maybe'; expected 'allow' or 'block'")]
    public void A_syntax_error_is_a_diagnostic_at_the_mistake(string text, int line, int column, string message)
    {
        var (_, diagnostics) = PolicyGrammar.ParseFile("t.rules", text);

        var diagnostic = diagnostics.Single();
        Assert.That((diagnostic.Span.Line, diagnostic.Span.Column), Is.EqualTo((line, column)));
        Assert.That(diagnostic.Message, Does.Contain(message));
    }

    [Test]
    public void Parsing_resumes_at_the_next_item_after_an_error()
    {
        var (file, diagnostics) = PolicyGrammar.ParseFile("t.rules", """
            rule broken {
              when db === "x"
              then block
            }
            rule fine { when sql.where then allow }
            list l = [1, 2
            test "t" { expect allow }
            """);

        Assert.That(diagnostics.Select(d => d.Span.Line), Is.EqualTo(new[] { 2, 7 }));
        Assert.That(file.Rules.Single().Id, Is.EqualTo("fine"));
        Assert.That(file.Tests.Single().Name, Is.EqualTo("t"));
    }

    [Test]
    public void Deep_nesting_is_a_diagnostic_not_a_stack_overflow()
    {
        var text = "rule r { when " + new string('(', 10_000) + "sql.where" + new string(')', 10_000) + " then allow }";

        var (_, diagnostics) = PolicyGrammar.ParseFile("t.rules", text);

        Assert.That(diagnostics.Single().Message, Does.Contain("at most 64 nested parentheses"));
    }

    [Test]
    public void Random_token_soup_is_parsed_and_bound_without_exceptions()
    {
        string[] tokens =
        [
            "rule", "list", "test", "default", "version", "when", "then", "given", "expect", "by", "mode", "audit",
            "and", "or", "not", "in", "any", "all", "has", "like", "~", "==", "!=", "=", "(", ")", "[", "]", "{", "}",
            ",", ":", "\"s\"", "\"", "/a/i", "/", "15m", "9", "5x", "sql.kind", "db", "x", "allow", "block",
            "approve", "mask", "column", "pattern", "with", "partial", "log", "#", "\n", " ", ".",
        ];
        var random = new Random(4);
        for (var i = 0; i < 3000; i++)
        {
            var text = string.Join(" ", Enumerable.Range(0, random.Next(1, 40)).Select(_ => tokens[random.Next(tokens.Length)]));

            Assert.DoesNotThrow(
                () =>
                {
                    var lines = new SourceLines();
                    lines.Add("t.rules", text);
                    PolicyBinder.Bind([PolicyGrammar.ParseFile("t.rules", text).File], lines);
                },
                text);
        }
    }

    private static IEnumerable<Expression> Flatten(Expression expression) => expression switch
    {
        AndExpression and => Flatten(and.Left).Concat(Flatten(and.Right)).Prepend(and),
        OrExpression or => Flatten(or.Left).Concat(Flatten(or.Right)).Prepend(or),
        NotExpression not => Flatten(not.Operand).Prepend(not),
        Comparison comparison => Flatten(comparison.Left).Prepend(comparison),
        _ => [expression],
    };
}
