using System;
using OptGen.Generator.Binding;

namespace OptGen.Generator.Emitting;

/// <summary>Writes a per-step or per-tensor expression as C# computed in double precision.</summary>
internal sealed class ScalarExpressionWriter(Func<Value, string> nameOf, Func<BRandom, string>? random = null)
{
    public string Write(BExpr e) => e switch
    {
        BConst c => Literals.Double(c.Value),
        BBool b => b.Value ? "true" : "false",
        BRef r => nameOf(r.Value),
        BUnary { Op: Op.Neg } u => $"(- {Write(u.Operand)})",
        BUnary u => $"(!{Write(u.Operand)})",
        BBinary { Op: Op.Pow } b => $"System::Math.Pow({Write(b.Left)}, {Write(b.Right)})",
        BBinary b => $"({Write(b.Left)} {Operator(b.Op)} {Write(b.Right)})",
        BCond c => $"({Write(c.Condition)} ? {Write(c.WhenTrue)} : {Write(c.WhenFalse)})",
        BCall { Function: Binding.Function.F32 } c => $"((double)(float){Write(c.Args[0])})",
        BCall c => $"{Function(c.Function)}({string.Join(", ", c.Args.Select(Write))})",
        BRandom r when random is not null => random(r),
        _ => throw new InvalidOperationException("Unexpected scalar expression " + e.GetType().Name),
    };

    /// <summary>
    /// A shape built-in read from the tensor's <c>MatrixView</c> held in <paramref name="view"/> (as a double, like every
    /// scalar); null for any other name.
    /// </summary>
    public static string? ShapeFromView(string builtin, string view) => builtin switch
    {
        "rank" => $"(double){view}.Rank",
        "rows" => $"(double){view}.Rows",
        "cols" => $"(double){view}.Cols",
        "matrices" => $"(double){view}.Matrices",
        _ => null,
    };

    /// <summary>A binary operator as a C# infix operator: as in formulas, except '^', which C# writes as a call.</summary>
    public static string Operator(Op op) =>
        op is Op.Pow or Op.Neg or Op.Not ? throw new InvalidOperationException("No infix spelling for " + op) : Operators.Spelling(op);

    private static string Function(Function f) => f switch
    {
        Binding.Function.Sign => GeneratedAliases.Runtime + "::ScalarMath.Sign",
        Binding.Function.Clamp => GeneratedAliases.Runtime + "::ScalarMath.Clamp",
        Binding.Function.Min => GeneratedAliases.Runtime + "::ScalarMath.Min", // branch-free, the same bits as Math.Min
        Binding.Function.Max => GeneratedAliases.Runtime + "::ScalarMath.Max",
        _ => "System::Math." + f,
    };
}
