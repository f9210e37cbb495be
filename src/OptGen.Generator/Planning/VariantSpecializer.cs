using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>
/// Fixes every bool hyperparameter of one variant, and the outcome of every shape condition of one shape class, to a
/// constant and simplifies: selects on them collapse to one side, an <c>if</c> keeps only the branch taken (its values
/// stand for the names it assigned), and a statement that leaves a buffer as it was (<c>vmax = Amsgrad ? max(vmax, v)
/// : vmax</c> with Amsgrad false) disappears, so that variant neither loads nor stores the buffer.
/// </summary>
internal sealed class VariantSpecializer
{
    private readonly IReadOnlyDictionary<int, bool> _flags; // hyperparameter index -> value
    private readonly IReadOnlyDictionary<string, bool> _shape; // shape condition (ShapeConditions.Key) -> outcome
    private readonly Dictionary<Value, Value> _alias = new();

    private VariantSpecializer(IReadOnlyDictionary<int, bool> flags, IReadOnlyDictionary<string, bool> shape)
    {
        _flags = flags;
        _shape = shape;
    }

    public static List<BStatement> Specialize(IReadOnlyList<BNode> nodes, IReadOnlyDictionary<int, bool> flags) =>
        Specialize(nodes, flags, new Dictionary<string, bool>());

    public static List<BStatement> Specialize(IReadOnlyList<BNode> nodes, IReadOnlyDictionary<int, bool> flags, IReadOnlyDictionary<string, bool> shape)
    {
        var specializer = new VariantSpecializer(flags, shape);
        var result = new List<BStatement>();
        specializer.Add(nodes, result);
        return result;
    }

    private void Add(IReadOnlyList<BNode> nodes, List<BStatement> result)
    {
        foreach (BNode node in nodes)
        {
            switch (node)
            {
                case BStatement s:
                {
                    BExpr e = Fold(s.Expr);
                    if (e is BRef r && SameStorage(r.Value, s.Result))
                    {
                        _alias[s.Result] = r.Value;
                        continue;
                    }
                    result.Add(new BStatement(s.Result, e));
                    break;
                }
                case BBranch b:
                {
                    // The condition uses only bool hyperparameters and shape conditions, all fixed here.
                    bool taken = Fold(b.Condition) is BBool { Value: true };
                    Add(taken ? b.Then : b.Else, result);
                    foreach (BMerge m in b.Merges)
                    {
                        Value? side = taken ? m.WhenThen : m.WhenElse;
                        if (side is not null)
                            _alias[m.Result] = _alias.TryGetValue(side, out Value? known) ? known : side;
                    }
                    break;
                }
            }
        }
    }

    // True when 'source' is an earlier value of the variable 'result' is assigned to, so the assignment is a no-op.
    private static bool SameStorage(Value source, Value result)
    {
        Target target = result.Target;
        return target.Kind switch
        {
            TargetKind.Weight => source.Kind == ValueKind.Weight || (source.Kind == ValueKind.Defined && source.Target.Kind == TargetKind.Weight),
            TargetKind.Gradient => source.Kind == ValueKind.Gradient || (source.Kind == ValueKind.Defined && source.Target.Kind == TargetKind.Gradient),
            TargetKind.Buffer => (source.Kind == ValueKind.Buffer && source.Index == target.Index)
                || (source.Kind == ValueKind.Defined && source.Target == target),
            TargetKind.ScalarState => (source.Kind == ValueKind.ScalarState && source.Index == target.Index)
                || (source.Kind == ValueKind.Defined && source.Target == target),
            TargetKind.SharedState => (source.Kind == ValueKind.SharedState && source.Index == target.Index)
                || (source.Kind == ValueKind.Defined && source.Target == target),
            _ => false,
        };
    }

