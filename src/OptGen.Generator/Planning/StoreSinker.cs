using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>
/// Moves a pass's write of the weights into the later pass that next reads them, when nothing in between needs it: the
/// earlier pass then stores nothing to <c>w</c> (and may not load it at all), and the later pass, which loads
/// <c>w</c> anyway, computes the write from the same operands by the same expression, so with the same bits.
/// Decoupled weight decay is the case in point: Adafactor's <c>w *= 1 - lr * WeightDecay</c> comes before the update's
/// norm is known, so it fell in the first pass, which wrote <c>w</c> only for the last pass to read it back and write
/// it again; moved, the first pass only reads <c>w</c> (for its norm): 20 bytes a parameter instead of 24. Cautious
/// AdamW's first pass no longer touches <c>w</c> at all. Only <c>w</c>: a state buffer may be stored as bfloat16, and
/// a later pass reads such a buffer's rounded value, not the one a moved statement would compute.
/// </summary>
internal static class StoreSinker
{
    /// <summary>
    /// Tests only, for the current async flow: plans are made without moving writes, so that a test can run both and
    /// compare their bits (StoreSinkerExecutionTests).
    /// </summary>
    internal static readonly System.Threading.AsyncLocal<bool> SkippedForTests = new();

    public static void Apply(Plan plan)
    {
        if (SkippedForTests.Value)
            return;
        for (int a = 0; a < plan.Passes.Count; a++)
            TrySink(plan, a);
    }

    private static void TrySink(Plan plan, int a)
    {
        PassPlan from = plan.Passes[a];
        // The pass's one write of w (with two, moving the last would only make the other the stored one).
        List<ElementOp> writes = from.Ops.FindAll(o => IsWeight(o.Result));
        if (writes.Count != 1 || from.EndsPhase || from.MatrixOps.Count > 0)
            return;
        ElementOp op = writes[0];
        if (!IsMovable(op.Expr) || (from.Ops.Count == 1 && from.Reductions.Count == 0))
            return; // a random draw, or a pass that would be left without a loop
        var othersRead = new List<Value>();
        foreach (ElementOp other in from.Ops)
        {
            if (other != op)
                Planner.CollectUses(other.Expr, othersRead);
        }
        foreach (ReduceDef r in from.Reductions)
        {
            foreach (BExpr arg in r.Args)
                Planner.CollectUses(arg, othersRead);
        }
        if (othersRead.Contains(op.Result))
            return;

        // The next pass that touches w, in the same phase (a per-tensor number the write reads is at hand there).
        int b = a + 1;
        for (; b < plan.Passes.Count; b++)
        {
            PassPlan between = plan.Passes[b];
            if (between.MatrixOps.Exists(m => IsWeight(m.Input) || IsWeight(m.Result)))
                return;
            if (between.Ops.Exists(o => IsWeight(o.Result)) || between.Reads().Exists(IsWeight))
                break;
            if (between.EndsPhase)
                return;
        }
        if (b == plan.Passes.Count)
            return;
        PassPlan to = plan.Passes[b];
        List<Value> toReads = to.Reads();
        if (!toReads.Contains(op.Result))
            return;

        // Its operands: numbers, per-row/column/matrix arrays, and streams that still hold the same version when the
        // later pass starts and that it loads or writes anyway.
        foreach (Value x in Planner.Uses(op.Expr))
        {
            if (x.Level < Level.Axis || IsWeight(x))
                continue; // the w it reads is the version before it, which stays in memory now that 'from' writes none
            if (x is { Level: Level.Axis, Kind: ValueKind.Defined, Target.Kind: TargetKind.Local })
                continue; // kept for the whole step
            if (MemoryStreams.Of(x) is not { } stream || !MemoryStreams.HoldsAt(plan, x, stream, b))
                return;
            if (x.Level == Level.Element && !toReads.Exists(v => MemoryStreams.Of(v) == stream) && !to.Ops.Exists(o => MemoryStreams.Of(o.Result) == stream))
                return; // a stream of its own in the later pass: no saving
        }

        from.Ops.Remove(op);
        to.Ops.Insert(0, op);
        plan.DefinedInPass[op.Result] = b;
    }

    private static bool IsWeight(Value v) => MemoryStreams.Of(v)?.Kind == TargetKind.Weight;

    // Element arithmetic and functions only: no random draw (its draws are numbered by call site), no reduction.
    private static bool IsMovable(BExpr e) => e switch
    {
        BConst or BBool or BRef => true,
        BUnary u => IsMovable(u.Operand),
        BBinary x => IsMovable(x.Left) && IsMovable(x.Right),
        BCond c => IsMovable(c.Condition) && IsMovable(c.WhenTrue) && IsMovable(c.WhenFalse),
        BCall c => c.Args.All(IsMovable),
        _ => false,
    };
}
