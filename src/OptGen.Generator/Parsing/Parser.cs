using System;

namespace OptGen.Generator.Parsing;

/// <summary>
/// Recursive-descent parser for the formula language. Precedence, loosest first: <c>?:</c> (right),
/// <c>||</c>, <c>&amp;&amp;</c>, comparisons, <c>+ -</c>, <c>* /</c>, unary <c>- + !</c>, <c>^</c> (right, tighter
/// than unary minus on its left: <c>-x^2 = -(x^2)</c>). A syntax error skips to the next statement, so one
/// run reports every broken statement. Nesting is bounded so hostile input cannot overflow the stack.
/// </summary>
internal sealed class Parser
{
    public const int MaxDepth = 200;

    /// <summary>The words of a branch on the tensor's shape (<c>if</c> … <c>else</c> … <c>end</c>).</summary>
    public const string IfKeyword = "if", ElseKeyword = "else", EndKeyword = "end";

    private readonly List<Token> _tokens;
    private readonly int _formula;
    private readonly List<SyntaxError> _errors;
    private readonly CancellationToken _cancellationToken;
    private int _pos;
    private int _depth;

    private Parser(string text, int formula, List<SyntaxError> errors, CancellationToken cancellationToken)
    {
        _tokens = Lexer.JoinContinuedLines(Lexer.Tokenize(text, cancellationToken));
        _formula = formula;
        _errors = errors;
        _cancellationToken = cancellationToken;
    }

    private sealed class ParseException(SyntaxError error) : Exception(error.Message)
    {
        public SyntaxError Error { get; } = error;
    }

    /// <summary>Parses the statements of one <c>[Update]</c> string (with <c>if … else … end</c> blocks).</summary>
    public static List<Stmt> ParseStatements(string text, int formula, List<SyntaxError> errors, CancellationToken cancellationToken)
    {
        var parser = new Parser(text, formula, errors, cancellationToken);
        List<Stmt> statements = parser.ParseBlock(opener: null, out Token closer);
        if (closer.Kind != TokenKind.End)
            errors.Add(new SyntaxError(formula, closer.Start, closer.Length, $"'{closer.Text}' without an 'if' before it"));
        return statements;
    }

    // Statements up to the end of the formula, or to the 'else' or 'end' that closes the block of 'opener'.
    private List<Stmt> ParseBlock(Token? opener, out Token closer)
    {
        var statements = new List<Stmt>();
        while (true)
        {
            if ((statements.Count & 255) == 0)
                _cancellationToken.ThrowIfCancellationRequested();
            SkipSeparators();
            Token t = Current;
            if (t.Kind == TokenKind.End)
            {
                if (opener is { } open)
                    _errors.Add(new SyntaxError(_formula, open.Start, open.Length, "this 'if' has no 'end' (a branch must end in the same formula string)"));
                closer = t;
                return statements;
            }
            if (IsKeyword(t, ElseKeyword) || IsKeyword(t, EndKeyword))
            {
                closer = t;
                if (opener is null)
                {
                    // A stray 'else' or 'end': report it here and go on after it.
                    _errors.Add(new SyntaxError(_formula, t.Start, t.Length, $"'{t.Text}' without an 'if' before it"));
                    _pos++;
                    SkipToSeparator();
                    continue;
                }
                return statements;
            }
            try
            {
                statements.Add(IsKeyword(t, IfKeyword) ? ParseIf() : ParseStatement());
            }
            catch (ParseException e)
            {
                _errors.Add(e.Error);
                SkipToSeparator();
            }
        }
    }

    // 'if', 'else' and 'end' are keywords only where a statement starts and no assignment follows (so a local may still
    // be named 'end': "end = 1").
    private bool IsKeyword(Token t, string keyword) =>
        t.Kind == TokenKind.Identifier && t.Text == keyword
        && _tokens[_pos + 1].Kind is not (TokenKind.Assign or TokenKind.PlusAssign or TokenKind.MinusAssign or TokenKind.StarAssign or TokenKind.SlashAssign);

    private IfStatement ParseIf()
    {
        Token keyword = Advance();
        if (Current.Kind is TokenKind.Separator or TokenKind.End)
            throw Error(Current, "expected the condition of the 'if'");
        Expr condition = ParseExpr();
        CheckHeight(condition);
        if (Current.Kind is not (TokenKind.Separator or TokenKind.End))
            throw Error(Current, $"unexpected {Describe(Current)} after the condition of the 'if': its statements start on the next line");
        List<Stmt> then = ParseBlock(keyword, out Token closer);
        IReadOnlyList<Stmt> otherwise = [];
        if (IsKeyword(closer, ElseKeyword))
        {
            _pos++;
            if (IsKeyword(Current, IfKeyword))
            {
                otherwise = [ParseIf()]; // 'else if' closes with the same 'end'
                return new IfStatement(_formula, keyword.Start, keyword.Length, condition, then, otherwise);
            }
            if (Current.Kind is not (TokenKind.Separator or TokenKind.End))
                throw Error(Current, $"unexpected {Describe(Current)} after 'else': its statements start on the next line");
            otherwise = ParseBlock(keyword, out closer);
            if (IsKeyword(closer, ElseKeyword))
                throw Error(closer, "a second 'else' for the same 'if'");
        }
        if (IsKeyword(closer, EndKeyword))
        {
            _pos++;
            if (Current.Kind is not (TokenKind.Separator or TokenKind.End))
                throw Error(Current, $"unexpected {Describe(Current)} after 'end'");
        }
        return new IfStatement(_formula, keyword.Start, keyword.Length, condition, then, otherwise);
    }

