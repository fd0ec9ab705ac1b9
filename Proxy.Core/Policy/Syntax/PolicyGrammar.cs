using System.Globalization;
using System.Text;
using Sprache;

namespace Proxy.Core.Policy.Syntax;

/// <summary>
/// The whole rule language (docs/policy-language.md) as Sprache combinators, kept in this one file so a move to
/// another parser library stays local. One instance parses one file: it holds the file's line table and the
/// furthest point any token failed at, which is where a syntax error is reported (Sprache's own failures
/// point at the start of the alternative that backtracked, usually far before the mistake).
/// </summary>
public sealed class PolicyGrammar
{
    /// <summary>Words that start a top-level item; after a syntax error, parsing resumes at the next line starting with one.</summary>
    public static readonly IReadOnlyList<string> TopLevelKeywords = ["rule", "list", "test", "default", "version"];

    // Words of the expression syntax: never a field, a value or a list name.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "in", "any", "all", "has", "like", "when", "then",
    };

    private readonly string _path;
    private readonly string _text;
    private readonly int[] _lineStarts;
    private readonly SourceLines _lines = new();
    private readonly SortedSet<string> _expected = new(StringComparer.Ordinal);
    private int _furthest = -1;
    private int _depth;

    private readonly Parser<object> _item;

    private PolicyGrammar(string path, string text)
    {
        _path = path;
        _text = text;
        _lines.Add(path, text);
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];

        var stringLiteral = Token(StringBody, "a string");
        var number = Token(NumberBody, "a number");
        var identifier = Token(IdentifierBody(dotted: false), "a name");
        var name = Token(IdentifierBody(dotted: true), "a name");

        var stringNode = Node(from value in stringLiteral select (Func<SourceSpan, Expression>)(span => new StringLiteral(value, span)));
        var regexNode = Node(from regex in Token(RegexBody, "a /regex/") select (Func<SourceSpan, Expression>)(span => new RegexLiteral(regex.Pattern, regex.Flags, span)));
        var numberNode = Node(from value in number select (Func<SourceSpan, Expression>)(span => value.Unit is null
            ? new NumberLiteral(value.Number, span)
            : new DurationLiteral(value.Duration, value.Text, span)));
        var nameNode = Node(from value in name select (Func<SourceSpan, Expression>)(span => new IdentifierLiteral(value, span)));

        var listItem = stringNode.Or(numberNode).Or(nameNode);
        var listLiteral = Node(
            from open in Symbol("[")
            from items in listItem.DelimitedBy(Symbol(",")).Optional()
            from trailing in Symbol(",").Optional()
            from close in Symbol("]")
            select (Func<SourceSpan, ListLiteral>)(span => new ListLiteral(items.GetOrElse([]).ToArray(), span)));

        var anyValue = stringNode.Or(regexNode).Or(numberNode).Or(listLiteral).Or(nameNode);

        // Expressions, loosest first: or < and < not < comparison.
        Parser<Expression>? expression = null;
        var field = Node(from fieldName in name select (Func<SourceSpan, Expression>)(span => new FieldReference(fieldName, span)));
        var comparisonOperator = Located(
            Keyword("not").Then(_ => Keyword("in")).Return(ComparisonOperator.NotIn)
                .Or(Keyword("any").Then(_ => Keyword("in")).Return(ComparisonOperator.AnyIn))
                .Or(Keyword("all").Then(_ => Keyword("in")).Return(ComparisonOperator.AllIn))
                .Or(Keyword("in").Return(ComparisonOperator.In))
                .Or(Keyword("has").Return(ComparisonOperator.Has))
                .Or(Keyword("like").Return(ComparisonOperator.Like))
                .Or(Symbol("==").Return(ComparisonOperator.Equal))
                .Or(Symbol("!=").Return(ComparisonOperator.NotEqual))
                .Or(Symbol("~").Return(ComparisonOperator.Matches)));
        var comparison = Node(
            from left in field
            from tail in (from op in comparisonOperator from right in anyValue select (op, right)).Optional()
            select (Func<SourceSpan, Expression>)(span => tail.IsDefined
                ? new Comparison(left, tail.Get().op.Value, tail.Get().op.Span, AsListReference(tail.Get().op.Value, tail.Get().right), span)
                : left));
        var parenthesized =
            from open in Symbol("(")
            from inner in Nested(Parse.Ref(() => expression!))
            from close in Symbol(")")
            select inner;
        var primary = parenthesized.Or(comparison);
        Parser<Expression>? negation = null;
        negation = Node(
                from not in Keyword("not")
                from operand in Nested(Parse.Ref(() => negation!))
                select (Func<SourceSpan, Expression>)(span => new NotExpression(operand, span)))
            .Or(primary);
        var conjunction = Parse.ChainOperator(Keyword("and"), negation, (_, left, right) => (Expression)new AndExpression(left, right, Merge(left.Span, right.Span)));
        expression = Parse.ChainOperator(Keyword("or"), conjunction, (_, left, right) => (Expression)new OrExpression(left, right, Merge(left.Span, right.Span)));

        // Actions.
        var argument = Node(
                from argumentName in identifier
                from colon in Symbol(":")
                from argumentValue in anyValue
                select (Func<SourceSpan, Argument>)(span => new Argument(argumentName, argumentValue, span)))
            .Or(Node(from argumentValue in anyValue select (Func<SourceSpan, Argument>)(span => new Argument(null, argumentValue, span))));
        var arguments =
            from open in Symbol("(")
            from list in argument.DelimitedBy(Symbol(",")).Optional()
            from close in Symbol(")")
            select (IReadOnlyList<Argument>)list.GetOrElse([]).ToArray();
        var maskFunction = Node(
            from functionName in identifier
            from functionArguments in arguments.Optional()
            select (Func<SourceSpan, MaskFunction>)(span => new MaskFunction(functionName, functionArguments.GetOrElse([]), span)));
        var columns = listLiteral.Select(list => (Expression)list)
            .Or(Node(from listName in name select (Func<SourceSpan, Expression>)(span => new ListReference(listName, span))));

        var allow = Node(from keyword in Keyword("allow") select (Func<SourceSpan, ActionNode>)(span => new AllowAction(span)));
        var block = Node(
            from keyword in Keyword("block")
            from message in stringLiteral.Optional()
            select (Func<SourceSpan, ActionNode>)(span => new BlockAction(message.GetOrDefault(), span)));
        var approve = Node(
            from keyword in Keyword("approve")
            from list in arguments
            select (Func<SourceSpan, ActionNode>)(span => new ApproveAction(list, span)));
        var maskColumn = Node(
            from mask in Keyword("mask")
            from column in Keyword("column")
            from list in columns
            from with in Keyword("with")
            from function in maskFunction
            select (Func<SourceSpan, ActionNode>)(span => new MaskColumnAction(list, function, span)));
        var maskPattern = Node(
            from mask in Keyword("mask")
            from pattern in Keyword("pattern")
            from which in regexNode.Or(nameNode)
            from with in Keyword("with")
            from function in maskFunction
            select (Func<SourceSpan, ActionNode>)(span => new MaskPatternAction(which, function, span)));
        var log = Node(
            from keyword in Keyword("log")
            from tag in stringLiteral
            select (Func<SourceSpan, ActionNode>)(span => new LogAction(tag, span)));
        var action = allow.Or(block).Or(approve).Or(maskColumn).Or(maskPattern).Or(log);

        // Top-level items.
        var version = Node(
            from keyword in Keyword("version")
            from numberValue in number
            select (Func<SourceSpan, object>)(span => new VersionNode((int)Math.Min(numberValue.Number, int.MaxValue), span)));
        var defaultDecision = Node(
            from keyword in Keyword("default")
            from decision in Keyword("allow").Return(DefaultDecision.Allow).Or(Keyword("block").Return(DefaultDecision.Block))
            select (Func<SourceSpan, object>)(span => new DefaultNode(decision, span)));
        var listDeclaration = Node(
            from keyword in Keyword("list")
            from listName in Located(identifier)
            from equalsSign in Symbol("=")
            from items in listLiteral
            select (Func<SourceSpan, object>)(span => new ListNode(listName.Value, listName.Span, items, span)));
        var rule = Node(
            from keyword in Keyword("rule")
            from id in Located(identifier)
            from description in stringLiteral.Optional()
            from mode in (from modeKeyword in Keyword("mode")
                          from chosen in Keyword("enforce").Return(RuleMode.Enforce).Or(Keyword("audit").Return(RuleMode.Audit))
                          select chosen).Optional()
            from open in Symbol("{")
            from when in Keyword("when")
            from condition in expression
            from then in Keyword("then")
            from actions in action.DelimitedBy(Symbol(","))
            from close in Symbol("}")
            select (Func<SourceSpan, object>)(span => new RuleNode(
                id.Value, id.Span, description.GetOrDefault(), mode.GetOrElse(RuleMode.Enforce), condition, actions.ToArray(), span)));
        var binding = Node(
            from bindingName in Located(name)
            from equalsSign in Symbol("=")
            from bindingValue in anyValue
            select (Func<SourceSpan, GivenBinding>)(span => new GivenBinding(bindingName.Value, bindingName.Span, bindingValue, span)));
        var expectation = Node(
            from keyword in Keyword("expect")
            from decision in Keyword("allow").Return(ExpectedDecision.Allow)
                .Or(Keyword("block").Return(ExpectedDecision.Block))
                .Or(Keyword("approve").Return(ExpectedDecision.Approve))
            from byClause in (from byKeyword in Keyword("by") from ruleId in Located(identifier) select ruleId).Optional()
            select (Func<SourceSpan, Expectation>)(span => byClause.IsDefined
                ? new Expectation(decision, byClause.Get().Value, byClause.Get().Span, span)
                : new Expectation(decision, null, null, span)));
        var test = Node(
            from keyword in Keyword("test")
            from testName in stringLiteral
            from open in Symbol("{")
            from given in (from givenKeyword in Keyword("given") from list in binding.DelimitedBy(Symbol(",")) select list).Optional()
            from expect in expectation
            from close in Symbol("}")
            select (Func<SourceSpan, object>)(span => new TestNode(testName, given.GetOrElse([]).ToArray(), expect, span)));

        _item = rule.Or(listDeclaration).Or(test).Or(defaultDecision).Or(version);
    }

    /// <summary>Parses one file. Never throws on bad input: every syntax error becomes a diagnostic, and parsing
    /// resumes at the next top-level item so one run reports all of them.</summary>
    public static (PolicyFile File, IReadOnlyList<Diagnostic> Diagnostics) ParseFile(string path, string text) =>
        new PolicyGrammar(path, text).ParseAll();

    private (PolicyFile File, IReadOnlyList<Diagnostic> Diagnostics) ParseAll()
    {
        var diagnostics = new List<Diagnostic>();
        var lists = new List<ListNode>();
        var rules = new List<RuleNode>();
        var tests = new List<TestNode>();
        VersionNode? version = null;
        DefaultNode? defaultNode = null;

        IInput input = new Input(_text);
        while (true)
        {
            input = SkipTrivia(input);
            if (input.AtEnd)
            {
                break;
            }

            _expected.Clear();
            _furthest = -1;
            var result = _item(input);
            if (result.WasSuccessful)
            {
                switch (result.Value)
                {
                    case VersionNode v when version is not null:
                        diagnostics.Add(_lines.Error(v.Span, $"'version' is already declared at {version.Span}"));
                        break;
                    case VersionNode v:
                        version = v;
                        break;
                    case DefaultNode d when defaultNode is not null:
                        diagnostics.Add(_lines.Error(d.Span, $"'default' is already declared at {defaultNode.Span}"));
                        break;
                    case DefaultNode d:
                        defaultNode = d;
                        break;
                    case ListNode l:
                        lists.Add(l);
                        break;
                    case RuleNode r:
                        rules.Add(r);
                        break;
                    case TestNode t:
                        tests.Add(t);
                        break;
                }

                input = result.Remainder;
                continue;
            }

            diagnostics.Add(SyntaxError(input.Position));
            input = SkipToNextItem(input);
        }

        var file = new PolicyFile(_path, version, defaultNode, lists.ToArray(), rules.ToArray(), tests.ToArray(), new SourceSpan(_path, 1, 1, _text.Length));
        return (file, diagnostics);
    }

    private Diagnostic SyntaxError(int itemStart)
    {
        var at = Math.Max(_furthest, itemStart);
        var (found, length) = DescribeAt(at);
        var message = new StringBuilder("unexpected ").Append(found);
        var expected = at == _furthest ? _expected.ToArray() : [];
        if (expected.Length > 0)
        {
            message.Append("; expected ").Append(expected.Length == 1
                ? expected[0]
                : string.Join(", ", expected[..^1]) + " or " + expected[^1]);
        }

        if (at == itemStart && IdentifierAt(at) is { } word)
        {
            message.Append(Diagnostics.Suggestion.DidYouMean(word, TopLevelKeywords));
        }

        return _lines.Error(SpanOf(at, at + length), message.ToString());
    }

    private (string Found, int Length) DescribeAt(int offset)
    {
        if (offset >= _text.Length)
        {
            return ("end of file", 1);
        }

        if (_text[offset] is '\n' or '\r')
        {
            return ("end of line", 1);
        }

        if (IdentifierAt(offset) is { } word)
        {
            return ($"'{word}'", word.Length);
        }

        return ($"'{_text[offset]}'", 1);
    }

    private string? IdentifierAt(int offset)
    {
        if (offset >= _text.Length || !IsIdentifierStart(_text[offset]))
        {
            return null;
        }

        var end = offset;
        while (end < _text.Length && IsIdentifierPart(_text[end]))
        {
            end++;
        }

        return _text[offset..end];
    }

    /// <summary>Skips to the first line after the failed item's first line that starts a top-level item.</summary>
    private static IInput SkipToNextItem(IInput input)
    {
        var atLineStart = false;
        while (!input.AtEnd)
        {
            if (input.Current == '\n')
            {
                atLineStart = true;
                input = input.Advance();
                continue;
            }

            if (atLineStart && !char.IsWhiteSpace(input.Current))
            {
                if (StartsTopLevelItem(input.Source, input.Position))
                {
                    return input;
                }

                atLineStart = false;
            }

            input = input.Advance();
        }

        return input;
    }

    private static bool StartsTopLevelItem(string text, int offset)
    {
        foreach (var keyword in TopLevelKeywords)
        {
            var end = offset + keyword.Length;
            if (string.CompareOrdinal(text, offset, keyword, 0, keyword.Length) == 0
                && (end == text.Length || !IsIdentifierPart(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static IInput SkipTrivia(IInput input)
    {
        while (!input.AtEnd)
        {
            if (char.IsWhiteSpace(input.Current))
            {
                input = input.Advance();
            }
            else if (input.Current == '#')
            {
                while (!input.AtEnd && input.Current != '\n')
                {
                    input = input.Advance();
                }
            }
            else
            {
                break;
            }
        }

        return input;
    }

    private void Expect(int offset, string what)
    {
        if (offset > _furthest)
        {
            _furthest = offset;
            _expected.Clear();
        }

        if (offset == _furthest)
        {
            _expected.Add(what);
        }
    }

    /// <summary>Skips comments and white space, then runs <paramref name="body"/>; a failure is recorded as "expected <paramref name="what"/>" there.</summary>
    private Parser<T> Token<T>(Parser<T> body, string what) => input =>
    {
        var start = SkipTrivia(input);
        var result = body(start);
        if (result.WasSuccessful)
        {
            return result;
        }

        Expect(start.Position, what);
        return Result.Failure<T>(start, "expected " + what, [what]);
    };

    /// <summary>
    /// Bounds how deep parentheses and `not`s nest: each level costs dozens of stack frames in the combinators,
    /// and a stack overflow would kill the process instead of becoming a diagnostic.
    /// </summary>
    private Parser<T> Nested<T>(Parser<T> parser) => input =>
    {
        if (_depth >= MaxNesting)
        {
            var at = SkipTrivia(input);
            Expect(at.Position, $"at most {MaxNesting} nested parentheses or 'not's");
            return Result.Failure<T>(at, "nested too deeply", []);
        }

        _depth++;
        try
        {
            return parser(input);
        }
        finally
        {
            _depth--;
        }
    };

    private const int MaxNesting = 64;

    private Parser<string> Keyword(string word) => Token(Word(word, wholeWord: true), $"'{word}'");

    private Parser<string> Symbol(string symbol) => Token(Word(symbol, wholeWord: false), $"'{symbol}'");

    private static Parser<string> Word(string word, bool wholeWord) => input =>
    {
        var at = input;
        foreach (var c in word)
        {
            if (at.AtEnd || at.Current != c)
            {
                return Result.Failure<string>(input, word, [word]);
            }

            at = at.Advance();
        }

        // `in` must not match the start of `interval`; `=` must not match the start of `==`.
        if (!at.AtEnd && (wholeWord ? IsIdentifierPart(at.Current) : word == "=" && at.Current == '='))
        {
            return Result.Failure<string>(input, word, [word]);
        }

        return Result.Success(word, at);
    };

    private readonly record struct Spanned<T>(T Value, SourceSpan Span);

    private Parser<Spanned<T>> Located<T>(Parser<T> parser) => input =>
    {
        var start = SkipTrivia(input);
        var result = parser(start);
        return result.WasSuccessful
            ? Result.Success(new Spanned<T>(result.Value, SpanOf(start.Position, result.Remainder.Position)), result.Remainder)
            : Result.Failure<Spanned<T>>(result.Remainder, result.Message, result.Expectations);
    };

    /// <summary>Runs <paramref name="parser"/> and builds its node with the span it covered (comments and space before it excluded).</summary>
    private Parser<T> Node<T>(Parser<Func<SourceSpan, T>> parser) =>
        Located(parser).Select(located => located.Value(located.Span));

    private SourceSpan SpanOf(int start, int end)
    {
        var line = Array.BinarySearch(_lineStarts, start);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceSpan(_path, line + 1, start - _lineStarts[line] + 1, Math.Max(0, end - start));
    }

    private SourceSpan Merge(SourceSpan first, SourceSpan last)
    {
        var start = _lineStarts[first.Line - 1] + first.Column - 1;
        var end = _lineStarts[last.Line - 1] + last.Column - 1 + last.Length;
        return SpanOf(start, end);
    }

    private static Expression AsListReference(ComparisonOperator op, Expression right) =>
        op is ComparisonOperator.In or ComparisonOperator.NotIn or ComparisonOperator.AnyIn or ComparisonOperator.AllIn
            && right is IdentifierLiteral identifier
            ? new ListReference(identifier.Name, identifier.Span)
            : right;

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>A name; dotted names (`sql.kind`, `public.users`) when <paramref name="dotted"/>. Reserved words are not names.</summary>
    private static Parser<string> IdentifierBody(bool dotted) => input =>
    {
        if (input.AtEnd || !IsIdentifierStart(input.Current))
        {
            return Result.Failure<string>(input, "a name", ["a name"]);
        }

        var text = new StringBuilder();
        var at = input;
        while (true)
        {
            while (!at.AtEnd && IsIdentifierPart(at.Current))
            {
                text.Append(at.Current);
                at = at.Advance();
            }

            if (dotted && !at.AtEnd && at.Current == '.' && at.Position + 1 < at.Source.Length && IsIdentifierStart(at.Source[at.Position + 1]))
            {
                text.Append('.');
                at = at.Advance();
                continue;
            }

            break;
        }

        var name = text.ToString();
        return Reserved.Contains(name)
            ? Result.Failure<string>(input, "a name", ["a name"])
            : Result.Success(name, at);
    };

    private Parser<string> StringBody => input =>
    {
        if (input.AtEnd || input.Current != '"')
        {
            return Result.Failure<string>(input, "a string", ["a string"]);
        }

        var text = new StringBuilder();
        var at = input.Advance();
        while (!at.AtEnd && at.Current != '"' && at.Current != '\n')
        {
            if (at.Current == '\\' && at.Position + 1 < at.Source.Length && at.Source[at.Position + 1] is '"' or '\\')
            {
                at = at.Advance();
            }

            text.Append(at.Current);
            at = at.Advance();
        }

        if (at.AtEnd || at.Current != '"')
        {
            // Report the unterminated string where it runs out, not where it starts.
            Expect(at.Position, "'\"' to end the string");
            return Result.Failure<string>(at, "unterminated string", ["'\"'"]);
        }

        return Result.Success(text.ToString(), at.Advance());
    };

    private readonly record struct RegexText(string Pattern, string Flags);

    private Parser<RegexText> RegexBody => input =>
    {
        if (input.AtEnd || input.Current != '/')
        {
            return Result.Failure<RegexText>(input, "a /regex/", ["a /regex/"]);
        }

        var pattern = new StringBuilder();
        var at = input.Advance();
        while (!at.AtEnd && at.Current != '/' && at.Current != '\n')
        {
            if (at.Current == '\\' && at.Position + 1 < at.Source.Length && at.Source[at.Position + 1] == '/')
            {
                at = at.Advance();
            }
            else if (at.Current == '\\' && at.Position + 1 < at.Source.Length && at.Source[at.Position + 1] != '\n')
            {
                pattern.Append(at.Current);
                at = at.Advance();
            }

            pattern.Append(at.Current);
            at = at.Advance();
        }

        if (at.AtEnd || at.Current != '/')
        {
            Expect(at.Position, "'/' to end the regex");
            return Result.Failure<RegexText>(at, "unterminated regex", ["'/'"]);
        }

        at = at.Advance();
        var flags = new StringBuilder();
        while (!at.AtEnd && char.IsAsciiLetter(at.Current))
        {
            flags.Append(at.Current);
            at = at.Advance();
        }

        return Result.Success(new RegexText(pattern.ToString(), flags.ToString()), at);
    };

    private readonly record struct NumberText(long Number, string? Unit, string Text)
    {
        public TimeSpan Duration => Unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(Number),
            "s" => TimeSpan.FromSeconds(Number),
            "m" => TimeSpan.FromMinutes(Number),
            "h" => TimeSpan.FromHours(Number),
            _ => TimeSpan.FromDays(Number),
        };
    }

    private static readonly string[] DurationUnits = ["ms", "s", "m", "h", "d"];

    /// <summary>`42`, or a duration `15m` when a unit follows the digits with no space.</summary>
    private Parser<NumberText> NumberBody => input =>
    {
        if (input.AtEnd || !char.IsAsciiDigit(input.Current))
        {
            return Result.Failure<NumberText>(input, "a number", ["a number"]);
        }

        var at = input;
        while (!at.AtEnd && char.IsAsciiDigit(at.Current))
        {
            at = at.Advance();
        }

        var digits = input.Source[input.Position..at.Position];
        var unitStart = at;
        while (!at.AtEnd && IsIdentifierPart(at.Current))
        {
            at = at.Advance();
        }

        var unit = input.Source[unitStart.Position..at.Position];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > (long)TimeSpan.MaxValue.TotalDays)
        {
            Expect(input.Position, "a number below 10675199");
            return Result.Failure<NumberText>(input, "number too large", ["a smaller number"]);
        }

        if (unit.Length == 0)
        {
            return Result.Success(new NumberText(number, null, digits), at);
        }

        if (Array.IndexOf(DurationUnits, unit) < 0)
        {
            Expect(unitStart.Position, "a duration unit (ms, s, m, h, d)");
            return Result.Failure<NumberText>(unitStart, "unknown unit", ["a duration unit"]);
        }

        return Result.Success(new NumberText(number, unit, digits + unit), at);
    };
}
