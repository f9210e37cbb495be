using System.Globalization;
using System.Threading;
using OptGen.Generator.Parsing;

namespace OptGen.Generator.Tests;

public class ParserTests
{
    private static (List<Statement> Statements, List<SyntaxError> Errors) Parse(string text)
    {
        var errors = new List<SyntaxError>();
        List<Statement> statements = Parser.ParseStatements(text, 0, errors, CancellationToken.None).OfType<Statement>().ToList();
        return (statements, errors);
    }

    /// <summary>Parses one statement without errors and shows its value as an S-expression.</summary>
    private static string Tree(string expression)
    {
        (List<Statement> statements, List<SyntaxError> errors) = Parse("x = " + expression);
        Assert.Empty(errors);
        return Show(Assert.Single(statements).Value);
    }

    internal static string Show(Expr e) => e switch
    {
        NumberExpr n => n.Value.ToString(CultureInfo.InvariantCulture),
        NameExpr n => n.Name,
        UnaryExpr u => $"({Op(u.Op)} {Show(u.Operand)})",
        BinaryExpr b => $"({Op(b.Op)} {Show(b.Left)} {Show(b.Right)})",
        ConditionalExpr c => $"(? {Show(c.Condition)} {Show(c.WhenTrue)} {Show(c.WhenFalse)})",
        CallExpr c => $"({c.Name}{string.Concat(c.Arguments.Select(a => " " + Show(a)))})",
        _ => "?",
    };

    private static string Op(TokenKind kind) => kind switch
    {
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Slash => "/",
        TokenKind.Caret => "^",
        TokenKind.Less => "<",
        TokenKind.LessEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterEqual => ">=",
        TokenKind.EqualEqual => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.AndAnd => "&&",
        TokenKind.OrOr => "||",
        TokenKind.Bang => "!",
        _ => kind.ToString(),
    };

    [Theory]
    [InlineData("-x^2", "(- (^ x 2))")]
    [InlineData("2^3^2", "(^ 2 (^ 3 2))")]
    [InlineData("2^-t", "(^ 2 (- t))")]
    [InlineData("a - b - c", "(- (- a b) c)")]
    [InlineData("a / b * c", "(* (/ a b) c)")]
    [InlineData("a + b * c ^ d", "(+ a (* b (^ c d)))")]
    [InlineData("a ? b : c ? d : e", "(? a b (? c d e))")]
    [InlineData("a ? b ? c : d : e", "(? a (? b c d) e)")]
    [InlineData("a < b && c >= d || e == f", "(|| (&& (< a b) (>= c d)) (== e f))")]
    [InlineData("a || b && c", "(|| a (&& b c))")]
    [InlineData("!a && b != c", "(&& (! a) (!= b c))")]
    [InlineData("a + 1 < b * 2", "(< (+ a 1) (* b 2))")]
    [InlineData("(a + b) * c", "(* (+ a b) c)")]
    [InlineData("clamp(x, -1, 1 + y)", "(clamp x (- 1) (+ 1 y))")]
    [InlineData("uniform()", "(uniform)")]
    [InlineData("1.5e-3 * .5", "(* 0.0015 0.5)")]
    public void PrecedenceAndAssociativity(string expression, string expected) =>
        Assert.Equal(expected, Tree(expression));

    [Fact]
    public void StatementsAreSplitByNewlinesAndSemicolons()
    {
        (List<Statement> statements, List<SyntaxError> errors) = Parse("a = 1; b = 2\n\n c = a + b ;\r\n w -= c;");
        Assert.Empty(errors);
        Assert.Equal(new[] { "a", "b", "c", "w" }, statements.Select(s => s.Target));
        Assert.Equal("(+ a b)", Show(statements[2].Value));
    }

    [Theory]
    [InlineData("w = g", nameof(TokenKind.Assign))]
    [InlineData("w += g", nameof(TokenKind.PlusAssign))]
    [InlineData("w -= g", nameof(TokenKind.MinusAssign))]
    [InlineData("w *= g", nameof(TokenKind.StarAssign))]
    [InlineData("w /= g", nameof(TokenKind.SlashAssign))]
    public void CompoundAssignments(string text, string op)
    {
        (List<Statement> statements, List<SyntaxError> errors) = Parse(text);
        Assert.Empty(errors);
        Statement s = Assert.Single(statements);
        Assert.Equal(System.Enum.Parse<TokenKind>(op), s.Op);
        Assert.Equal("w", s.Target);
        Assert.Equal("g", Show(s.Value));
    }

