using System;
using System.Text;
using OptGen.Generator.Binding;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Writes a per-element expression once, over the kernel's vector type <c>V</c> (the driver instantiates it at each
/// width). Element values (and per-row/column/matrix values, loaded once) are kernel locals and per-step/per-tensor
/// numbers are kernel fields broadcast with <c>V.Splat</c> (names from <c>nameOf</c>), or the slot <c>slotOf</c> gives for
/// a field the kernel broadcasts once per loop (read as <c>slotText</c> writes it, <see cref="KernelWriter.Slot"/> unless
/// given); a select on a per-step bool is a plain <c>?:</c> (one branch, the same for
/// every element). A multiply feeding an add becomes one fused multiply-add. A <c>max</c> or <c>min</c> with a number
/// takes the one-instruction form where that number allows it: always for a constant that does, for a slot when
/// the kernel's <c>Splat</c> finds it does (<see cref="MaxSlots"/>, <see cref="MinSlots"/>: the slots it must check),
/// and for a per-row or per-matrix value loaded by broadcast when the row's value does (<c>broadcastAt</c> gives where
/// it is; <see cref="RowChecks"/>: what the kernel's <c>BeginRow</c> must check).
/// The text goes into a builder: no string per sub-expression.
/// </summary>
internal sealed class ElementExpressionWriter(Func<Value, string> nameOf, string element = "i", Func<string, int?>? slotOf = null,
    Func<int, string>? slotText = null, Func<Value, string?>? broadcastAt = null)
{
    private readonly Func<int, string> _slotText = slotText ?? KernelWriter.Slot;

    /// <summary>The splat slots a <c>max</c> / <c>min</c> written so far reads through <c>MaxSplat</c> / <c>MinSplat</c>.</summary>
    public SortedSet<int> MaxSlots { get; } = [];

    /// <summary>See <see cref="MaxSlots"/>.</summary>
    public SortedSet<int> MinSlots { get; } = [];

    /// <summary>
    /// The per-row or per-matrix values a <c>max</c> / <c>min</c> written so far reads through <c>MaxSplat</c> /
    /// <c>MinSplat</c>, in bit order of <c>terms.OrdinaryInRow</c>: where the value is (<c>ref muRow, s.RowIndex</c>) and
    /// whether a maximum reads it.
    /// </summary>
    public List<(string At, bool Max)> RowChecks { get; } = [];

    // "V.Sqrt(", ... and "V.Lt(", ...: the vector methods are named like the functions and comparisons.
    private static readonly string[] s_functionPrefixes = CallPrefixes<Function>();
    private static readonly string[] s_comparisonPrefixes = CallPrefixes<Op>();

    private static string[] CallPrefixes<T>() where T : struct, Enum
    {
        var values = (T[])Enum.GetValues(typeof(T));
        var prefixes = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
            prefixes[Convert.ToInt32(values[i], System.Globalization.CultureInfo.InvariantCulture)] = "V." + values[i] + "(";
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
                sb.Append("V.Splat(").Append(Literals.Float(c.Value)).Append(')');
                return;
            case BBool b:
                sb.Append(b.Value ? "true" : "false");
                return;
            case BRef r when r.Value.Level < Level.Axis && r.Value.Type == Binding.ValueType.Number:
                string field = nameOf(r.Value);
                if (slotOf?.Invoke(field) is int slot)
                    sb.Append(_slotText(slot));
                else
                    sb.Append("V.Splat(").Append(field).Append(')');
                return;
            case BRef r:
                sb.Append(nameOf(r.Value));
                return;
            case BUnary u:
                // "(- x)", never "--", which C# reads as a decrement
                Wrap(u.Op == Op.Neg ? "(- " : IsMask(u.Operand) ? "V.Not(" : "(!", u.Operand, sb);
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
            case BBinary { Op: Op.And or Op.Or } b when !IsMask(b):
                Infix(b, sb); // per-step bools: && and ||
                return;
            case BBinary { Op: Op.And or Op.Or } b:
                Wrap(b.Op == Op.And ? "V.And(" : "V.Or(", b.Left, b.Right, sb, asMasks: true);
                return;
            case BBinary b:
                Wrap(s_comparisonPrefixes[(int)b.Op], b.Left, b.Right, sb); // a comparison: V.Lt, V.Le, ...
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
                sb.Append("V.Select(");
                Write(c.Condition, sb);
                sb.Append(", ");
                Branch(c, c.WhenTrue, sb);
                sb.Append(", ");
                Branch(c, c.WhenFalse, sb);
                sb.Append(')');
                return;
            case BCall { Function: Function.Max or Function.Min, Args.Count: 2 } c when WithNumber(c, sb):
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
            case BRandom r:
                // One draw per lane, a pure function of the kernel's key (seed, step, tensor), the element and the site.
                sb.Append(GeneratedAliases.Runtime).Append("::DslRandom.").Append(r.Normal ? "Normal" : "Uniform").Append("<V>(")
                    .Append(RandomDraws.KeyField).Append(", ").Append(element).Append(", ").Append(r.Site).Append(')');
                return;
            default:
                throw new InvalidOperationException("Unexpected element expression " + e.GetType().Name);
        }
    }

    // The branches of a select between conditions are masks too.
    private void Branch(BCond c, BExpr branch, StringBuilder sb)
    {
        if (c.Type == Binding.ValueType.Bool)
            AsMask(branch, sb);
        else
            Write(branch, sb);
    }

    private void Infix(BBinary b, StringBuilder sb)
    {
        sb.Append('(');
        Write(b.Left, sb);
        sb.Append(' ').Append(ScalarExpressionWriter.Operator(b.Op)).Append(' ');
        Write(b.Right, sb);
        sb.Append(')');
    }

    // A bool that differs by element (or by row, column ...) is a mask (a V with all bits set where it holds); a per-step
    // or per-tensor bool is a plain C# bool.
    private static bool IsMask(BExpr e) => e.Type == Binding.ValueType.Bool && e.Level >= Level.Axis;

    private void AsMask(BExpr e, StringBuilder sb)
    {
        if (IsMask(e))
            Write(e, sb);
        else
            Wrap("V.Mask(", e, sb);
    }

    private void Fma(BBinary mul, BExpr addend, bool negate, StringBuilder sb)
    {
        sb.Append("V.Fma(");
        Write(mul.Left, sb);
        sb.Append(", ");
        Write(mul.Right, sb);
        sb.Append(", ");
        if (negate)
            sb.Append("-");
        Write(addend, sb);
        sb.Append(')');
    }

    private void Power(BBinary b, StringBuilder sb)
    {
        if (b.Right is BConst { Value: 1.0 / 3 } && b.Left.Level >= Level.Axis)
        {
            // A cube root, which pow with the float nearest 1/3 is not (9.9e-9 ln x apart, relative): the exponent as
            // written, as it is in double between passes (where a per-row value's power is computed), in less than half
            // pow's time.
            Wrap("V.PowOneThird(", b.Left, sb);
            return;
        }
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
                    Wrap("V.Sqrt(", b.Left, sb);
                    return;
                case -1:
                    sb.Append("(V.Splat(1f) / ");
                    Write(b.Left, sb);
                    sb.Append(')');
                    return;
                case -0.5:
                    sb.Append("(V.Splat(1f) / V.Sqrt(");
                    Write(b.Left, sb);
                    sb.Append("))");
                    return;
            }
        }
        if (b.Right is BRef { Value: { Level: < Level.Axis, Type: Binding.ValueType.Number } exponent } && b.Left.Level == Level.Element)
        {
            // An exponent set at run time (a hyperparameter, a per-step or per-tensor value): 0.5 and -0.5 take, each
            // step, the square-root forms those constants take above (V.PowBy's branch, the same for every vector), other
            // values pow: x^P with P = 0.5 is the square root x^0.5 is.
            sb.Append("V.PowBy(");
            Write(b.Left, sb);
            sb.Append(", ").Append(nameOf(exponent)).Append(')');
            return;
        }
        Wrap("V.Pow(", b.Left, b.Right, sb);
    }

    // open, the operand, ')'.
    private void Wrap(string open, BExpr operand, StringBuilder sb)
    {
        sb.Append(open);
        Write(operand, sb);
        sb.Append(')');
    }

    // open, the two operands (as masks when asked), ')'.
    private void Wrap(string open, BExpr left, BExpr right, StringBuilder sb, bool asMasks = false)
    {
        sb.Append(open);
        if (asMasks)
            AsMask(left, sb);
        else
            Write(left, sb);
        sb.Append(", ");
        if (asMasks)
            AsMask(right, sb);
        else
            Write(right, sb);
        sb.Append(')');
    }

    // max(x, c) / min(x, c) where c (either operand) is a constant, a splat slot or a broadcast value: MaxOrdinary for a
    // constant that is neither NaN nor the zero that would need the IEEE rule (+0 for max, -0 for min), MaxSplat for a
    // slot (the kernel's Splat checks its value once per loop) and for a broadcast value (BeginRow checks it once per
    // row: SM3's min(muRow, muCol) on [2048, 2048], one core, 0.74 -> 0.65 ns/param; checked per vector where it was
    // read, a load, two compares and two branches, 0.70). Nothing written, false, where neither operand is such a number.
    private bool WithNumber(BCall c, StringBuilder sb)
    {
        bool max = c.Function == Function.Max;
        for (int n = 1; n >= 0; n--)
        {
            BExpr number = c.Args[n], other = c.Args[1 - n];
            if (number is BConst k && Ordinary((float)k.Value, max))
            {
                sb.Append(max ? "V.MaxOrdinary(" : "V.MinOrdinary(");
                Write(other, sb);
                sb.Append(", ");
                Write(number, sb);
                sb.Append(')');
                return true;
            }
            if (number is BRef r && r.Value.Level < Level.Axis && r.Value.Type == Binding.ValueType.Number
                && slotOf?.Invoke(nameOf(r.Value)) is int slot)
            {
                (max ? MaxSlots : MinSlots).Add(slot);
                sb.Append(max ? "V.MaxSplat(" : "V.MinSplat(");
                Write(other, sb);
                sb.Append(", ").Append(_slotText(slot)).Append(", ").Append(KernelWriter.OrdinaryTest(slot, max)).Append(NumberFirst(n)).Append(')');
                return true;
            }
            if (number is BRef b && broadcastAt?.Invoke(b.Value) is string at && RowCheck(at, max) is int bit)
            {
                sb.Append(max ? "V.MaxSplat(" : "V.MinSplat(");
                Write(other, sb);
                sb.Append(", ").Append(nameOf(b.Value)).Append(", (terms.OrdinaryInRow & ").Append((1 << bit).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append(") != 0").Append(NumberFirst(n)).Append(')');
                return true;
            }
        }
        return false;
    }

    // The bit of terms.OrdinaryInRow for the check of the value at 'at', added if new; null past 31 (the flags are an int,
    // and such a value then takes the full form).
    private int? RowCheck(string at, bool max)
    {
        int bit = RowChecks.IndexOf((at, max));
        if (bit >= 0)
            return bit;
        if (RowChecks.Count == 31)
            return null;
        RowChecks.Add((at, max));
        return RowChecks.Count - 1;
    }

    // The formula wrote the number first: the full IEEE form keeps that order (of two NaNs, the first).
    private static string NumberFirst(int n) => n == 0 ? ", numberFirst: true" : "";

    // As the runtime's Kernels.IsOrdinaryForMax / IsOrdinaryForMin.
    private static bool Ordinary(float value, bool max) =>
        !float.IsNaN(value) && BitConverter.ToInt32(BitConverter.GetBytes(value), 0) != (max ? 0 : int.MinValue);
}