    private BExpr Fold(BExpr e)
    {
        if (e.Type == ValueType.Bool && e.Level <= Level.Tensor && _shape.Count > 0 && _shape.TryGetValue(ShapeConditions.Key(e), out bool outcome))
            return new BBool(outcome);
        switch (e)
        {
            case BRef r when r.Value.Kind == ValueKind.Hyperparameter && _flags.TryGetValue(r.Value.Index, out bool flag):
                return new BBool(flag);
            case BRef r when _alias.TryGetValue(r.Value, out Value? alias):
                return new BRef(alias);
            case BUnary u:
            {
                BExpr operand = Fold(u.Operand);
                if (u.Op == Op.Not && operand is BBool b)
                    return new BBool(!b.Value);
                return new BUnary(u.Op, operand);
            }
            case BBinary b:
            {
                BExpr left = Fold(b.Left), right = Fold(b.Right);
                if (b.Op is Op.And or Op.Or)
                {
                    bool isAnd = b.Op == Op.And;
                    if (left is BBool l)
                        return l.Value == isAnd ? right : l;
                    if (right is BBool r)
                        return r.Value == isAnd ? left : r;
                }
                return new BBinary(b.Op, left, right, b.Type);
            }
            case BCond c:
            {
                BExpr condition = Fold(c.Condition);
                if (condition is BBool b)
                    return Fold(b.Value ? c.WhenTrue : c.WhenFalse);
                BExpr whenTrue = Fold(c.WhenTrue), whenFalse = Fold(c.WhenFalse);
                (Level level, Axes axes) = Levels.Join(condition.Level, condition.Axes, whenTrue.Level, whenTrue.Axes);
                (level, axes) = Levels.Join(level, axes, whenFalse.Level, whenFalse.Axes);
                return new BCond(condition, whenTrue, whenFalse, level, axes);
            }
            case BCall c:
            {
                var args = c.Args.Select(Fold).ToList();
                (Level level, Axes axes) = (Level.Const, Axes.None);
                foreach (BExpr a in args)
                    (level, axes) = Levels.Join(level, axes, a.Level, a.Axes);
                return new BCall(c.Function, args, level, axes);
            }
            case BReduce r:
            {
                var folded = new BReduce(r.Kind, r.IsGlobal, r.Args.Select(Fold).ToList(), r.Reduces);
                // A select on a bool can leave an axis reduction of one per-tensor value (row_sum(Flag ? 1 : g) with
                // Flag true): every row, column or matrix then reduces copies of that value, which has a closed form.
                // The copies fill every axis reduced, whatever the other operand varied along: a reduction of a per-row
                // value reduces it as it broadcasts (mat_sum(Flag ? 1 : r) is rows × cols, as mat_sum(r) counts each
                // row's value cols times).
                return !r.IsWhole && folded.Operand == Axes.None && r.Operand != Axes.None
                    ? ReductionOfCopies(folded, r.Reduces)
                    : folded;
            }
            case BMatrixOp m:
                return new BMatrixOp(m.Function, Fold(m.Matrix), m.Coefficients.Select(Fold).ToList());
            default:
                return e;
        }
    }
    // The reduction of 'count' copies of one value c, where 'count' is the product of the shape sizes along the axes
    // reduced: sum c*count, dot a*b*count, mean/max/min c, maxabs |c|, norm |c|*sqrt(count).
    private static BExpr ReductionOfCopies(BReduce r, Axes reduced)
    {
        BExpr count = new BConst(1);
        foreach ((Axes axis, string size) in new[] { (Axes.Column, "cols"), (Axes.Row, "rows"), (Axes.Matrix, "matrices") })
        {
            if ((reduced & axis) != 0)
                count = Multiply(count, new BRef(new Value(ValueKind.Builtin, size, 0, Level.Tensor, ValueType.Number)));
        }
        BExpr c = r.Args[0];
        return r.Kind switch
        {
            ReductionKind.Sum => Multiply(c, count),
            ReductionKind.Dot => Multiply(Multiply(c, r.Args[1]), count),
            ReductionKind.Mean or ReductionKind.Max or ReductionKind.Min => c,
            ReductionKind.MaxAbs => Call(Function.Abs, c),
            _ => Multiply(Call(Function.Abs, c), Call(Function.Sqrt, count)), // Norm
        };
    }

    private static BExpr Multiply(BExpr a, BExpr b) =>
        a is BConst { Value: 1 } ? b : new BBinary(Op.Mul, a, b, ValueType.Number);

    private static BExpr Call(Function function, BExpr arg) => new BCall(function, [arg], arg.Level, arg.Axes);
}
