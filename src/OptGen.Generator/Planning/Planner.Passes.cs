using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

// Step 3 of the planner: statements cut into passes, and where a reduction is accumulated.
internal sealed partial class Planner
{
    /// <summary>
    /// Tests only, for the current async flow: each reduction is accumulated by the pass its place in the update gives it,
    /// not an earlier one that has its values (ReductionHoistingTests).
    /// </summary>
    internal static readonly System.Threading.AsyncLocal<bool> HoistingSkippedForTests = new();

    private void CutPasses()
    {
        PassPlan current = NewPass();
        bool closed = false; // the current pass has reductions: no element statement may join it
        // Scalars of a pass are computed before its loop runs. Once a pass is closed, a scalar that needs its
        // reductions waits (pending) for the next pass, while a later reduction that needs none of them may still
        // join the closed pass: in "a = norm(w); b = norm(u)" both norms are accumulated by one loop.
        var pending = new List<ScalarDef>();
        var needsCurrent = new HashSet<Value>(); // results of the closed pass's reductions and of pending scalars
        var loopResults = new HashSet<Value>(); // every reduction's and matrix built-in's result so far: known after its loop

        void StartPass()
        {
            current = NewPass();
            closed = false;
            needsCurrent.Clear();
            foreach (ScalarDef p in pending)
                Assign(p);
            pending.Clear();
        }

        void Assign(ScalarDef s)
        {
            s.Pass = current.Index;
            _plan.Scalars.Add(s);
            _plan.DefinedInPass[s.Result] = current.Index;
        }

        // A reduction's or matrix built-in's result is known only after the current pass's loop: the pass closes.
        void Close(Value result)
        {
            _plan.DefinedInPass[result] = current.Index;
            closed = true;
            needsCurrent.Add(result);
            loopResults.Add(result);
        }

        for (int at = 0; at < _items.Count; at++)
        {
            if (((at + 1) & 255) == 0)
                _cancellationToken.ThrowIfCancellationRequested();
            object item = _items[at];
            switch (item)
            {
                case ScalarDef s:
                    if ((closed && Uses(s.Expr).Any(needsCurrent.Contains)) || Overwrites(s, current, pending))
                    {
                        pending.Add(s);
                        needsCurrent.Add(s.Result);
                        closed = true; // what reads it runs in a later loop
                    }
                    else
                    {
                        Assign(s);
                    }
                    break;
                case ReduceDef r:
                {
                    // A reduction of a reduction (sum(x - mean(x))) must wait for the inner one: a new pass. So does
                    // one beyond what the runtime's driver accumulates in one loop.
                    List<Value> reads = r.Args.SelectMany(Uses).ToList();
                    // And a global reduction that another shape class accumulates apart from the one before it.
                    bool waits = closed && (reads.Exists(needsCurrent.Contains) || current.Reductions.Count == MaxReductionsPerPass
                        || (r.IsGlobal && current.EndsPhase && _cuts.StartsPhase(r.Result.Name)));
                    // Where it would start a pass, or close the current one while a later statement of a loop reads it
                    // (which would then start one), a reduction whose values an earlier pass of the phase already has
                    // joins that pass, where it has room: cautious AdamP projects the gradient (row_sum(unit * g))
                    // after the step (row_sum(unit * u)) is projected, both from the unit rows of an earlier pass;
                    // written in that order, the second closed the pass that projects the step, and the mask that reads
                    // both took another pass. Otherwise it stays: joining a closed pass, or closing the current one
                    // when only values between passes read it, costs nothing, and moving it would add its streams to
                    // the earlier loop.
                    if ((waits || (!closed && ReadInALoopSoon(at, r.Result))) && !HoistingSkippedForTests.Value
                        && EarlierPassFor(r, reads, needsCurrent, loopResults, current) is { } earlier)
                    {
                        r.Pass = earlier.Index;
                        earlier.Reductions.Add(r);
                        _plan.DefinedInPass[r.Result] = earlier.Index;
                        loopResults.Add(r.Result);
                        break;
                    }
                    if (waits)
                        StartPass();
                    r.Pass = current.Index;
                    current.Reductions.Add(r);
                    Close(r.Result);
                    break;
                }
                case MatrixOpDef m:
                    // Runs after this pass's loop: what reads its result goes to a later pass.
                    m.Pass = current.Index;
                    current.MatrixOps.Add(m);
                    Close(m.Result);
                    break;
                case ElementOp op:
                    // A statement that needs none of the closed pass's results still runs in its loop: every value is
                    // assigned once, so what the reductions saw is not changed by it. Not after a global reduction: that
                    // ends the phase, and nothing may be written before the whole step's reductions are known (a
                    // skipped non-finite step writes nothing).
                    if (closed && (current.EndsPhase || Uses(op.Expr).Any(needsCurrent.Contains)))
                        StartPass();
                    current.Ops.Add(op);
                    _plan.DefinedInPass[op.Result] = current.Index;
                    if (op.Result.Target.Kind == TargetKind.ScalarState)
                        _plan.FinalScalarStates[op.Result.Target.Index] = op.Result;
                    break;
            }
            if (item is ScalarDef { Result.Target.Kind: TargetKind.ScalarState } sd)
                _plan.FinalScalarStates[sd.Result.Target.Index] = sd.Result;
            if (item is ScalarDef { Result.Target.Kind: TargetKind.SharedState } shared)
                _plan.FinalSharedStates[shared.Result.Target.Index] = shared.Result;
        }
        if (pending.Count > 0)
            StartPass(); // a pass without a loop that computes what the last reductions feed
    }

