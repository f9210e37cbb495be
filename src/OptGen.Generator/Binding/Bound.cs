namespace OptGen.Generator.Binding;

/// <summary>How often a value changes: ordered, so the level of an expression is the largest of its parts.</summary>
internal enum Level
{
    Const = 0,  // a number
    Step = 1,   // once per step: hyperparameters, t, lr, global reductions
    Tensor = 2, // once per tensor: n, rank, scalar states, per-tensor reductions
    Axis = 3,   // along some axes of the matrix view (per row, per column, per matrix ...): see Axes
    Element = 4,
}

/// <summary>
/// The axes of a tensor's matrix view (a stack of matrices: matrix, row, column) along which a value varies. A per-row
/// state varies along Matrix and Row; an element along all three; a per-tensor value along none.
/// </summary>
[System.Flags]
internal enum Axes
{
    None = 0,
    Matrix = 1,
    Row = 2,
    Column = 4,
    All = Matrix | Row | Column,
}

/// <summary>Combining levels: the larger level; the union of axes (rows and columns together make an element value).</summary>
internal static class Levels
{
    public static (Level Level, Axes Axes) Join(Level a, Axes x, Level b, Axes y)
    {
        Level level = a > b ? a : b;
        if (level == Level.Element)
            return (Level.Element, Axes.All);
        Axes axes = x | y;
        if (IsElement(axes))
            return (Level.Element, Axes.All);
        return (axes == Axes.None ? (level == Level.Axis ? Level.Tensor : level) : Level.Axis, axes);
    }

    /// <summary>The level of a value that varies along exactly these axes, above a per-tensor one.</summary>
    public static Level Of(Axes axes) => axes == Axes.None ? Level.Tensor : IsElement(axes) ? Level.Element : Level.Axis;

    // A value that varies along rows and along columns is per element, even when it is the same for every matrix of the
    // stack (SM3's min(muRow, muCol) of a row-index and a column-index state): the loop computes it from the row's and the
    // column's values, in float like any element value. Kept apart, it would be an array the size of a matrix (as large as
    // a rank-2 tensor), written between passes and read back by the pass; SM3 on [2048, 2048] spent half its step on it.
    private static bool IsElement(Axes axes) => (axes & (Axes.Row | Axes.Column)) == (Axes.Row | Axes.Column);

    public static Axes AxesOf(BExpr e) => e.Level == Level.Element ? Axes.All : e.Axes;
}

internal enum ValueType
{
    Number,
    Bool,
}

internal enum ValueKind
{
    Hyperparameter, // Index into the hyperparameter list
    Builtin,        // Name is t, lr, n, lr0 or T
    Weight,         // w before any assignment in the step (memory)
    Gradient,       // g as the caller passed it (memory)
    Buffer,         // a per-element state before any assignment (memory); Index into buffers
    ScalarState,    // a per-tensor scalar state before any assignment; Index into scalar states
    SharedState,    // a scalar state shared by all tensors, before any assignment; Index into shared states
    Defined,        // the result of one statement
}

/// <summary>
/// One immutable value of the program (single assignment): every statement defines a new one, and every
/// read refers to the value current at that point. This gives whole-tensor meaning for free when statements
/// are later fused or moved: nothing can read a value from the wrong side of an assignment.
/// </summary>
internal sealed class Value(ValueKind kind, string name, int version, Level level, ValueType type, int index = -1, Axes axes = Axes.None)
{
    public ValueKind Kind { get; } = kind;
    public string Name { get; } = name;
    public int Version { get; } = version;
    public Level Level { get; } = level;
    public ValueType Type { get; } = type;
    public int Index { get; } = index;

    /// <summary>The axes the value varies along (all for an element, none below <see cref="Level.Axis"/>).</summary>
    public Axes Axes { get; } = level == Level.Element ? Axes.All : level == Level.Axis ? axes : Axes.None;

    /// <summary>For a <see cref="ValueKind.Defined"/> value: what it is stored into (w, a buffer, a scalar state, g or a local).</summary>
    public Target Target { get; set; } = Target.Local;

    public override string ToString() => $"{Name}#{Version}";
}

internal enum TargetKind
{
    Local,
    Weight,
    Gradient,
    Buffer,
    ScalarState,
    SharedState,
}

internal readonly record struct Target(TargetKind Kind, int Index)
{
    public static Target Local => new(TargetKind.Local, -1);
}

