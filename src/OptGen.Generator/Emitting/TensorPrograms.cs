using OptGen.Generator.Binding;
using OptGen.Generator.Model;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Which phases run as a program per tensor (<c>Kernels.RunTensorPrograms</c>: short tensors side by side on several
/// cores, each whole on one thread): a phase with a loop that <see cref="TensorsTogether"/> does not take, whose tensors
/// do not depend on each other — no reduction over all tensors (its accumulator would be shared) — in every shape
/// class. LAMB, LARS, NovoGrad, Fromage and cautious AdamW are such (a pass, per-tensor scalars from its norms or mean,
/// a second pass), MARS (its rank-1 rule and the other a class each), Adafactor, SM3 and AdamP (axis passes, their
/// per-row and per-column values between) and Muon (a pass, <c>newton_schulz</c>, a pass). The phase's per-tensor code
/// is written as it is in the tensor loop, in a method of the optimizer (<see cref="MethodName"/>) that a small struct
/// (<see cref="TypeName"/>) holding the phase's per-step values and kernels calls for each tensor.
/// </summary>
internal static class TensorPrograms
{
    /// <summary>Whether phase <paramref name="phase"/> runs as a program per tensor, given the plan of each shape class.</summary>
    public static bool Applies(IReadOnlyList<Plan> classes, int phase) =>
        !TensorsTogether.Applies(classes[0], phase, singleClass: classes.Count == 1)
        && classes.Any(plan => plan.Passes.Any(p => p.Phase == phase && p.HasLoop))
        && classes.All(plan => Independent(plan, phase));

    // The class's tensors do not depend on each other in this phase, and its per-tensor code can move into a method.
    // Per-row, per-column and per-matrix values are the tensor's own (its axis arrays, its factored state), and an axis
    // pass or a matrix built-in kept on one thread uses that thread's buffers, which the driver grows before the run.
    private static bool Independent(Plan plan, int phase)
    {
        List<PassPlan> passes = plan.Passes.Where(p => p.Phase == phase).ToList();
        var indexes = new HashSet<int>(passes.Select(p => p.Index));
        bool independent = passes.All(p => !p.Reductions.Any(r => r.IsGlobal));
        // A per-tensor definition that returns from Run (the guard of [SkipNonFinite]) cannot move into a method of its own.
        return independent && plan.Scalars.Where(s => indexes.Contains(s.Pass) && s.Result.Level >= Level.Tensor)
            .All(s => s.Result.Level is Level.Tensor or Level.Axis && s.Expr is not BReduce { IsGlobal: true }
                && s.Result.Name != Transforms.TransformCatalog.SkipGuard);
    }

    /// <summary>
    /// Whether phase <paramref name="phase"/> of some class keeps buffers per thread: a pass that sees rows and columns
    /// (its column partials) or a matrix built-in (its workspace and the GEMM's packing).
    /// </summary>
    public static bool KeepsThreadBuffers(IEnumerable<ClassCode> classes, int phase) =>
        classes.Any(c => c.Models.Values.Any(m => m.Pass.Phase == phase && m.UsesAxes)
            || c.Plan.Passes.Any(p => p.Phase == phase && p.MatrixOps.Count > 0));

    /// <summary>The struct that holds phase <paramref name="phase"/>'s per-step values and kernels: <c>__Phase1</c>, <c>__Phase0_Nesterov</c>, ...</summary>
    public static string TypeName(int phase, string suffix) =>
        GeneratedMembers.PhaseProgramPrefix + phase.ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix;

    /// <summary>The optimizer's method that runs the phase over one tensor: <c>__Phase1Tensor</c>, ...</summary>
    public static string MethodName(int phase, string suffix) => TypeName(phase, suffix) + "Tensor";
}
