using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>
/// Drops the statements of one variant whose values nothing reads. A written update may hold one (no diagnostic reports
/// an unread name), but most appear when <see cref="VariantSpecializer"/> fixes a bool or a shape condition: in AdamP's
/// <c>u = Caution ? (… masked …) : projected</c> with Caution false, <c>masked</c>, the mask <c>kept</c> it is built
/// from, its mean and the gradient's projection <c>gPerp</c> feed nothing, yet each took a reduction or a stream,
/// and so passes over the tensor. What is kept whether read or not: writes to the weights, the gradient and the state
/// (they are the step's effect), global reductions (each ends a phase, which every shape class must end alike, and
/// the guard of <c>[SkipNonFinite]</c> is one), random draws (each site advances the stream of draws) and reads of
/// <c>loss</c> (the class has its <c>Loss</c> property and is <c>ILossAware</c> when some plan reads it: what the update
/// names, not what survives planning, decides its members).
/// </summary>
internal static class DeadStatements
{
    /// <summary>
    /// Tests only, for the current async flow: plans are made with every statement, so that a test can run both and
    /// compare their bits (DeadStatementsExecutionTests).
    /// </summary>
    internal static readonly System.Threading.AsyncLocal<bool> SkippedForTests = new();

    public static IReadOnlyList<BStatement> Remove(IReadOnlyList<BStatement> statements)
    {
        if (SkippedForTests.Value)
            return statements;
        var read = new HashSet<Value>();
        var kept = new bool[statements.Count];
        var uses = new List<Value>();
        for (int i = statements.Count - 1; i >= 0; i--)
        {
            BStatement s = statements[i];
            if (s.Result.Target.Kind != TargetKind.Local || read.Contains(s.Result) || MustRun(s.Expr))
            {
                kept[i] = true;
                uses.Clear();
                Planner.CollectUses(s.Expr, uses);
                read.UnionWith(uses);
            }
        }
        if (System.Array.TrueForAll(kept, k => k))
            return statements;
        var result = new List<BStatement>(statements.Count);
        for (int i = 0; i < statements.Count; i++)
        {
            if (kept[i])
                result.Add(statements[i]);
        }
        return result;
    }

    // Whether the expression holds a global reduction, a random draw or a read of the loss (see the class).
    private static bool MustRun(BExpr e) => BExprs.Any(e, s_mustRun);

    private static readonly System.Func<BExpr, bool> s_mustRun = x =>
        x is BRandom or BReduce { IsGlobal: true } || x is BRef { Value.Kind: ValueKind.Builtin } r && r.Value.Name == Builtins.Loss;
}
