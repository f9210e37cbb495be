using System.Collections.Generic;
using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>A per-step or per-tensor scalar computed in double before pass <see cref="Pass"/> runs.</summary>
internal sealed class ScalarDef(Value result, BExpr expr)
{
    public Value Result { get; } = result;
    public BExpr Expr { get; } = expr;
    public int Pass { get; set; }
}

/// <summary>A reduction accumulated at the end of pass <see cref="Pass"/>'s element loop.</summary>
internal sealed class ReduceDef(Value result, ReductionKind kind, bool isGlobal, IReadOnlyList<BExpr> args)
{
    public Value Result { get; } = result;
    public ReductionKind Kind { get; } = kind;
    public bool IsGlobal { get; } = isGlobal;
    public IReadOnlyList<BExpr> Args { get; } = args;
    public int Pass { get; set; }
    public int Slot { get; set; }
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
    public bool HasLoop => Ops.Count > 0 || Reductions.Count > 0;
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
    public Dictionary<Value, int> DefinedInPass { get; } = new();
    public int PhaseCount { get; set; }

    /// <summary>The last value of each scalar state, written back at the end of the step.</summary>
    public Dictionary<int, Value> FinalScalarStates { get; } = new();

    public int PhaseOf(Value v) => DefinedInPass.TryGetValue(v, out int pass) ? Passes[pass].Phase : -1;
}
