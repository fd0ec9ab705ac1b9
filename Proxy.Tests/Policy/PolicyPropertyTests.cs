using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.Policy.Syntax;

namespace Proxy.Tests.Policy;

/// <summary>
/// Properties of the parser over generated input: any text at all becomes diagnostics, never an exception; and
/// printing a tree and parsing the text gives the same tree back.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Structure", "NUnit1027", Justification = "FsCheck's [Property] supplies the generated argument")]
public sealed class PolicyPropertyTests
{
    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(PolicyArbitraries) }, MaxTest = 1000)]
    public void Token_soup_never_throws(TokenSoup soup)
    {
        var (file, syntaxErrors) = PolicyGrammar.ParseFile("soup.rules", soup.Text);
        var lines = new SourceLines();
        lines.Add("soup.rules", soup.Text);
        var (document, bindErrors) = PolicyBinder.Bind([file], lines);
        if (syntaxErrors.Count == 0 && document is not null)
        {
            CompiledPolicy.Compile(document).Decide(new PolicyInput { Protocol = "postgres", SqlKind = "select", SqlText = soup.Text });
        }

        // Every diagnostic renders (positions inside the text or line 0).
        foreach (var diagnostic in syntaxErrors.Concat(bindErrors))
        {
            _ = diagnostic.ToString();
        }
    }

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(PolicyArbitraries) }, MaxTest = 500)]
    public void Printing_then_parsing_gives_the_same_tree(GeneratedPolicy policy)
    {
        var text = PolicyPrinter.Print(policy.File);

        var (parsed, diagnostics) = PolicyGrammar.ParseFile(policy.File.Path, text);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty, text);
        Assert.That(SyntaxTree.Dump(parsed), Is.EqualTo(SyntaxTree.Dump(policy.File)), text);
    }

    [Test]
    public void Every_shipped_policy_file_round_trips()
    {
        var files = Directory.GetFiles(ShippedPolicies.Directory, "*.rules");
        Assert.That(files, Is.Not.Empty);
        foreach (var path in files)
        {
            var (original, errors) = PolicyGrammar.ParseFile(path, File.ReadAllText(path));
            Assert.That(errors, Is.Empty);

            var printed = PolicyPrinter.Print(original);
            var (reparsed, diagnostics) = PolicyGrammar.ParseFile(path, printed);

            Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty, printed);
            Assert.That(SyntaxTree.Dump(reparsed), Is.EqualTo(SyntaxTree.Dump(original)), path);
            Assert.That(PolicyPrinter.Print(reparsed), Is.EqualTo(printed), "printing is stable");
        }
    }

    [Test]
    public void Operators_of_the_same_kind_keep_their_grouping()
    {
        const string text = "rule r { when (a or b) and not (c and d) and (e and (f or g)) or not not h or (i or j) then allow }";
        var (original, _) = PolicyGrammar.ParseFile("p.rules", text);

        var printed = PolicyPrinter.Print(original);
        var (reparsed, diagnostics) = PolicyGrammar.ParseFile("p.rules", printed);

        Assert.That(diagnostics, Is.Empty);
        Assert.That(SyntaxTree.Dump(reparsed), Is.EqualTo(SyntaxTree.Dump(original)));
        Assert.That(PolicyPrinter.Condition(original.Rules[0].When), Is.EqualTo("(a or b) and not (c and d) and (e and (f or g)) or not not h or (i or j)"));
    }

    [Test]
    public void Strings_and_regexes_keep_their_escapes()
    {
        const string text = """rule r "say \"hi\" \\ \d" { when sql.text ~ /a\/b\\\d/i then block "\"\\" }""";
        var (original, _) = PolicyGrammar.ParseFile("p.rules", text);

        var (reparsed, diagnostics) = PolicyGrammar.ParseFile("p.rules", PolicyPrinter.Print(original));

        Assert.That(diagnostics, Is.Empty);
        Assert.That(SyntaxTree.Dump(reparsed), Is.EqualTo(SyntaxTree.Dump(original)));
        Assert.That(((RegexLiteral)((Comparison)reparsed.Rules[0].When).Right).Pattern, Is.EqualTo("a/b\\\\\\d"));
    }
}

