namespace OptGen.Generator.Parsing;

// The parse tree of a formula. Every node knows the formula string it came from and its span in it.

internal abstract record Expr(int Start, int Length)
{
    public int End => Start + Length;
}

internal sealed record NumberExpr(int Start, int Length, double Value, string Text) : Expr(Start, Length);

internal sealed record NameExpr(int Start, int Length, string Name) : Expr(Start, Length);

internal sealed record UnaryExpr(int Start, int Length, TokenKind Op, Expr Operand) : Expr(Start, Length);

internal sealed record BinaryExpr(int Start, int Length, TokenKind Op, Expr Left, Expr Right) : Expr(Start, Length);

internal sealed record ConditionalExpr(int Start, int Length, Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr(Start, Length);

internal sealed record CallExpr(int Start, int Length, string Name, int NameLength, IReadOnlyList<Expr> Arguments) : Expr(Start, Length);

/// <summary>A statement of an update: an assignment or a branch on the tensor's shape.</summary>
internal abstract record Stmt(int FormulaIndex);

/// <summary><c>Target op= Value</c>; <see cref="Op"/> is <see cref="TokenKind.Assign"/> or a compound assignment.</summary>
internal sealed record Statement(int FormulaIndex, string Target, int TargetStart, int TargetLength, TokenKind Op, Expr Value) : Stmt(FormulaIndex);

/// <summary>
/// <c>if Condition … else … end</c>: the statements of one branch run for a tensor, chosen once per tensor (the
/// condition may use only the tensor's shape and bool hyperparameters). <see cref="Start"/>/<see cref="Length"/> span
/// the <c>if</c> keyword; <c>else if</c> is an <see cref="IfStatement"/> alone in <see cref="Else"/>.
/// </summary>
internal sealed record IfStatement(int FormulaIndex, int Start, int Length, Expr Condition, IReadOnlyList<Stmt> Then, IReadOnlyList<Stmt> Else) : Stmt(FormulaIndex);

/// <summary>A syntax error at a span of one formula.</summary>
internal sealed record SyntaxError(int FormulaIndex, int Start, int Length, string Message, bool TooDeep = false, bool BadNumber = false);