    // How far back a reduction may go: cautious AdamP's goes one pass back; the bound keeps the work per reduction
    // constant in an update of thousands of them.
    private const int HoistReach = 8;

    // The first pass before the current one that can accumulate r: after every pass that computes a value r reads (reads: a
    // reduction's or matrix built-in's result: the pass after it), in the current phase, at most HoistReach back, with
    // room for one more reduction. Null where there is none, where r is global (it ends the phase where it is written),
    // draws random numbers (left where the update puts its draws) or reads a value that waits for the current pass's
    // loop (needsCurrent: its reductions' results and the scalars pending on them).
    private PassPlan? EarlierPassFor(ReduceDef r, List<Value> reads, HashSet<Value> needsCurrent, HashSet<Value> loopResults, PassPlan current)
    {
        if (r.IsGlobal || r.Args.Any(BRandom.Within))
            return null;
        int first = System.Math.Max(0, current.Index - HoistReach);
        for (int p = current.Index - 1; p >= first; p--)
        {
            if (_plan.Passes[p].EndsPhase)
            {
                first = p + 1;
                break;
            }
        }
        foreach (Value v in reads)
        {
            if (needsCurrent.Contains(v))
                return null;
            if (_plan.DefinedInPass.TryGetValue(v, out int defined))
                first = System.Math.Max(first, loopResults.Contains(v) ? defined + 1 : defined);
        }
        for (int p = first; p < current.Index; p++)
        {
            if (_plan.Passes[p].Reductions.Count < MaxReductionsPerPass)
                return _plan.Passes[p];
        }
        return null;
    }

    // How many items after a reduction ReadInALoopSoon looks at: a bound on its work; beyond it the reduction stays.
    private const int LookAhead = 64;

    // Whether an item shortly after position 'at' reads 'result' in a loop: an element statement, a reduction or a matrix
    // built-in, directly or through per-step, per-tensor or per-row values computed from it.
    private bool ReadInALoopSoon(int at, Value result)
    {
        var reads = new HashSet<Value> { result };
        int end = System.Math.Min(_items.Count, at + 1 + LookAhead);
        for (int j = at + 1; j < end; j++)
        {
            switch (_items[j])
            {
                case ScalarDef s when Uses(s.Expr).Exists(reads.Contains):
                    reads.Add(s.Result);
                    break;
                case ElementOp op when Uses(op.Expr).Exists(reads.Contains):
                    return true;
                case ReduceDef r when r.Args.SelectMany(Uses).Any(reads.Contains):
                    return true;
                case MatrixOpDef m when reads.Contains(m.Input) || m.Coefficients.SelectMany(Uses).Any(reads.Contains):
                    return true;
            }
        }
        return false;
    }

    // A factored state assigned between passes (rs = rows) is written into the state's memory, which is not single
    // assignment: computed before this pass's loop, it would overwrite the version the loop reads (rs = row_sum(g * rs)
    // earlier in the update), and a pending assignment of the same state (computed after the loop) would then overwrite
    // it in turn, as it would the version a pending value reads (r = row_mean(stack_sum(row_norm(col_max(v)) + ci))
    // before ci = ci + 0.9: the sum waits for the loop's col_max). So it waits for the loop, after what is already waiting.
    private static bool Overwrites(ScalarDef s, PassPlan current, List<ScalarDef> pending)
    {
        int buffer = BufferOf(s.Result);
        return buffer >= 0 && (current.Reads().Any(v => BufferOf(v) == buffer)
            || pending.Any(p => BufferOf(p.Result) == buffer || Uses(p.Expr).Exists(v => BufferOf(v) == buffer)));
    }

    // The factored or element state whose memory holds a value, or -1.
    private static int BufferOf(Value v) =>
        v.Kind == ValueKind.Buffer ? v.Index : v.Kind == ValueKind.Defined && v.Target.Kind == TargetKind.Buffer ? v.Target.Index : -1;

    private PassPlan NewPass()
    {
        var pass = new PassPlan(_plan.Passes.Count);
        _plan.Passes.Add(pass);
        return pass;
    }
}