internal abstract class BExpr(ValueType type, Level level, Axes axes = Axes.None)
{
    public ValueType Type { get; } = type;
    public Level Level { get; } = level;

    /// <summary>The axes the expression varies along (all for an element, none below <see cref="Level.Axis"/>).</summary>
    public Axes Axes { get; } = level == Level.Element ? Axes.All : level == Level.Axis ? axes : Axes.None;
}

internal sealed class BConst(double value) : BExpr(ValueType.Number, Level.Const)
{
    public double Value { get; } = value;
}

/// <summary>A known truth value: what a bool hyperparameter becomes once a variant fixes it.</summary>
internal sealed class BBool(bool value) : BExpr(ValueType.Bool, Level.Const)
{
    public bool Value { get; } = value;
}

internal sealed class BRef(Value value) : BExpr(value.Type, value.Level, value.Axes)
{
    public Value Value { get; } = value;
}

internal enum Op
{
    Neg,
    Not,
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

/// <summary>The one table of how the operators are spelled in formulas (C#'s spelling too, but for '^').</summary>
internal static class Operators
{
    public static string Spelling(Op op) => op switch
    {
        Op.Neg or Op.Sub => "-",
        Op.Not => "!",
        Op.Add => "+",
        Op.Mul => "*",
        Op.Div => "/",
        Op.Pow => "^",
        Op.Lt => "<",
        Op.Le => "<=",
        Op.Gt => ">",
        Op.Ge => ">=",
        Op.Eq => "==",
        Op.Ne => "!=",
        Op.And => "&&",
        _ => "||",
    };
}

internal sealed class BUnary(Op op, BExpr operand) : BExpr(operand.Type, operand.Level, operand.Axes)
{
    public Op Op { get; } = op;
    public BExpr Operand { get; } = operand;
}

internal sealed class BBinary(Op op, BExpr left, BExpr right, ValueType type)
    : BExpr(type, Levels.Join(left.Level, left.Axes, right.Level, right.Axes).Level, Levels.Join(left.Level, left.Axes, right.Level, right.Axes).Axes)
{
    public Op Op { get; } = op;
    public BExpr Left { get; } = left;
    public BExpr Right { get; } = right;
}

internal sealed class BCond(BExpr condition, BExpr whenTrue, BExpr whenFalse, Level level, Axes axes = Axes.None) : BExpr(whenTrue.Type, level, axes)
{
    public BExpr Condition { get; } = condition;
    public BExpr WhenTrue { get; } = whenTrue;
    public BExpr WhenFalse { get; } = whenFalse;
}

internal enum Function
{
    Sqrt,
    Abs,
    Sign,
    Exp,
    Log,
    Floor,
    Cos,
    Sin,
    Tanh,
    Min,
    Max,
    Pow,
    Clamp,

    /// <summary>Rounds a per-step or per-tensor double to float32 and back (never per element).</summary>
    F32,
}

internal sealed class BCall(Function function, IReadOnlyList<BExpr> args, Level level, Axes axes = Axes.None) : BExpr(ValueType.Number, level, axes)
{
    public Function Function { get; } = function;
    public IReadOnlyList<BExpr> Args { get; } = args;
}

internal enum ReductionKind
{
    Sum,
    Mean,
    Norm,
    MaxAbs,
    Dot,
    Max,
    Min,
}

/// <summary>
/// A reduction over the elements of one tensor, or (<see cref="IsGlobal"/>) over all tensors of the step, or along some
/// axes of the matrix view (<see cref="Reduces"/>: row_* reduce the columns of each row, col_* the rows of each column,
/// mat_* both, stack_* the matrices). The result varies along the operand's other axes.
/// </summary>
internal sealed class BReduce(ReductionKind kind, bool isGlobal, IReadOnlyList<BExpr> args, Axes reduces = Axes.All)
    : BExpr(ValueType.Number, ResultLevel(isGlobal, args, reduces), ResultAxes(args, reduces))
{
    public ReductionKind Kind { get; } = kind;
    public bool IsGlobal { get; } = isGlobal;
    public IReadOnlyList<BExpr> Args { get; } = args;

    /// <summary>The axes reduced away (all of them for a per-tensor or global reduction).</summary>
    public Axes Reduces { get; } = reduces;

    /// <summary>The axes the operand varies along (the operands', joined).</summary>
    public Axes Operand { get; } = OperandAxes(args);

    /// <summary>A per-tensor (or global) reduction of every element: what sum, norm ... were before axes.</summary>
    public bool IsWhole => Reduces == Axes.All;

    private static Axes OperandAxes(IReadOnlyList<BExpr> args)
    {
        Axes axes = Axes.None;
        foreach (BExpr a in args)
            axes |= Levels.AxesOf(a);
        return axes;
    }

    private static Axes ResultAxes(IReadOnlyList<BExpr> args, Axes reduces) => OperandAxes(args) & ~reduces;

    private static Level ResultLevel(bool isGlobal, IReadOnlyList<BExpr> args, Axes reduces) =>
        isGlobal ? Level.Step : Levels.Of(ResultAxes(args, reduces));
}

/// <summary>A matrix-valued built-in applied to each matrix of the stack (e.g. Newton–Schulz orthogonalisation).</summary>
internal sealed class BMatrixOp(MatrixFunction function, BExpr matrix, IReadOnlyList<BExpr> coefficients) : BExpr(ValueType.Number, Level.Element)
{
    public MatrixFunction Function { get; } = function;
    public BExpr Matrix { get; } = matrix;

