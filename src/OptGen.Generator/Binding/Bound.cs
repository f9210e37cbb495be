using System.Collections.Generic;

namespace OptGen.Generator.Binding;

/// <summary>How often a value changes: ordered, so the level of an expression is the largest of its parts.</summary>
internal enum Level
{
    Const = 0,  // a number
    Step = 1,   // once per step: hyperparameters, t, lr, global reductions
    Tensor = 2, // once per tensor: n, scalar states, per-tensor reductions
    Element = 3,
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
    Defined,        // the result of one statement
}

/// <summary>
/// One immutable value of the program (single assignment): every statement defines a new one, and every
/// read refers to the value current at that point. This gives whole-tensor meaning for free when statements
/// are later fused or moved: nothing can read a value from the wrong side of an assignment.
/// </summary>
internal sealed class Value
{
    public Value(ValueKind kind, string name, int version, Level level, ValueType type, int index = -1)
    {
        Kind = kind;
        Name = name;
        Version = version;
        Level = level;
        Type = type;
        Index = index;
    }

    public ValueKind Kind { get; }
    public string Name { get; }
    public int Version { get; }
    public Level Level { get; }
    public ValueType Type { get; }
    public int Index { get; }

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
}

internal readonly record struct Target(TargetKind Kind, int Index)
{
    public static Target Local => new(TargetKind.Local, -1);
}

internal abstract class BExpr(ValueType type, Level level)
{
    public ValueType Type { get; } = type;
    public Level Level { get; } = level;
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

internal sealed class BRef(Value value) : BExpr(value.Type, value.Level)
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

internal sealed class BUnary(Op op, BExpr operand) : BExpr(operand.Type, operand.Level)
{
    public Op Op { get; } = op;
    public BExpr Operand { get; } = operand;
}

internal sealed class BBinary(Op op, BExpr left, BExpr right, ValueType type)
    : BExpr(type, left.Level > right.Level ? left.Level : right.Level)
{
    public Op Op { get; } = op;
    public BExpr Left { get; } = left;
    public BExpr Right { get; } = right;
}

internal sealed class BCond(BExpr condition, BExpr whenTrue, BExpr whenFalse, Level level) : BExpr(whenTrue.Type, level)
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
}

internal sealed class BCall(Function function, IReadOnlyList<BExpr> args, Level level) : BExpr(ValueType.Number, level)
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
}

/// <summary>A reduction over the elements of one tensor, or (<see cref="IsGlobal"/>) over all tensors of the step.</summary>
internal sealed class BReduce(ReductionKind kind, bool isGlobal, IReadOnlyList<BExpr> args)
    : BExpr(ValueType.Number, isGlobal ? Level.Step : Level.Tensor)
{
    public ReductionKind Kind { get; } = kind;
    public bool IsGlobal { get; } = isGlobal;
    public IReadOnlyList<BExpr> Args { get; } = args;
}

/// <summary>A draw of <c>uniform()</c> or <c>normal()</c> in a schedule; <see cref="Site"/> numbers the call sites.</summary>
internal sealed class BRandom(bool normal, int site) : BExpr(ValueType.Number, Level.Step)
{
    public bool Normal { get; } = normal;
    public int Site { get; } = site;
}

/// <summary>One bound statement: <see cref="Result"/> = <see cref="Expr"/>.</summary>
internal sealed record BStatement(Value Result, BExpr Expr);

/// <summary>The bound update of an optimizer, or the bound formula of a schedule.</summary>
internal sealed record BoundProgram(
    IReadOnlyList<BStatement> Statements,
    IReadOnlyList<Value> Weights,
    BExpr? ScheduleFormula);