    /// <summary>
    /// Parses a schedule: optional <c>name = expr</c> statements, then the rate as a final expression.
    /// Returns false (with errors added) when it cannot.
    /// </summary>
    public static bool ParseSchedule(string text, int formula, List<SyntaxError> errors, CancellationToken cancellationToken,
        List<Statement> statements, out Expr? result)
    {
        var parser = new Parser(text, formula, errors, cancellationToken);
        result = null;
        while (true)
        {
            parser.SkipSeparators();
            Token t = parser.Current;
            if (t.Kind == TokenKind.End)
            {
                if (result is null && errors.Count == 0)
                    errors.Add(new SyntaxError(formula, t.Start, 0, statements.Count == 0 ? "the formula is empty" : "the schedule must end with an expression giving the rate"));
                return result is not null;
            }
            try
            {
                if (result is not null)
                    throw parser.Error(t, "the rate expression must be the last line of a schedule");
                Token next = parser._tokens[parser._pos + 1];
                if (t.Kind == TokenKind.Identifier && next.Kind is TokenKind.Assign or TokenKind.PlusAssign or TokenKind.MinusAssign or TokenKind.StarAssign or TokenKind.SlashAssign)
                {
                    statements.Add(parser.ParseStatement());
                    continue;
                }
                result = parser.ParseExpr();
                parser.CheckHeight(result);
                if (parser.Current.Kind is not (TokenKind.Separator or TokenKind.End))
                    throw parser.Error(parser.Current, $"unexpected {Describe(parser.Current)} after the end of the expression");
            }
            catch (ParseException e)
            {
                errors.Add(e.Error);
                parser.SkipToSeparator();
                result ??= new NumberExpr(0, 0, 0, "0"); // keep going to report later errors, but never emit
            }
        }
    }

    private Token Current => _tokens[_pos];

    private Token Advance() => _tokens[_pos++];

    private void SkipSeparators()
    {
        while (Current.Kind == TokenKind.Separator)
            _pos++;
    }

    private void SkipToSeparator()
    {
        while (Current.Kind != TokenKind.Separator && Current.Kind != TokenKind.End)
            _pos++;
    }

