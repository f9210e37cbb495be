using System;
using System.Linq;
using OptGen.Generator.Binding;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Writes a per-element expression for one width. Scalars arrive already hoisted and broadcast (names from
/// <c>nameOf</c>); a select on a per-step bool is a plain <c>?:</c> (one branch, the same for every element).
/// A multiply feeding an add becomes one fused multiply-add.
/// </summary>
internal sealed class ElementExpressionWriter(Dialect dialect, Func<Value, string> nameOf)
{
    private const string Simd = Dialect.SimdClass;

    public string Write(BExpr e)
    {
        switch (e)
        {
            case BConst c:
                return dialect.Const(c.Value);
            case BBool b:
                return b.Value ? "true" : "false";
            case BRef r:
                return nameOf(r.Value);
            case BUnary { Op: Op.Neg } u:
                return $"(- {Write(u.Operand)})";
            case BUnary u:
                return IsMask(u.Operand) ? dialect.Not(Write(u.Operand)) : $"(!{Write(u.Operand)})";
            case BBinary { Op: Op.Add } b when b.Left is BBinary { Op: Op.Mul } m:
                return Fma(m, Write(b.Right));
            case BBinary { Op: Op.Add } b when b.Right is BBinary { Op: Op.Mul } m:
                return Fma(m, Write(b.Left));
            case BBinary { Op: Op.Sub } b when b.Left is BBinary { Op: Op.Mul } m:
                return Fma(m, $"(- {Write(b.Right)})");
            case BBinary { Op: Op.Pow } b:
                return Power(b);
            case BBinary { Op: Op.Add or Op.Sub or Op.Mul or Op.Div } b:
                return $"({Write(b.Left)} {ScalarExpressionWriter.Operator(b.Op)} {Write(b.Right)})";
            case BBinary { Op: Op.And or Op.Or } b:
            {
                if (!IsMask(b))
                    return $"({Write(b.Left)} {ScalarExpressionWriter.Operator(b.Op)} {Write(b.Right)})";
                string l = AsMask(b.Left), r = AsMask(b.Right);
                return b.Op == Op.And ? dialect.And(l, r) : dialect.Or(l, r);
            }
            case BBinary b:
                return $"{Simd}.{Compare(b.Op)}({Write(b.Left)}, {Write(b.Right)})";
            case BCond c when !IsMask(c.Condition):
                // The condition is the same for every element: a predictable branch, no select.
                return $"({Write(c.Condition)} ? {Write(c.WhenTrue)} : {Write(c.WhenFalse)})";
            case BCond c:
                return dialect.Select(Write(c.Condition), c.Type == Binding.ValueType.Bool ? AsMask(c.WhenTrue) : Write(c.WhenTrue),
                    c.Type == Binding.ValueType.Bool ? AsMask(c.WhenFalse) : Write(c.WhenFalse));
            case BCall c:
                return $"{Simd}.{c.Function}({string.Join(", ", c.Args.Select(Write))})";
            default:
                throw new InvalidOperationException("Unexpected element expression " + e.GetType().Name);
        }
    }

    // A bool that differs by element is a mask; a per-step bool is a plain C# bool.
    private static bool IsMask(BExpr e) => e.Type == Binding.ValueType.Bool && e.Level == Level.Element;

    private string AsMask(BExpr e) => IsMask(e) ? Write(e) : dialect.MaskOf(Write(e));

    private string Fma(BBinary mul, string addend) => $"{Simd}.Fma({Write(mul.Left)}, {Write(mul.Right)}, {addend})";

    private string Power(BBinary b)
    {
        if (b.Right is BConst c && b.Left.Level == Level.Element)
        {
            string x = Write(b.Left);
            switch (c.Value)
            {
                case 1:
                    return x;
                case 2:
                    return $"({x} * {x})";
                case 3:
                    return $"({x} * {x} * {x})";
                case 4:
                    return $"(({x} * {x}) * ({x} * {x}))";
                case 0.5:
                    return $"{Simd}.Sqrt({x})";
                case -1:
                    return $"({dialect.Const(1)} / {x})";
                case -0.5:
                    return $"({dialect.Const(1)} / {Simd}.Sqrt({x}))";
            }
        }
        return $"{Simd}.Pow({Write(b.Left)}, {Write(b.Right)})";
    }

    private static string Compare(Op op) => op switch
    {
        Op.Lt => "Lt",
        Op.Le => "Le",
        Op.Gt => "Gt",
        Op.Ge => "Ge",
        Op.Eq => "Eq",
        _ => "Ne",
    };
}
