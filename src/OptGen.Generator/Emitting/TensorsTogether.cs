using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Which phases run their pass over all tensors in one driver call (<c>Kernels.RunTensors</c>, short tensors side by side
/// on several cores): a phase whose loop is one element pass (no matrix built-in, no per-row, per-column or per-matrix
/// value, no random draw, every reduction global), in an update without branches on the shape. Whatever else the phase
/// does per tensor (per-tensor scalars and states, values kept for a later phase) runs first, on the calling thread, in
/// a loop that leaves the kernel's per-tensor numbers in temp slots of the tensor's state (after the plan's own), from
/// which the kernel's <c>Bind</c> reads them.
/// </summary>
internal static class TensorsTogether
{
    public static bool Applies(Plan plan, int phase, bool singleClass)
    {
        if (!singleClass)
            return false;
        List<PassPlan> passes = plan.Passes.Where(p => p.Phase == phase).ToList();
        if (passes.Count != 1 || !passes[0].HasLoop)
            return false;
        PassPlan pass = passes[0];
        return ElementOnly(pass) && !RandomDraws.In(pass) && pass.Reductions.All(r => r.IsGlobal);
    }

    /// <summary>
    /// Whether a pass works on elements and whole tensors only: no matrix built-in, no per-row, per-column or per-matrix
    /// value read, every reduction over the whole tensor (or all tensors).
    /// </summary>
    public static bool ElementOnly(PassPlan pass) =>
        pass.MatrixOps.Count == 0 && !pass.Reads().Any(v => v.Level == Level.Axis) && pass.Reductions.All(r => r.Reduces == Axes.All);

    /// <summary>The temp slot of the kernel's first per-tensor number (the others follow in field order).</summary>
    public static int FirstSlot(Plan plan) => plan.TempSlots.Count;

    /// <summary>
    /// Temp slots a plan needs: its own, and those of the per-tensor numbers of its passes run together (the distinct
    /// per-tensor values a pass reads: its kernel's <see cref="PassModel.TensorNumbers"/>).
    /// </summary>
    public static int TempCount(Plan plan, bool singleClass)
    {
        int numbers = 0;
        for (int phase = 0; phase < plan.PhaseCount; phase++)
        {
            if (Applies(plan, phase, singleClass))
                numbers = System.Math.Max(numbers, plan.Passes.Single(p => p.Phase == phase).Reads().Where(v => v.Level == Level.Tensor).Distinct().Count());
        }
        return plan.TempSlots.Count + numbers;
    }
}
