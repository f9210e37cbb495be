using System.Collections.Generic;
using System.Linq;
using OptGen.Generator.Model;

namespace OptGen.Generator.Compiling;

/// <summary>
/// Expands transform attributes into ordinary formula statements around the user's [Update] (before it: gradient
/// transforms; after it: weight transforms), plus the hyperparameters and states they need. The planner then fuses
/// them with the update like any other statement, so a transform costs an extra pass only when it reduces.
/// </summary>
internal static class TransformExpander
{
    /// <summary>The guard a transform assigns: true abandons the step before anything is written.</summary>
    public const string SkipGuard = "__skip";

    /// <summary>The state buffer that accumulates micro-batch gradients.</summary>
    public const string AccumulatorState = "__acc";

    /// <summary>The state buffer of the weight EMA.</summary>
    public const string EmaState = "ema";

    public sealed record Expansion(ClassSpec Spec, FormulaText? AccumulateFormula);

    public static Expansion Expand(ClassSpec spec)
    {
        if (spec.Transforms.Count == 0)
            return new Expansion(spec, null);
        var kinds = new HashSet<string>(spec.Transforms.Select(t => t.Kind));
        double Setting(string kind) => spec.Transforms.First(t => t.Kind == kind).Default;
        var hyperparameters = new List<HyperparameterSpec>(spec.Hyperparameters);
        var states = new List<StateSpec>(spec.States);
        var before = new List<string>();
        var after = new List<string>();
        string? accumulate = null;

        void Hyper(string name, HyperparameterType type, double value, double min, double max) =>
            hyperparameters.Add(new HyperparameterSpec(name, type, "public ", value, min, max, spec.Location, Synthesized: true));

        if (kinds.Contains("SkipNonFinite"))
            before.Add($"{SkipGuard} = global_sum(g * 0) != 0"); // NaN/Inf anywhere makes the sum NaN
        if (kinds.Contains("AccumulateGradients"))
        {
            Hyper("AccumulationSteps", HyperparameterType.Int, System.Math.Max(1, Setting("AccumulateGradients")), 1, int.MaxValue);
            states.Add(new StateSpec(AccumulatorState, 0, false, spec.Location));
            before.Add($"g = ({AccumulatorState} + g) / AccumulationSteps");
            before.Add($"{AccumulatorState} = 0");
            accumulate = (kinds.Contains("SkipNonFinite") ? before[0] + "\n" : "") + $"{AccumulatorState} = {AccumulatorState} + g";
        }
        if (kinds.Contains("ClipGradientValue"))
        {
            Hyper("GradientClipValue", HyperparameterType.Float, Setting("ClipGradientValue"), 0, double.PositiveInfinity);
            before.Add("g = clamp(g, -GradientClipValue, GradientClipValue)");
        }
        if (kinds.Contains("ClipGradientNorm"))
        {
            Hyper("MaxGradientNorm", HyperparameterType.Float, Setting("ClipGradientNorm"), 0, double.PositiveInfinity);
            before.Add("g = g * min(1, MaxGradientNorm / (global_norm(g) + 1e-6))");
        }
        if (kinds.Contains("L2Penalty"))
        {
            Hyper("L2Penalty", HyperparameterType.Float, Setting("L2Penalty"), 0, double.PositiveInfinity);
            before.Add("g = g + L2Penalty * w");
        }
        if (kinds.Contains("DecoupledWeightDecay"))
        {
            Hyper("DecoupledWeightDecay", HyperparameterType.Float, Setting("DecoupledWeightDecay"), 0, double.PositiveInfinity);
            before.Add("w = w * (1 - lr * DecoupledWeightDecay)");
        }
        if (kinds.Contains("ClipWeights"))
        {
            Hyper("WeightClipValue", HyperparameterType.Float, Setting("ClipWeights"), 0, double.PositiveInfinity);
            after.Add("w = clamp(w, -WeightClipValue, WeightClipValue)");
        }
        if (kinds.Contains("WeightEma"))
        {
            Hyper("EmaDecay", HyperparameterType.Float, Setting("WeightEma"), 0, 1);
            states.Add(new StateSpec(EmaState, 0, false, spec.Location));
            after.Add($"{EmaState} = t == 1 ? w : EmaDecay * {EmaState} + (1 - EmaDecay) * w");
        }

        var formulas = new List<FormulaText>();
        if (before.Count > 0)
            formulas.Add(Synthesized(string.Join("\n", before), spec));
        formulas.AddRange(spec.Formulas);
        if (after.Count > 0)
            formulas.Add(Synthesized(string.Join("\n", after), spec));
        ClassSpec expanded = spec with
        {
            Hyperparameters = hyperparameters.ToEquatableArray(),
            States = states.ToEquatableArray(),
            Formulas = formulas.ToEquatableArray(),
        };
        return new Expansion(expanded, accumulate is null ? null : Synthesized(accumulate, spec));
    }

    // Statements we wrote ourselves: any diagnostic in them points at the class.
    private static FormulaText Synthesized(string text, ClassSpec spec) => new(text, spec.Location, EquatableArray<PositionSegment>.Empty);
}
