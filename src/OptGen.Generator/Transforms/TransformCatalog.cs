using OptGen.Generator.Model;

namespace OptGen.Generator.Transforms;

/// <summary>
/// The one description of every transform attribute (<c>OptGen.Attributes/TransformAttributes.cs</c> declares them):
/// extraction recognises the attributes by <see cref="Transform.AttributeName"/>, <see cref="TransformExpander"/>
/// writes their settings, states and statements, the name checks reserve their members, and the emitters add the
/// members. The entries are in application order (<see cref="TransformKind"/>).
/// </summary>
internal static class TransformCatalog
{
    /// <summary>The guard [SkipNonFinite] assigns first: true abandons the step before anything is written.</summary>
    public const string SkipGuard = "__skip";

    /// <summary>The state buffer that accumulates micro-batch gradients ([AccumulateGradients]).</summary>
    public const string AccumulatorState = "__acc";

    /// <summary>The state buffer of the weight EMA ([WeightEma]), read back by <c>GetWeightEma</c>.</summary>
    public const string EmaState = "ema";

    /// <summary>The setting of [AccumulateGradients]: micro-batches per step, read by <c>Step</c>.</summary>
    public const string AccumulationSteps = "AccumulationSteps";

    /// <summary>The property that counts skipped steps ([SkipNonFinite]).</summary>
    public const string SkippedSteps = "SkippedSteps";

    /// <summary>The method that returns a tensor's weight EMA ([WeightEma]).</summary>
    public const string GetWeightEma = "GetWeightEma";

    private const double Unbounded = double.PositiveInfinity;

    /// <summary>Every transform, in the order it applies (indexed by <see cref="TransformKind"/>).</summary>
    public static readonly IReadOnlyList<Transform> All =
    [
        // NaN/Inf anywhere makes the sum NaN, so the guard is true and the step returns before writing.
        new(TransformKind.SkipNonFinite, before: [$"{SkipGuard} = global_sum(g * 0) != 0"], members: [SkippedSteps],
            microBatch: [$"{SkipGuard} = global_sum(g * 0) != 0"]),
        // The update runs on the mean of the micro-batch gradients; a micro-batch call only adds g to the accumulator.
        new(TransformKind.AccumulateGradients, new TransformSetting(AccumulationSteps, HyperparameterType.Int, 1, int.MaxValue, LowestDefault: 1),
            before: [$"g = ({AccumulatorState} + g) / {AccumulationSteps}", $"{AccumulatorState} = 0"], state: AccumulatorState,
            microBatch: [$"{AccumulatorState} = {AccumulatorState} + g"]),
        new(TransformKind.ClipGradientValue, new TransformSetting("GradientClipValue", HyperparameterType.Float, 0, Unbounded),
            before: ["g = clamp(g, -GradientClipValue, GradientClipValue)"]),
        // As PyTorch's clip_grad_norm_: one norm over every tensor of the step.
        new(TransformKind.ClipGradientNorm, new TransformSetting("MaxGradientNorm", HyperparameterType.Float, 0, Unbounded),
            before: ["g = g * min(1, MaxGradientNorm / (global_norm(g) + 1e-6))"]),
        new(TransformKind.L2Penalty, new TransformSetting("L2Penalty", HyperparameterType.Float, 0, Unbounded),
            before: ["g = g + L2Penalty * w"]),
        new(TransformKind.DecoupledWeightDecay, new TransformSetting("DecoupledWeightDecay", HyperparameterType.Float, 0, Unbounded),
            before: ["w = w * (1 - lr * DecoupledWeightDecay)"]),
        new(TransformKind.ClipWeights, new TransformSetting("WeightClipValue", HyperparameterType.Float, 0, Unbounded),
            after: ["w = clamp(w, -WeightClipValue, WeightClipValue)"]),
        // The average starts as the first updated w.
        new(TransformKind.WeightEma, new TransformSetting("EmaDecay", HyperparameterType.Float, 0, 1),
            after: [$"{EmaState} = t == 1 ? w : EmaDecay * {EmaState} + (1 - EmaDecay) * w"], state: EmaState, members: [GetWeightEma]),
    ];

    private static readonly Dictionary<string, Transform> s_byAttribute = ByAttribute();

    private static Dictionary<string, Transform> ByAttribute()
    {
        var table = new Dictionary<string, Transform>();
        foreach (Transform t in All)
            table[t.AttributeName] = t;
        return table;
    }

    public static Transform Get(TransformKind kind) => All[(int)kind];

    /// <summary>The transform whose attribute class (in namespace <c>OptGen</c>) has this simple name, or null.</summary>
    public static Transform? FromAttribute(string attributeName) => s_byAttribute.TryGetValue(attributeName, out Transform? t) ? t : null;
}
