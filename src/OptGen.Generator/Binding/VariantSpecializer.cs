using System.Collections.Generic;
using System.Linq;

namespace OptGen.Generator.Binding;

/// <summary>
/// Fixes every bool hyperparameter of one variant to a constant and simplifies: selects on it collapse to one
/// branch, and a statement that leaves a buffer as it was (<c>vmax = Amsgrad ? max(vmax, v) : vmax</c> with
/// Amsgrad false) disappears, so that variant neither loads nor stores the buffer.
/// </summary>
internal sealed class VariantSpecializer
{
    private readonly IReadOnlyDictionary<int, bool> _flags; // hyperparameter index -> value
    private readonly Dictionary<Value, Value> _alias = new();

    private VariantSpecializer(IReadOnlyDictionary<int, bool> flags) => _flags = flags;

    public static List<BStatement> Specialize(IReadOnlyList<BStatement> statements, IReadOnlyDictionary<int, bool> flags)
    {
        var specializer = new VariantSpecializer(flags);
        var result = new List<BStatement>();
        foreach (BStatement s in statements)
        {
            BExpr e = specializer.Fold(s.Expr);
            if (e is BRef r && SameStorage(r.Value, s.Result))
            {
                specializer._alias[s.Result] = r.Value;
                continue;
            }
            result.Add(new BStatement(s.Result, e));
        }
        return result;
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
            _ => false,
        };
    }

    private BExpr Fold(BExpr e)
    {
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
                Level level = new[] { condition.Level, whenTrue.Level, whenFalse.Level }.Max();
                return new BCond(condition, whenTrue, whenFalse, level);
            }
            case BCall c:
            {
                var args = c.Args.Select(Fold).ToList();
                return new BCall(c.Function, args, args.Count == 0 ? Level.Const : args.Max(a => a.Level));
            }
            case BReduce r:
                return new BReduce(r.Kind, r.IsGlobal, r.Args.Select(Fold).ToList());
            default:
                return e;
        }
    }
}
