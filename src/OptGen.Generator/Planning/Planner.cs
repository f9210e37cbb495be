using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>
/// Turns bound statements (whole-tensor meaning, single assignment) into passes over memory.
/// 0. Statements whose values nothing reads are dropped (<see cref="DeadStatements"/>: a bool fixed by the variant leaves them),
///    and a per-matrix norm, dot product, maximum or minimum is taken from its per-row counterpart where the update has one
///    (<see cref="MatrixReductionsFromAxes"/>).
/// 1. Reductions are lifted out of expressions into their own definitions, innermost first; a repeat of one (the same
///    kind, axes and operands) reads the first's result.
/// 2. In element statements, every maximal per-step/per-tensor sub-expression is hoisted into a scalar
///    definition (computed once, in double); division by such a scalar becomes multiplication by its reciprocal.
/// 3. Statements are cut into passes: element statements fuse until a reduction needs the values they leave;
///    the reduction is accumulated at the end of that pass and later statements go to the next pass. A reduction
///    that would start or close a pass joins an earlier pass of the phase instead where that pass has its values and room.
/// Because every value is assigned once, moving scalar work ahead of a pass cannot change what is read, except where
/// the value is a factored state's new version, written into the state's memory (see Overwrites).
/// </summary>
internal sealed partial class Planner
{
    private System.Threading.CancellationToken _cancellationToken;
    private readonly List<object> _items = new(); // ScalarDef | ReduceDef | MatrixOpDef | ElementOp, in program order
    private readonly Plan _plan = new();
    private int _hoisted;
    private int _reductions, _globals;
    private int _matrixOps;
    private readonly Dictionary<string, Value> _reductionsByKey = new();
    private readonly System.Func<BExpr, BExpr> _liftReductions, _hoist; // made once: a method group would allocate a delegate per node
    private PhaseCuts _cuts = PhaseCuts.None;

    private Planner()
    {
        _liftReductions = LiftReductions;
        _hoist = Hoist;
    }

    /// <summary>Reductions one pass accumulates at most (the capacity of the runtime's <c>Terms</c>).</summary>
    public const int MaxReductionsPerPass = 4;

    /// <summary>
    /// Tests only, for the current async flow: plans compute each reduction where it is written, repeats included, so
    /// that a test can run both and compare their bits (SharedReductionExecutionTests).
    /// </summary>
    internal static readonly System.Threading.AsyncLocal<bool> SharedReductionsSkippedForTests = new();

