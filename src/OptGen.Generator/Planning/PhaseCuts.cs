using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>
/// How the shape classes of an update cut a step into phases alike. The runtime runs a step phase by phase over all
/// tensors, each with its class's plan, and combines the global reductions between phases: every class must accumulate
/// each global reduction in the same phase and have as many phases. A class's own plan may group them differently —
/// a per-row value one side of a shape branch computes can make a global reduction wait for a pass of its own where
/// the other side's plan accumulates it with the one before — so each class is planned again with the cuts that any
/// class makes (<see cref="Align"/>).
/// </summary>
internal sealed class PhaseCuts
{
    public static readonly PhaseCuts None = new(new HashSet<string>(), 0);

    private readonly HashSet<string> _starts;

    private PhaseCuts(HashSet<string> starts, int phaseCount)
    {
        _starts = starts;
        PhaseCount = phaseCount;
    }

    /// <summary>The least phase count a plan has: a class with no work after its last global reduction still has the phase.</summary>
    public int PhaseCount { get; }

    /// <summary>Whether global reduction <paramref name="name"/> must not join the pass of the global reduction before it.</summary>
    public bool StartsPhase(string name) => _starts.Contains(name);

    /// <summary>
    /// One plan per class (each class's statements, as <see cref="VariantSpecializer"/> leaves them), all cutting phases
    /// alike where they have the same global reductions; where they do not (a global reduction inside a shape branch)
    /// the plans are returned as they are, for the caller to refuse.
    /// </summary>
    public static Plan[] Align(IReadOnlyList<IReadOnlyList<BStatement>> classes, System.Threading.CancellationToken cancellationToken)
    {
        PhaseCuts cuts = None;
        while (true)
        {
            var plans = new Plan[classes.Count];
            for (int c = 0; c < plans.Length; c++)
                plans[c] = Planner.Build(classes[c], cancellationToken, cuts);
            if (plans.Length == 1 || plans.Any(p => !Globals(p).SequenceEqual(Globals(plans[0]))))
                return plans;
            // Each round's plans keep the cuts they were given and may add their own: the union only grows, and is at
            // most every global reduction, so this ends; when no plan adds one, all cut alike.
            var union = new HashSet<string>(plans.SelectMany(Starts));
            int phaseCount = plans.Max(p => p.PhaseCount);
            if (plans.All(p => p.PhaseCount == phaseCount && new HashSet<string>(Starts(p)).SetEquals(union)))
                return plans;
            cuts = new PhaseCuts(union, phaseCount);
        }
    }

    // A plan's global reductions in order, by name and kind.
    private static IEnumerable<(string Name, ReductionKind Kind)> Globals(Plan plan) =>
        plan.Reductions.Where(r => r.IsGlobal).Select(r => (r.Result.Name, r.Kind));

    // The global reductions of a plan that are not accumulated by the pass of the one before them.
    private static IEnumerable<string> Starts(Plan plan)
    {
        int previousPass = -1;
        foreach (ReduceDef r in plan.Reductions.Where(r => r.IsGlobal))
        {
            if (previousPass >= 0 && r.Pass != previousPass)
                yield return r.Result.Name;
            previousPass = r.Pass;
        }
    }
}
