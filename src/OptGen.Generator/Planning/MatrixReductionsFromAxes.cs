using System.Globalization;
using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>
/// A per-matrix norm, dot product, maximum or minimum of element values whose per-row (or else per-column) counterpart
/// the update also takes is computed from that counterpart's values, between passes: <c>mat_norm(w)</c> becomes the
/// norm along the rows of <c>row_norm(w)</c>, <c>mat_dot(g, w)</c> the sum along the rows of <c>row_dot(g, w)</c>,
/// <c>mat_max(x)</c> the maximum of <c>row_max(x)</c>. The pass then accumulates one term where it accumulated two:
/// AdamP's test takes <c>row_dot</c>, <c>row_norm</c> and <c>mat_dot</c>, <c>mat_norm</c> of the same gradient and
/// weights, six terms, which the driver's four per pass split into two passes over the tensor; now three terms, one pass.
/// </summary>
/// <remarks>
/// A norm or dot product is accumulated from float products (each rounded to float before the double sum), so taking
/// it from the float per-row values adds an error of the same order as the products' own. A maximum or minimum is
/// exact either way. Sums and means are left alone: a plain sum of per-row floats would lose what the double sum keeps
/// where rows cancel. The reduction along the one remaining axis counts each per-row value once (reducing the columns
/// too would count it once per column, as a reduction of a broadcast per-row value does).
/// </remarks>
internal static class MatrixReductionsFromAxes
{
    /// <summary>Tests only, for the current async flow: plans take every per-matrix reduction as written (MatrixReductionsFromAxesTests).</summary>
    internal static readonly System.Threading.AsyncLocal<bool> SkippedForTests = new();

    public static IReadOnlyList<BStatement> Apply(IReadOnlyList<BStatement> statements)
    {
        if (SkippedForTests.Value)
            return statements;
        var finer = new HashSet<string>(); // kind, axes and operands of every per-row and per-column candidate
        foreach (BStatement s in statements)
            Collect(s.Expr, finer);
        if (finer.Count == 0)
            return statements;
        var result = new List<BStatement>(statements.Count);
        foreach (BStatement s in statements)
            result.Add(new BStatement(s.Result, Rewrite(s.Expr, finer)));
        return result;
    }

    // A reduction this applies to: of element values, per tensor, of a kind whose finer values combine exactly as said.
    private static bool IsCandidate(BReduce r) =>
        !r.IsGlobal && r.Operand == Axes.All && r.Kind is ReductionKind.Norm or ReductionKind.Dot or ReductionKind.Max or ReductionKind.Min;

    // The key of every per-row and per-column candidate inside e.
    private static void Collect(BExpr e, HashSet<string> finer) => BExprs.ForEach(e, x =>
    {
        if (x is BReduce { Reduces: Axes.Column or Axes.Row } candidate && IsCandidate(candidate)
            && Key(candidate.Kind, candidate.Reduces, candidate.Args) is { } key)
        {
            finer.Add(key);
        }
    });

    private static BExpr Rewrite(BExpr e, HashSet<string> finer)
    {
        switch (e)
        {
            case BUnary u:
                return new BUnary(u.Op, Rewrite(u.Operand, finer));
            case BBinary b:
                return new BBinary(b.Op, Rewrite(b.Left, finer), Rewrite(b.Right, finer), b.Type);
            case BCond c:
                return new BCond(Rewrite(c.Condition, finer), Rewrite(c.WhenTrue, finer), Rewrite(c.WhenFalse, finer), c.Level, c.Axes);
            case BCall c:
                return new BCall(c.Function, RewriteAll(c.Args, finer), c.Level, c.Axes);
            case BReduce r:
            {
                List<BExpr> args = RewriteAll(r.Args, finer);
                if (r.Reduces == (Axes.Row | Axes.Column) && IsCandidate(r) && KeysOf(r.Args) is { } operands)
                {
                    // Rows first: a matrix has as many per-row values as per-column ones only when it is square.
                    foreach (Axes along in new[] { Axes.Column, Axes.Row })
                    {
                        if (finer.Contains(Key(r.Kind, along, operands)))
                        {
                            // The counterpart, written again with the same operands: the planner's sharing of repeated
                            // reductions makes it the one the update already takes.
                            var counterpart = new BReduce(r.Kind, false, args, along);
                            ReductionKind combine = r.Kind == ReductionKind.Dot ? ReductionKind.Sum : r.Kind;
                            return new BReduce(combine, false, [counterpart], (Axes.Row | Axes.Column) & ~along);
                        }
                    }
                }
                return new BReduce(r.Kind, r.IsGlobal, args, r.Reduces);
            }
            default:
                return e; // constants, references, draws; a matrix built-in keeps its operands as written
        }
    }

    private static List<BExpr> RewriteAll(IReadOnlyList<BExpr> list, HashSet<string> finer)
    {
        var result = new List<BExpr>(list.Count);
        foreach (BExpr a in list)
            result.Add(Rewrite(a, finer));
        return result;
    }

    // What identifies a reduction of these operands along these axes, or null where two alike are not the same value (a
    // random draw, a matrix built-in inside).
    private static string? Key(ReductionKind kind, Axes reduces, IReadOnlyList<BExpr> args) =>
        KeysOf(args) is { } operands ? Key(kind, reduces, operands) : null;

    private static string Key(ReductionKind kind, Axes reduces, string operands) =>
        kind + " " + ((int)reduces).ToString(CultureInfo.InvariantCulture) + " [" + operands + "]";

    private static string? KeysOf(IReadOnlyList<BExpr> args)
    {
        var parts = new List<string>(args.Count);
        foreach (BExpr a in args)
        {
            if (KeyOf(a) is not { } part)
                return null;
            parts.Add(part);
        }
        return string.Join(", ", parts);
    }

    private static string? KeyOf(BExpr e) => e switch
    {
        BRandom or BMatrixOp => null,
        BReduce r => r.IsGlobal ? null : Key(r.Kind, r.Reduces, r.Args),
        BUnary u => KeyOf(u.Operand) is { } x ? "(" + u.Op + " " + x + ")" : null,
        BBinary b => KeyOf(b.Left) is { } l && KeyOf(b.Right) is { } r ? "(" + l + " " + b.Op + " " + r + ")" : null,
        BCond c => KeyOf(c.Condition) is { } x && KeyOf(c.WhenTrue) is { } y && KeyOf(c.WhenFalse) is { } z ? "(" + x + " ? " + y + " : " + z + ")" : null,
        BCall c => KeysOf(c.Args) is { } args ? c.Function + "(" + args + ")" : null,
        _ => ShapeConditions.Key(e), // a constant, a bool or a reference
    };
}