    private ParseException Error(Token at, string message, bool tooDeep = false) =>
        new(new SyntaxError(_formula, at.Start, Math.Max(at.Length, 0), message, tooDeep));

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.End => "the end of the formula",
        TokenKind.Separator => "the end of the statement",
        _ => $"'{t.Text}'",
    };

    private Statement ParseStatement()
    {
        Token target = Current;
        if (target.Kind != TokenKind.Identifier)
            throw Error(target, $"expected the name of what to assign, found {Describe(target)}");
        _pos++;
        Token op = Current;
        if (op.Kind is not (TokenKind.Assign or TokenKind.PlusAssign or TokenKind.MinusAssign or TokenKind.StarAssign or TokenKind.SlashAssign))
            throw Error(op, $"expected '=', '+=', '-=', '*=' or '/=' after '{target.Text}', found {Describe(op)}");
        _pos++;
        Expr value = ParseExpr();
        if (Current.Kind is not (TokenKind.Separator or TokenKind.End))
            throw Error(Current, $"unexpected {Describe(Current)}: a statement ends at a new line or ';'");
        CheckHeight(value);
        return new Statement(_formula, target.Text, target.Start, target.Length, op.Kind, value);
    }

    private Expr ParseExpr()
    {
        if (++_depth > MaxDepth)
            throw Error(Current, $"the formula is nested more than {MaxDepth} levels deep", tooDeep: true);
        if ((_pos & 255) == 0)
            _cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Expr condition = ParseBinary(0);
            if (Current.Kind != TokenKind.Question)
                return condition;
            _pos++;
            Expr whenTrue = ParseExpr();
            Expect(TokenKind.Colon, "':' of the conditional expression");
            Expr whenFalse = ParseExpr();
            return new ConditionalExpr(condition.Start, whenFalse.End - condition.Start, condition, whenTrue, whenFalse);
        }
        finally
        {
            _depth--;
        }
    }

    // Operator chains (g + g + ... + g) are parsed in a loop but make trees as deep as they are long, and the
    // binder, planner and emitters walk trees recursively: bound the height too, without recursing here.
    private void CheckHeight(Expr root)
    {
        var stack = new Stack<(Expr Expr, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            (Expr e, int depth) = stack.Pop();
            if (depth > MaxDepth)
                throw new ParseException(new SyntaxError(_formula, e.Start, e.Length, $"the formula is nested more than {MaxDepth} levels deep", TooDeep: true));
            IEnumerable<Expr> children = e switch
            {
                UnaryExpr u => [u.Operand],
                BinaryExpr b => [b.Right, b.Left], // popped left first: the leftmost offender is reported
                ConditionalExpr c => [c.WhenFalse, c.WhenTrue, c.Condition],
                CallExpr c => System.Linq.Enumerable.Reverse(c.Arguments),
                _ => [],
            };
            foreach (Expr child in children)
                stack.Push((child, depth + 1));
        }
    }

    private static int Precedence(TokenKind kind) => kind switch
    {
        TokenKind.OrOr => 1,
        TokenKind.AndAnd => 2,
        TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.EqualEqual or TokenKind.NotEqual => 3,
        TokenKind.Plus or TokenKind.Minus => 4,
        TokenKind.Star or TokenKind.Slash => 5,
        _ => 0,
    };

    // Left-associative binary operators by precedence climbing. A long chain is read by this loop, not by recursion;
    // the height of the tree it builds is checked afterwards (CheckHeight), since later stages walk it recursively.
    private Expr ParseBinary(int minPrecedence)
    {
        Expr left = ParseUnary();
        while (true)
        {
            TokenKind op = Current.Kind;
            int p = Precedence(op);
            if (p == 0 || p <= minPrecedence)
                return left;
            _pos++;
            Expr right = ParseBinaryAbove(p);
            left = new BinaryExpr(left.Start, right.End - left.Start, op, left, right);
        }
    }

    private Expr ParseBinaryAbove(int precedence)
    {
        if (++_depth > MaxDepth)
            throw Error(Current, $"the formula is nested more than {MaxDepth} levels deep", tooDeep: true);
        try
        {
            return ParseBinary(precedence);
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParseUnary()
    {
        Token t = Current;
        if (t.Kind is TokenKind.Minus or TokenKind.Plus or TokenKind.Bang)
        {
            if (++_depth > MaxDepth)
                throw Error(t, $"the formula is nested more than {MaxDepth} levels deep", tooDeep: true);
            try
            {
                _pos++;
                Expr operand = ParseUnary();
                return new UnaryExpr(t.Start, operand.End - t.Start, t.Kind, operand);
            }
            finally
            {
                _depth--;
            }
        }
        return ParsePower();
    }

    private Expr ParsePower()
    {
        Expr baseExpr = ParsePrimary();
        if (Current.Kind != TokenKind.Caret)
            return baseExpr;
        _pos++;
        if (++_depth > MaxDepth)
            throw Error(Current, $"the formula is nested more than {MaxDepth} levels deep", tooDeep: true);
        try
        {
            Expr exponent = ParseUnary(); // right-associative; allows 2^-t
            return new BinaryExpr(baseExpr.Start, exponent.End - baseExpr.Start, TokenKind.Caret, baseExpr, exponent);
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParsePrimary()
    {
        Token t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                _pos++;
                if (double.IsInfinity(t.Value) || double.IsNaN(t.Value))
                    throw new ParseException(new SyntaxError(_formula, t.Start, t.Length, t.Text, BadNumber: true));
                return new NumberExpr(t.Start, t.Length, t.Value, t.Text);
            case TokenKind.Identifier:
                _pos++;
                if (Current.Kind != TokenKind.LParen)
                    return new NameExpr(t.Start, t.Length, t.Text);
                _pos++;
                var args = new List<Expr>();
                if (Current.Kind != TokenKind.RParen)
                {
                    while (true)
                    {
                        args.Add(ParseExpr());
                        if (Current.Kind != TokenKind.Comma)
                            break;
                        _pos++;
                    }
                }
                Token close = Expect(TokenKind.RParen, $"')' to close the call of '{t.Text}'");
                return new CallExpr(t.Start, close.Start + close.Length - t.Start, t.Text, t.Length, args);
            case TokenKind.LParen:
                _pos++;
                Expr inner = ParseExpr();
                Expect(TokenKind.RParen, "')'");
                return inner;
            case TokenKind.Bad:
                throw Error(t, $"unexpected character '{t.Text}'");
            default:
                throw Error(t, $"expected a number, a name or '(', found {Describe(t)}");
        }
    }

    private Token Expect(TokenKind kind, string what)
    {
        Token t = Current;
        if (t.Kind != kind)
            throw Error(t, $"expected {what}, found {Describe(t)}");
        _pos++;
        return t;
    }
}
