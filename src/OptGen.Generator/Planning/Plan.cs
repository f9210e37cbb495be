using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>A per-step or per-tensor scalar computed in double before pass <see cref="Pass"/> runs.</summary>
internal sealed class ScalarDef(Value result, BExpr expr)
{
    public Value Result { get; } = result;
    public BExpr Expr { get; } = expr;
    public int Pass { get; set; }
}

/// <summary>
/// A reduction of element values accumulated by pass <see cref="Pass"/>'s element loop: over the whole tensor
/// (<see cref="Reduces"/> = all axes), or along rows, columns or matrices of its matrix view.
/// </summary>
internal sealed class ReduceDef(Value result, ReductionKind kind, bool isGlobal, IReadOnlyList<BExpr> args, Axes reduces = Axes.All)
{
    public Value Result { get; } = result;
    public ReductionKind Kind { get; } = kind;
    public bool IsGlobal { get; } = isGlobal;
    public IReadOnlyList<BExpr> Args { get; } = args;

    /// <summary>The axes reduced away: all for a per-tensor (or global) reduction.</summary>
    public Axes Reduces { get; } = reduces;
    public int Pass { get; set; }
    public int Slot { get; set; }
}

/// <summary>
/// A matrix-valued built-in run on every matrix of the stack after pass <see cref="Pass"/>'s loop: it reads
/// <see cref="Input"/> from memory and writes <see cref="Result"/> to a scratch buffer for later passes.
/// </summary>
internal sealed class MatrixOpDef(Value result, MatrixFunction function, Value input, IReadOnlyList<BExpr> coefficients)
{
    public Value Result { get; } = result;
    public MatrixFunction Function { get; } = function;
    public Value Input { get; } = input;

    /// <summary>Per-step or per-tensor arguments, already hoisted to scalars.</summary>
    public IReadOnlyList<BExpr> Coefficients { get; } = coefficients;
    public int Pass { get; set; }
}

/// <summary>One element-wise statement inside a pass.</summary>
internal sealed class ElementOp(Value result, BExpr expr)
{
    public Value Result { get; } = result;
    public BExpr Expr { get; } = expr;
}

/// <summary>One loop over the elements of a tensor: fused statements, then reductions of what they left.</summary>
internal sealed class PassPlan(int index)
{
    public int Index { get; } = index;
    public int Phase { get; set; }
    public List<ElementOp> Ops { get; } = new();
    public List<ReduceDef> Reductions { get; } = new();

    /// <summary>Matrix built-ins run after the loop (their inputs are written by it or before it).</summary>
    public List<MatrixOpDef> MatrixOps { get; } = new();
    public bool HasLoop => Ops.Count > 0 || Reductions.Count > 0;

    /// <summary>Every value the pass's statements and reductions read, in reading order (with repeats).</summary>
    public List<Value> Reads()
    {
        var reads = new List<Value>();
        foreach (ElementOp op in Ops)
            Planner.CollectUses(op.Expr, reads);
        foreach (ReduceDef r in Reductions)
        {
            foreach (BExpr a in r.Args)
                Planner.CollectUses(a, reads);
        }
        return reads;
    }
    public bool EndsPhase => Reductions.Exists(r => r.IsGlobal);
}

/// <summary>
/// How one optimizer step runs. Passes are grouped into phases: a phase loops over all tensors running its
/// passes; a global reduction ends a phase, since its value needs every tensor. Values that outlive their pass
/// go to scratch buffers (element values) or temp slots (per-tensor scalars that outlive their phase).
/// </summary>
internal sealed class Plan
{
    public List<PassPlan> Passes { get; } = new();
    public List<ScalarDef> Scalars { get; } = new();
    public List<ReduceDef> Reductions { get; } = new();
    public Dictionary<Value, int> ScratchSlots { get; } = new();
    public Dictionary<Value, int> TempSlots { get; } = new();

    /// <summary>Per-row, per-column or per-matrix values of a step that are not state: float arrays of their axes' size.</summary>
    public Dictionary<Value, int> AxisSlots { get; } = new();
    public Dictionary<Value, int> DefinedInPass { get; } = new();
    public int PhaseCount { get; set; }

    /// <summary>The last value of each scalar state, written back at the end of the step.</summary>
    public Dictionary<int, Value> FinalScalarStates { get; } = new();

    /// <summary>The last value of each shared state (per step), written back once at the end of the step.</summary>
    public Dictionary<int, Value> FinalSharedStates { get; } = new();

    /// <summary>Whether any expression of the plan reads a value that <paramref name="test"/> accepts.</summary>
    public bool Reads(System.Func<Value, bool> test)
    {
        var uses = new List<Value>();
        foreach (ScalarDef s in Scalars)
            Planner.CollectUses(s.Expr, uses);
        foreach (PassPlan pass in Passes)
        {
            uses.AddRange(pass.Reads());
            foreach (MatrixOpDef m in pass.MatrixOps)
            {
                foreach (BExpr c in m.Coefficients)
                    Planner.CollectUses(c, uses);
            }
        }
        return uses.Exists(v => test(v));
    }

    public int PhaseOf(Value v) => DefinedInPass.TryGetValue(v, out int pass) ? Passes[pass].Phase : -1;
}