/// <summary>A text made of the language's tokens and some that are not, joined by spaces, newlines or nothing.</summary>
public sealed record TokenSoup(string Text)
{
    public override string ToString() => System.Text.Json.JsonSerializer.Serialize(Text);
}

/// <summary>A generated syntax tree; shown as the text it prints to, which is what a failure needs to reproduce.</summary>
public sealed record GeneratedPolicy(PolicyFile File)
{
    public override string ToString() => PolicyPrinter.Print(File);
}

public static class PolicyArbitraries
{
    private static readonly SourceSpan Nowhere = new("gen.rules", 0, 0, 0);

    private static readonly string[] Keywords =
    [
        "version", "default", "allow", "block", "list", "rule", "test", "given", "expect", "by", "when", "then", "and", "or", "not",
        "in", "any", "all", "has", "like", "mode", "enforce", "audit", "approve", "mask", "column", "pattern", "with", "log",
    ];

    private static readonly string[] SoupTokens =
    [
        "==", "!=", "~", "=", ":", ",", "(", ")", "[", "]", "{", "}", ".", "\"x\"", "\"unterminated", "\"a\\\"b\\\\\"", "/a/i", "/(?=x)/",
        "/(a)\\1/", "/unterminated", "/[a/", "/a\\/b/g", "0", "9", "23", "25", "15m", "500ms", "7d", "99999999999999999999", "7x", "12ab",
        "update", "postgres", "tcp", "mon", "sunday", "true", "false", "redact", "partial(keep: 4)", "fixed(\"x\")", "credit_card", "by:",
        "timeout:", "\"10.0.0.0/8\"", "\"::1\"", "#comment\n", "\n", "\r\n", "\t", "\0", "\u00e9", "\uffff", "\ud800", "\\", "@", "$", "`",
        "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((", "not not not not not not not not not not not not not not not not",
    ];

    private static readonly string[] Names =
    [
        "a", "b", "x_1", "_t", "users", "prod", "update", "postgres", "mon", "true", "false", "mask", "with", "column", "pattern", "allow",
        "block", "rule", "list", "test", "version", "default", "mode", "audit", "enforce", "given", "expect", "by", "log", "approve", "redact",
    ];

    private static readonly string[] DottedNames = [.. Names, "sql.kind", "client.ip", "public.users", "a.b.c", "db.user", "x_1.y"];