    [Fact]
    public void ErrorRecoveryReportsEveryBrokenStatement()
    {
        const string text = "a = (1 + 2\nb = 2\nc = * 3\nd = 4 5\nw -= a + b";
        (List<Statement> statements, List<SyntaxError> errors) = Parse(text);
        Assert.Equal(new[] { "b", "w" }, statements.Select(s => s.Target));
        Assert.Equal(3, errors.Count);
        // Each error points at the token where the statement broke.
        Assert.Equal("\n", text.Substring(errors[0].Start, errors[0].Length));
        Assert.Equal("expected ')', found the end of the statement", errors[0].Message);
        Assert.Equal("*", text.Substring(errors[1].Start, errors[1].Length));
        Assert.Equal("5", text.Substring(errors[2].Start, errors[2].Length));
        Assert.Equal("unexpected '5': a statement ends at a new line or ';'", errors[2].Message);
    }

    [Fact]
    public void ErrorAtTheEndOfInputIsAnEmptySpanAtTheEnd()
    {
        (_, List<SyntaxError> errors) = Parse("w -= sqrt(g");
        SyntaxError e = Assert.Single(errors);
        Assert.Equal(("w -= sqrt(g".Length, 0), (e.Start, e.Length));
        Assert.Equal("expected ')' to close the call of 'sqrt', found the end of the formula", e.Message);
    }

    [Fact]
    public void TenThousandParenthesesAreTooDeepNotACrash()
    {
        string text = "w = " + new string('(', 10_000) + "g" + new string(')', 10_000);
        (List<Statement> statements, List<SyntaxError> errors) = Parse(text);
        Assert.Empty(statements);
        SyntaxError e = Assert.Single(errors);
        Assert.True(e.TooDeep);
        Assert.Equal(4 + Parser.MaxDepth, e.Start); // the parenthesis that opens level MaxDepth + 1
    }

    [Theory]
    [InlineData("-")]
    [InlineData("!")]
    [InlineData("2^")]
    [InlineData("a ? a : ")]
    [InlineData("f(")]
    public void OtherDeepNestingsAreTooDeep(string unit)
    {
        string text = "w = " + string.Concat(Enumerable.Repeat(unit, 5_000)) + "g" + (unit == "f(" ? new string(')', 5_000) : "");
        (_, List<SyntaxError> errors) = Parse(text);
        Assert.True(Assert.Single(errors).TooDeep);
    }

    [Fact]
    public void LongOperatorChainsAreTooDeepNotACrash()
    {
        // The parser reads chains in a loop, but the tree is as deep as the chain is long.
        string text = "w -= " + string.Join(" + ", Enumerable.Repeat("g", 100_000));
        (List<Statement> statements, List<SyntaxError> errors) = Parse(text);
        Assert.Empty(statements);
        SyntaxError e = Assert.Single(errors);
        Assert.True(e.TooDeep);
        Assert.Equal(5, e.Start);
    }

    [Fact]
    public void ChainsWithinTheLimitAreAccepted()
    {
        (List<Statement> statements, List<SyntaxError> errors) = Parse("w -= " + string.Join(" * ", Enumerable.Repeat("g", Parser.MaxDepth)));
        Assert.Empty(errors);
        Assert.Single(statements);
    }

    [Fact]
    public void NumberOutOfRangeIsReportedWithItsText()
    {
        (_, List<SyntaxError> errors) = Parse("w -= 1e400 * g");
        SyntaxError e = Assert.Single(errors);
        Assert.True(e.BadNumber);
        Assert.Equal(("1e400", 5, 5), (e.Message, e.Start, e.Length));
    }

    [Fact]
    public void ScheduleExpressionMaySpanLinesButMustEndTheSchedule()
    {
        var errors = new List<SyntaxError>();
        var locals = new List<Statement>();
        Assert.True(Parser.ParseSchedule("lr0 *\n  0.5", 0, errors, CancellationToken.None, locals, out Expr? e));
        Assert.Empty(errors);
        Assert.Equal("(* lr0 0.5)", Show(e!));

        Assert.False(Parser.ParseSchedule("lr0; 2", 0, errors, CancellationToken.None, locals, out _) && errors.Count == 0);
        Assert.Equal("the rate expression must be the last line of a schedule", Assert.Single(errors).Message);
    }

    [Fact]
    public void ScheduleLocalsComeBeforeTheRate()
    {
        var errors = new List<SyntaxError>();
        var locals = new List<Statement>();
        Assert.True(Parser.ParseSchedule("k = t / 10\nlr0 * 0.5^k", 0, errors, CancellationToken.None, locals, out Expr? e));
        Assert.Empty(errors);
        Assert.Equal("k", Assert.Single(locals).Target);
        Assert.Equal("(* lr0 (^ 0.5 k))", Show(e!));
    }

    [Fact]
    public void BadCharactersAreSyntaxErrors()
    {
        (_, List<SyntaxError> errors) = Parse("w -= g # 2\nw -= g $");
        Assert.Equal(new[] { "unexpected '#': a statement ends at a new line or ';'", "unexpected '$': a statement ends at a new line or ';'" },
            errors.Select(e => e.Message));
    }
}
