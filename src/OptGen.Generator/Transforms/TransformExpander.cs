using OptGen.Generator.Model;

namespace OptGen.Generator.Transforms;

/// <summary>
/// Expands transform attributes into ordinary formula statements around the user's [Update] (before it: gradient
/// transforms; after it: weight transforms), plus the hyperparameters and states they need, all as the
/// <see cref="TransformCatalog"/> describes them. The planner then fuses them with the update like any other
/// statement, so a transform costs an extra pass only when it reduces.
/// </summary>
internal static class TransformExpander
{
    /// <summary>
    /// The class with its transforms expanded, and the formula of a micro-batch call of <c>Step</c> (null without
    /// [AccumulateGradients]).
    /// </summary>
    public sealed record Expansion(ClassSpec Spec, FormulaText? AccumulateFormula);

    public static Expansion Expand(ClassSpec spec)
    {
        if (spec.Transforms.Count == 0)
            return new Expansion(spec, null);
        var hyperparameters = new List<HyperparameterSpec>(spec.Hyperparameters);
        var states = new List<StateSpec>(spec.States);
        var before = new List<string>();
        var after = new List<string>();
        var microBatch = new List<string>();
        foreach (Transform transform in TransformCatalog.All)
        {
            TransformSpec? applied = spec.Transforms.FirstOrDefault(t => t.Kind == transform.Kind);
            if (applied is null)
                continue;
            if (transform.Setting is { } setting)
            {
                double value = System.Math.Max(setting.LowestDefault, applied.Default);
                hyperparameters.Add(new HyperparameterSpec(setting.Name, setting.Type, "public ", value, setting.Min, setting.Max, spec.Location, Synthesized: true));
            }
            if (transform.State is { } state)
                states.Add(new StateSpec(state, 0, false, spec.Location));
            before.AddRange(transform.Before);
            after.AddRange(transform.After);
            microBatch.AddRange(transform.MicroBatch);
        }

        var formulas = new List<FormulaText>();
        if (before.Count > 0)
            formulas.Add(Synthesized(before, spec));
        formulas.AddRange(spec.Formulas);
        if (after.Count > 0)
            formulas.Add(Synthesized(after, spec));
        ClassSpec expanded = spec with
        {
            Hyperparameters = hyperparameters.ToEquatableArray(),
            States = states.ToEquatableArray(),
            Formulas = formulas.ToEquatableArray(),
        };
        bool accumulates = spec.Transforms.Any(t => t.Kind == TransformKind.AccumulateGradients);
        return new Expansion(expanded, accumulates ? Synthesized(microBatch, spec) : null);
    }

    // Statements we wrote ourselves: any diagnostic in them points at the class.
    private static FormulaText Synthesized(List<string> statements, ClassSpec spec) =>
        new(string.Join("\n", statements), spec.Location, EquatableArray<PositionSegment>.Empty);
}