    /// <summary>
    /// The plan of one variant and shape class. <paramref name="cuts"/>: where it must cut phases as the update's other
    /// shape classes do (<see cref="PhaseCuts.Align"/>).
    /// </summary>
    public static Plan Build(IReadOnlyList<BStatement> statements, System.Threading.CancellationToken cancellationToken = default, PhaseCuts? cuts = null)
    {
        var planner = new Planner { _cancellationToken = cancellationToken, _cuts = cuts ?? PhaseCuts.None };
        statements = DeadStatements.Remove(statements);
        statements = MatrixReductionsFromAxes.Apply(statements);
        for (int i = 0; i < statements.Count; i++)
        {
            if ((i & 255) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            planner.Lower(statements[i]);
        }
        planner.CutPasses();
        cancellationToken.ThrowIfCancellationRequested();
        StoreSinker.Apply(planner._plan);
        Rematerializer.Apply(planner._plan);
        planner.AssignPhasesAndSlots();
        return planner._plan;
    }

    private void Lower(BStatement s)
    {
        BExpr expr = LiftReductions(s.Expr);
        if (s.Result.Level == Level.Element)
            _items.Add(new ElementOp(s.Result, Hoist(expr)));
        else
            _items.Add(new ScalarDef(s.Result, expr));
    }

    private BExpr LiftReductions(BExpr e)
    {
        switch (e)
        {
            case BReduce { Operand: not Axes.All, Kind: ReductionKind.Dot } dot:
                // A dot product of per-row (or coarser) values is the sum of their product.
                return LiftReductions(new BReduce(ReductionKind.Sum, dot.IsGlobal,
                    [new BBinary(Op.Mul, dot.Args[0], dot.Args[1], ValueType.Number)], dot.Reduces));
            case BReduce r:
            {
                var lifted = r.Args.Select(LiftReductions).ToList();
                // The same reduction of the same values is computed once (AdamP reads row_norm(w) in its test and in its
                // projection): every value is assigned once, so both mean the same number.
                string? key = SharedReductionsSkippedForTests.Value || lifted.Exists(BRandom.Within) ? null : ReductionKey(r, lifted);
                if (key is not null && _reductionsByKey.TryGetValue(key, out Value? known))
                    return new BRef(known);
                var args = lifted.Select(Hoist).ToList();
                // Global reductions are numbered apart: every shape class of an update then names each the same (rg0, …)
                // whatever per-tensor reductions its branches have, as the step's shared accumulators (gacc…) need.
                var value = new Value(ValueKind.Defined, r.IsGlobal ? "rg" + _globals++ : "r" + _reductions++, 0, r.Level, ValueType.Number, axes: r.Axes);
                if (key is not null)
                    _reductionsByKey[key] = value;
                // None: a bool variant left a scalar, summed by the loop. A global reduction always is a loop's: it ends
                // the phase in every shape class alike, though a branch may leave its operand per-row in one (the loop
                // reads the value as it broadcasts, which is what a reduction of it means).
                if (r.Operand is not Axes.All and not Axes.None && !r.IsGlobal)
                {
                    // A reduction of per-row, per-column or per-matrix values is computed between passes, from memory.
                    _items.Add(new ScalarDef(value, new BReduce(r.Kind, r.IsGlobal, args, r.Reduces)));
                    return new BRef(value);
                }
                var def = new ReduceDef(value, r.Kind, r.IsGlobal, args, r.Reduces);
                _items.Add(def);
                _plan.Reductions.Add(def);
                return new BRef(value);
            }
            case BMatrixOp m:
            {
                // The matrix must be in memory when the built-in runs (after a pass): a value already there is used as
                // it is, anything else becomes a local of the current pass.
                BExpr matrix = Hoist(LiftReductions(m.Matrix));
                Value input;
                if (matrix is BRef { Value.Level: Level.Element } reference)
                {
                    input = reference.Value;
                }
                else
                {
                    input = new Value(ValueKind.Defined, "mi" + _matrixOps, 0, Level.Element, ValueType.Number);
                    _items.Add(new ElementOp(input, matrix));
                }
                var coefficients = m.Coefficients.Select(c => Hoist(LiftReductions(c))).ToList();
                var result = new Value(ValueKind.Defined, "mo" + _matrixOps++, 0, Level.Element, ValueType.Number);
                _items.Add(new MatrixOpDef(result, m.Function, input, coefficients));
                return new BRef(result);
            }
            default:
                return WithOperands(e, _liftReductions);
        }
    }

    // What identifies a reduction whose nested reductions are lifted already: its kind, scope, axes and operands.
    private static string ReductionKey(BReduce r, List<BExpr> liftedArgs) =>
        $"{r.Kind} {r.IsGlobal} {(int)r.Reduces} " + string.Join(", ", liftedArgs.Select(ShapeConditions.Key));

    // Replaces maximal scalar sub-expressions of an element expression by references to hoisted scalars.
    private BExpr Hoist(BExpr e)
    {
        if (e.Level != Level.Element)
        {
            if (e is BConst or BBool or BRef)
                return e;
            var value = new Value(ValueKind.Defined, "h" + _hoisted++, 0, e.Level == Level.Const ? Level.Step : e.Level, e.Type, axes: e.Axes);
            _items.Add(new ScalarDef(value, e));
            return new BRef(value);
        }
        switch (e)
        {
            case BBinary { Op: Op.Div } b when b.Right.Level != Level.Element && b.Right is not BConst:
                return new BBinary(Op.Mul, Hoist(b.Left), Hoist(new BBinary(Op.Div, new BConst(1), b.Right, ValueType.Number)), ValueType.Number);
            case BBinary { Op: Op.Div, Right: BConst c } b:
                return new BBinary(Op.Mul, Hoist(b.Left), new BConst(1 / c.Value), ValueType.Number);
            default:
                return WithOperands(e, _hoist);
        }
    }

    // An operator, select or call with each operand rewritten by 'rewrite' (its level and axes kept); any other
    // expression (a constant, a reference, a reduction, a random draw) as it is.
    private static BExpr WithOperands(BExpr e, System.Func<BExpr, BExpr> rewrite) => e switch
    {
        BUnary u => new BUnary(u.Op, rewrite(u.Operand)),
        BBinary b => new BBinary(b.Op, rewrite(b.Left), rewrite(b.Right), b.Type),
        BCond c => new BCond(rewrite(c.Condition), rewrite(c.WhenTrue), rewrite(c.WhenFalse), c.Level, c.Axes),
        BCall c => new BCall(c.Function, c.Args.Select(rewrite).ToList(), c.Level, c.Axes),
        _ => e,
    };

    /// <summary>Every value an expression reads, in reading order (a list: no nested iterators over deep trees).</summary>
    public static List<Value> Uses(BExpr e)
    {
        var uses = new List<Value>();
        CollectUses(e, uses);
        return uses;
    }

    /// <summary>Adds every value <paramref name="e"/> reads to <paramref name="uses"/>, in reading order.</summary>
    public static void CollectUses(BExpr e, List<Value> uses)
    {
        while (true)
        {
            switch (e)
            {
                case BRef r:
                    uses.Add(r.Value);
                    return;
                case BUnary u:
                    e = u.Operand;
                    continue;
                case BBinary b:
                    CollectUses(b.Left, uses);
                    e = b.Right;
                    continue;
                case BCond c:
                    CollectUses(c.Condition, uses);
                    CollectUses(c.WhenTrue, uses);
                    e = c.WhenFalse;
                    continue;
                case BCall c:
                    foreach (BExpr a in c.Args)
                        CollectUses(a, uses);
                    return;
                case BReduce r:
                    foreach (BExpr a in r.Args)
                        CollectUses(a, uses);
                    return;
                case BMatrixOp m: // only before the planner lifts it out
                    CollectUses(m.Matrix, uses);
                    foreach (BExpr c in m.Coefficients)
                        CollectUses(c, uses);
                    return;
                default:
                    return;
            }
        }
    }

    private void AssignPhasesAndSlots()
    {
        int phase = 0;
        foreach (PassPlan pass in _plan.Passes)
        {
            pass.Phase = phase;
            if (pass.EndsPhase)
                phase++;
        }
        _plan.PhaseCount = System.Math.Max(_plan.Passes[_plan.Passes.Count - 1].Phase + 1, _cuts.PhaseCount);
        int lastPhase = _plan.PhaseCount - 1;

        // Element values read by a later pass than the one that computed them live in scratch buffers
        // (w and state buffers are written to memory anyway); so do the inputs and results of matrix built-ins.
        void NeedScratch(Value v)
        {
            if (v.Kind == ValueKind.Defined && v.Level == Level.Element && v.Target.Kind is TargetKind.Local or TargetKind.Gradient
                && !_plan.ScratchSlots.ContainsKey(v))
            {
                _plan.ScratchSlots[v] = _plan.ScratchSlots.Count;
            }
        }
        foreach (PassPlan pass in _plan.Passes)
        {
            var recomputed = new HashSet<Value>(pass.Ops.Select(o => o.Result)); // the pass's own, and those it recomputes
            foreach (Value v in pass.Reads())
            {
                if (_plan.DefinedInPass.TryGetValue(v, out int defined) && defined != pass.Index && !recomputed.Contains(v))
                    NeedScratch(v);
            }
            foreach (MatrixOpDef m in pass.MatrixOps)
            {
                NeedScratch(m.Input);
                NeedScratch(m.Result);
            }
        }

        // Per-row, per-column and per-matrix values that are not state live in arrays of their own, per tensor.
        foreach (Value v in _plan.Scalars.Select(d => d.Result).Concat(_plan.Reductions.Select(r => r.Result)))
        {
            if (v.Level == Level.Axis && v.Target.Kind == TargetKind.Local && !_plan.AxisSlots.ContainsKey(v))
                _plan.AxisSlots[v] = _plan.AxisSlots.Count;
        }

        // Per-tensor scalars read in a later phase than the one that computed them live in temp slots.
        void NeedIn(Value v, int usePhase)
        {
            if (v.Level == Level.Tensor && v.Kind == ValueKind.Defined && _plan.PhaseOf(v) != usePhase && !_plan.TempSlots.ContainsKey(v))
                _plan.TempSlots[v] = _plan.TempSlots.Count;
        }
        foreach (ScalarDef s in _plan.Scalars)
        {
            foreach (Value v in Uses(s.Expr))
                NeedIn(v, _plan.Passes[s.Pass].Phase);
        }
        foreach (PassPlan pass in _plan.Passes)
        {
            foreach (Value v in pass.Reads())
                NeedIn(v, pass.Phase);
        }
        foreach (Value v in _plan.FinalScalarStates.Values)
            NeedIn(v, lastPhase);
    }
}
