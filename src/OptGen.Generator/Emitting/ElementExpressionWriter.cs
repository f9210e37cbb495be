using System;
using System.Text;
using OptGen.Generator.Binding;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Writes a per-element expression for one width. Scalars arrive already hoisted and broadcast (names from
/// <c>nameOf</c>); a select on a per-step bool is a plain <c>?:</c> (one branch, the same for every element).
/// A multiply feeding an add becomes one fused multiply-add. The text is appended to a builder: no string per
/// sub-expression.
/// </summary>
internal sealed class ElementExpressionWriter(Dialect dialect, Func<Value, string> nameOf)
{
    private const string Simd = Dialect.SimdClass;

    private static readonly string[] s_functionPrefixes = BuildFunctionPrefixes();

    private static string[] BuildFunctionPrefixes()
    {
        var names = (Function[])Enum.GetValues(typeof(Function));
        var prefixes = new string[names.Length];
        foreach (Function f in names)
            prefixes[(int)f] = Simd + "." + f + "(";
        return prefixes;
    }

    public string Write(BExpr e)
    {
        var sb = new StringBuilder();
        Write(e, sb);
        return sb.ToString();
    }

    public void Write(BExpr e, StringBuilder sb)
    {
        switch (e)
        {
            case BConst c:
                sb.Append(dialect.Const(c.Value));
                return;
            case BBool b:
                sb.Append(b.Value ? "true" : "false");
                return;
            case BRef r:
                sb.Append(nameOf(r.Value));
                return;
            case BUnary { Op: Op.Neg } u:
                sb.Append("(- ");
                Write(u.Operand, sb);
                sb.Append(')');
                return;
            case BUnary u:
                if (IsMask(u.Operand))
                {
                    sb.Append(dialect.Not(Write(u.Operand)));
                }
                else
                {
                    sb.Append("(!");
                    Write(u.Operand, sb);
                    sb.Append(')');
                }
                return;
            case BBinary { Op: Op.Add } b when b.Left is BBinary { Op: Op.Mul } m:
                Fma(m, b.Right, negate: false, sb);
                return;
            case BBinary { Op: Op.Add } b when b.Right is BBinary { Op: Op.Mul } m:
                Fma(m, b.Left, negate: false, sb);
                return;
            case BBinary { Op: Op.Sub } b when b.Left is BBinary { Op: Op.Mul } m:
                Fma(m, b.Right, negate: true, sb);
                return;
            case BBinary { Op: Op.Pow } b:
                Power(b, sb);
                return;
            case BBinary { Op: Op.Add or Op.Sub or Op.Mul or Op.Div } b:
                Infix(b, sb);
                return;
            case BBinary { Op: Op.And or Op.Or } b:
            {
                if (!IsMask(b))
                {
                    Infix(b, sb);
                    return;
                }
                string l = AsMask(b.Left), r = AsMask(b.Right);
                sb.Append(b.Op == Op.And ? dialect.And(l, r) : dialect.Or(l, r));
                return;
            }
            case BBinary b:
                sb.Append(Simd).Append('.').Append(Compare(b.Op)).Append('(');
                Write(b.Left, sb);
                sb.Append(", ");
                Write(b.Right, sb);
                sb.Append(')');
                return;
            case BCond c when !IsMask(c.Condition):
                // The condition is the same for every element: a predictable branch, no select.
                sb.Append('(');
                Write(c.Condition, sb);
                sb.Append(" ? ");
                Write(c.WhenTrue, sb);
                sb.Append(" : ");
                Write(c.WhenFalse, sb);
                sb.Append(')');
                return;
            case BCond c:
                sb.Append(dialect.Select(Write(c.Condition), c.Type == Binding.ValueType.Bool ? AsMask(c.WhenTrue) : Write(c.WhenTrue),
                    c.Type == Binding.ValueType.Bool ? AsMask(c.WhenFalse) : Write(c.WhenFalse)));
                return;
            case BCall c:
                sb.Append(s_functionPrefixes[(int)c.Function]);
                for (int i = 0; i < c.Args.Count; i++)
                {
                    if (i > 0)
                        sb.Append(", ");
                    Write(c.Args[i], sb);
                }
                sb.Append(')');
                return;
            default:
                throw new InvalidOperationException("Unexpected element expression " + e.GetType().Name);
        }
    }

    private void Infix(BBinary b, StringBuilder sb)
    {
        sb.Append('(');
        Write(b.Left, sb);
        sb.Append(' ').Append(ScalarExpressionWriter.Operator(b.Op)).Append(' ');
        Write(b.Right, sb);
        sb.Append(')');
    }

    // A bool that differs by element is a mask; a per-step bool is a plain C# bool.
    private static bool IsMask(BExpr e) => e.Type == Binding.ValueType.Bool && e.Level == Level.Element;

    private string AsMask(BExpr e) => IsMask(e) ? Write(e) : dialect.MaskOf(Write(e));

    private void Fma(BBinary mul, BExpr addend, bool negate, StringBuilder sb)
    {
        sb.Append(Simd).Append(".Fma(");
        Write(mul.Left, sb);
        sb.Append(", ");
        Write(mul.Right, sb);
        sb.Append(", ");
        if (negate)
            sb.Append("(- ");
        Write(addend, sb);
        if (negate)
            sb.Append(')');
        sb.Append(')');
    }

    private void Power(BBinary b, StringBuilder sb)
    {
        if (b.Right is BConst c && b.Left.Level == Level.Element)
        {
            switch (c.Value)
            {
                case 1:
                    Write(b.Left, sb);
                    return;
                case 2:
                {
                    string x = Write(b.Left);
                    sb.Append('(').Append(x).Append(" * ").Append(x).Append(')');
                    return;
                }
                case 3:
                {
                    string x = Write(b.Left);
                    sb.Append('(').Append(x).Append(" * ").Append(x).Append(" * ").Append(x).Append(')');
                    return;
                }
                case 4:
                {
                    string x = Write(b.Left);
                    sb.Append("((").Append(x).Append(" * ").Append(x).Append(") * (").Append(x).Append(" * ").Append(x).Append("))");
                    return;
                }
                case 0.5:
                    sb.Append(Simd).Append(".Sqrt(");
                    Write(b.Left, sb);
                    sb.Append(')');
                    return;
                case -1:
                    sb.Append('(').Append(dialect.Const(1)).Append(" / ");
                    Write(b.Left, sb);
                    sb.Append(')');
                    return;
                case -0.5:
                    sb.Append('(').Append(dialect.Const(1)).Append(" / ").Append(Simd).Append(".Sqrt(");
                    Write(b.Left, sb);
                    sb.Append("))");
                    return;
            }
        }
        sb.Append(Simd).Append(".Pow(");
        Write(b.Left, sb);
        sb.Append(", ");
        Write(b.Right, sb);
        sb.Append(')');
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