    /// <summary>Per-step arguments (coefficients, step count, epsilon).</summary>
    public IReadOnlyList<BExpr> Coefficients { get; } = coefficients;
}

internal enum MatrixFunction
{
    NewtonSchulz,
}

/// <summary>
/// A draw of <c>uniform()</c> or <c>normal()</c>: one per step in a schedule, one per element in an update
/// (<see cref="Level.Element"/>); <see cref="Site"/> numbers the call sites.
/// </summary>
internal sealed class BRandom(bool normal, int site, Level level = Level.Step) : BExpr(ValueType.Number, level)
{
    public bool Normal { get; } = normal;
    public int Site { get; } = site;

    /// <summary>Whether <paramref name="e"/> draws anywhere in it (two draws are two numbers, whatever they look like).</summary>
    public static bool Within(BExpr e) => BExprs.Any(e, s_isDraw);

    private static readonly System.Func<BExpr, bool> s_isDraw = x => x is BRandom;
}

/// <summary>Questions about a whole bound expression.</summary>
internal static class BExprs
{
    /// <summary>Whether <paramref name="test"/> holds for <paramref name="e"/> or any expression inside it.</summary>
    public static bool Any(BExpr e, System.Func<BExpr, bool> test) => test(e) || e switch
    {
        BUnary u => Any(u.Operand, test),
        BBinary b => Any(b.Left, test) || Any(b.Right, test),
        BCond c => Any(c.Condition, test) || Any(c.WhenTrue, test) || Any(c.WhenFalse, test),
        BCall c => AnyOf(c.Args, test),
        BReduce r => AnyOf(r.Args, test),
        BMatrixOp m => Any(m.Matrix, test) || AnyOf(m.Coefficients, test),
        _ => false,
    };

    /// <summary>Calls <paramref name="visit"/> on <paramref name="e"/> and on every expression inside it.</summary>
    public static void ForEach(BExpr e, System.Action<BExpr> visit) => Any(e, x =>
    {
        visit(x);
        return false;
    });

    // A loop, not Enumerable.Any with a lambda: that would allocate a closure per node.
    private static bool AnyOf(IReadOnlyList<BExpr> list, System.Func<BExpr, bool> test)
    {
        foreach (BExpr a in list)
        {
            if (Any(a, test))
                return true;
        }
        return false;
    }
}

/// <summary>A bound statement of an update: an assignment or a branch.</summary>
internal abstract record BNode;

/// <summary>One bound statement: <see cref="Result"/> = <see cref="Expr"/>.</summary>
internal sealed record BStatement(Value Result, BExpr Expr) : BNode;

/// <summary>
/// A branch chosen once per tensor: <see cref="Condition"/> uses only shape built-ins, bool hyperparameters and
/// constants. After it, a name assigned in either branch has the value of the <see cref="Merges"/> entry.
/// </summary>
internal sealed record BBranch(BExpr Condition, IReadOnlyList<BNode> Then, IReadOnlyList<BNode> Else, IReadOnlyList<BMerge> Merges) : BNode;

/// <summary>After a branch, <see cref="Result"/> is <see cref="WhenThen"/> or <see cref="WhenElse"/> (null: not defined on that side).</summary>
internal sealed record BMerge(Value Result, Value? WhenThen, Value? WhenElse);