    public static Arbitrary<TokenSoup> Soup() =>
        Gen.Sized(size =>
        {
            var token = Gen.Frequency(
                (4, Gen.Elements(SoupTokens)),
                (3, Gen.Elements(Keywords)),
                (3, Gen.Elements(PolicyVocabulary.Fields.Keys.ToArray())),
                (1, Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString())));
            var separator = Gen.Elements("", " ", " ", "\n");
            var piece = from t in token from s in separator select t + s;
            return Gen.Choose(0, Math.Max(1, size * 2)).SelectMany(count => Gen.ArrayOf(piece, count)).Select(pieces => new TokenSoup(string.Concat(pieces)));
        }).ToArbitrary();

    public static Arbitrary<GeneratedPolicy> Policy() => PolicyFileGen().Select(file => new GeneratedPolicy(file)).ToArbitrary();

    private static Gen<PolicyFile> PolicyFileGen() =>
        from version in Optional(Gen.Choose(0, 99).Select(n => new VersionNode(n, Nowhere)))
        from defaultNode in Optional(Gen.Elements(DefaultDecision.Allow, DefaultDecision.Block).Select(d => new DefaultNode(d, Nowhere)))
        from lists in ListOf(0, 2, ListDeclaration())
        from rules in ListOf(0, 4, Rule())
        from tests in ListOf(0, 2, TestGen())
        select new PolicyFile("gen.rules", version, defaultNode, lists, rules, tests, Nowhere);

    private static Gen<ListNode> ListDeclaration() =>
        from name in Gen.Elements(Names)
        from items in ListLiteralGen()
        select new ListNode(name, Nowhere, items, Nowhere);

    private static Gen<RuleNode> Rule() =>
        from id in Gen.Elements(Names)
        from description in Optional(Text())
        from mode in Gen.Elements(RuleMode.Enforce, RuleMode.Audit)
        from when in Condition(3)
        from actions in ListOf(1, 3, Action())
        select new RuleNode(id, Nowhere, description, mode, when, actions, Nowhere);

    private static Gen<TestNode> TestGen() =>
        from name in Text()
        from given in ListOf(0, 3, from n in Gen.Elements(DottedNames) from v in AnyValue() select new GivenBinding(n, Nowhere, v, Nowhere))
        from decision in Gen.Elements(ExpectedDecision.Allow, ExpectedDecision.Block, ExpectedDecision.Approve)
        from expectedRule in Optional(Gen.Elements(Names))
        select new TestNode(name, given, new Expectation(decision, expectedRule, expectedRule is null ? null : Nowhere, Nowhere), Nowhere);

    private static Gen<Expression> Condition(int depth)
    {
        var field = Gen.Elements(DottedNames).Select(name => new FieldReference(name, Nowhere));
        var comparison =
            from left in field
            from op in Gen.Elements(Enum.GetValues<ComparisonOperator>())
            from right in op is ComparisonOperator.In or ComparisonOperator.NotIn or ComparisonOperator.AnyIn or ComparisonOperator.AllIn ? ListValue() : AnyValue()
            select (Expression)new Comparison(left, op, Nowhere, right, Nowhere);
        var leaf = Gen.Frequency((1, field.Select(f => (Expression)f)), (3, comparison));
        if (depth == 0)
        {
            return leaf;
        }

        var inner = Condition(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (1, from l in inner from r in inner select (Expression)new AndExpression(l, r, Nowhere)),
            (1, from l in inner from r in inner select (Expression)new OrExpression(l, r, Nowhere)),
            (1, inner.Select(e => (Expression)new NotExpression(e, Nowhere))));
    }

    private static Gen<ActionNode> Action() => Gen.OneOf(
        Gen.Constant((ActionNode)new AllowAction(Nowhere)),
        Optional(Text()).Select(message => (ActionNode)new BlockAction(message, Nowhere)),
        ListOf(0, 3, Argument()).Select(arguments => (ActionNode)new ApproveAction(arguments, Nowhere)),
        from columns in Gen.OneOf(ListLiteralGen().Select(l => (Expression)l), Gen.Elements(DottedNames).Select(n => (Expression)new ListReference(n, Nowhere)))
        from function in MaskFunctionGen()
        select (ActionNode)new MaskColumnAction(columns, function, Nowhere),
        from pattern in Gen.OneOf(Regex(), Gen.Elements(DottedNames).Select(n => (Expression)new IdentifierLiteral(n, Nowhere)))
        from function in MaskFunctionGen()
        select (ActionNode)new MaskPatternAction(pattern, function, Nowhere),
        Text().Select(tag => (ActionNode)new LogAction(tag, Nowhere)));

    private static Gen<MaskFunction> MaskFunctionGen() =>
        from name in Gen.Elements(Names)
        from arguments in ListOf(0, 2, Argument())
        select new MaskFunction(name, arguments, Nowhere);

    private static Gen<Argument> Argument() =>
        from name in Optional(Gen.Elements(Names))
        from value in AnyValue()
        select new Argument(name, value, Nowhere);

    /// <summary>What the parser accepts after an operator, in a `given` or as an argument.</summary>
    private static Gen<Expression> AnyValue() => Gen.OneOf(
        Text().Select(t => (Expression)new StringLiteral(t, Nowhere)),
        Regex(),
        Number(),
        Duration(),
        ListLiteralGen().Select(l => (Expression)l),
        Gen.Elements(DottedNames).Select(n => (Expression)new IdentifierLiteral(n, Nowhere)));

    /// <summary>After `in`, `not in`, `any in`, `all in` a bare name is a list name.</summary>
    private static Gen<Expression> ListValue() => Gen.OneOf(
        ListLiteralGen().Select(l => (Expression)l),
        Gen.Elements(DottedNames).Select(n => (Expression)new ListReference(n, Nowhere)),
        Text().Select(t => (Expression)new StringLiteral(t, Nowhere)),
        Regex(),
        Number());

    private static Gen<ListLiteral> ListLiteralGen() =>
        ListOf(0, 4, Gen.OneOf(
                Text().Select(t => (Expression)new StringLiteral(t, Nowhere)),
                Number(),
                Duration(),
                Gen.Elements(DottedNames).Select(n => (Expression)new IdentifierLiteral(n, Nowhere))))
            .Select(items => new ListLiteral(items, Nowhere));

    private static Gen<Expression> Number() => Gen.Choose(0, 10_675_199).Select(n => (Expression)new NumberLiteral(n, Nowhere));

    private static Gen<Expression> Duration() =>
        from n in Gen.Choose(0, 100_000)
        from unit in Gen.Elements("ms", "s", "m", "h", "d")
        let value = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        }
        select (Expression)new DurationLiteral(value, n.ToString(CultureInfo.InvariantCulture) + unit, Nowhere);

    /// <summary>One-line text with the characters that need escaping, and some that look like syntax.</summary>
    private static Gen<string> Text() =>
        Gen.ArrayOf(Gen.Elements('a', 'Z', ' ', '"', '\\', '#', '/', '{', '}', ',', 'é', '\t', '*', '0'))
            .Select(chars => new string(chars));

    /// <summary>A pattern the parser can produce: no newline, no lone trailing backslash, no backslash before the delimiter.</summary>
    private static Gen<Expression> Regex() =>
        from pieces in Gen.ArrayOf(Gen.Elements("a", "b", "\\d", "\\s", "\\\\", ".", "*", "+", "?", "/", "[ab]", "(c)", "|", "^", "$", " ", "#", "\""))
        from flags in Gen.Elements("", "i", "ms", "ix", "g")
        select (Expression)new RegexLiteral(string.Concat(pieces), flags, Nowhere);

    private static Gen<T?> Optional<T>(Gen<T> gen)
        where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(value => (T?)value)));

    private static Gen<IReadOnlyList<T>> ListOf<T>(int min, int max, Gen<T> gen) =>
        Gen.Choose(min, max).SelectMany(count => Gen.ArrayOf(gen, count)).Select(items => (IReadOnlyList<T>)items);
}

/// <summary>A syntax tree as text, every node with its type and values, spans left out: equal dumps are equal trees.</summary>
internal static class SyntaxTree
{
    public static string Dump(object? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(object? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append(System.Text.Json.JsonSerializer.Serialize(s));
                return;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Write(item, text);
                    text.Append(',');
                }

                text.Append(']');
                return;
            case Enum or ValueType:
                text.Append(Convert.ToString(node, CultureInfo.InvariantCulture));
                return;
        }

        var type = node.GetType();
        text.Append(type.Name).Append('(');
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.PropertyType == typeof(SourceSpan))
            {
                continue;
            }

            text.Append(property.Name).Append('=');
            Write(property.GetValue(node), text);
            text.Append(' ');
        }

        text.Append(')');
    }
}

/// <summary>The repository's `policies/` directory.</summary>
internal static class ShippedPolicies
{
    public static string Directory
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "proxy.sln")))
                {
                    return Path.Combine(directory.FullName, "policies");
                }
            }

            throw new InvalidOperationException($"no proxy.sln above {AppContext.BaseDirectory}");
        }
    }
}
