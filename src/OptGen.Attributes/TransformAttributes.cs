using System;

namespace OptGen;

// Transforms bolt standard pieces onto any [Optimizer]. The generator inlines each into the optimizer's own
// loop, in this fixed order, whatever the order of the attributes:
//   1. SkipNonFinite       a step whose gradients hold NaN/Inf changes nothing (decided before anything is written)
//   2. AccumulateGradients g = mean of the last k micro-batch gradients; the update runs every k-th call
//   3. ClipGradientValue   g = clamp(g, -c, c)
//   4. ClipGradientNorm    g = g * min(1, c / global_norm(g))   (over all tensors of the step)
//   5. L2Penalty           g = g + λ w                          (coupled)
//   6. DecoupledWeightDecay w = w * (1 - lr λ)
//   7. the [Update] statements
//   8. ClipWeights         w = clamp(w, -c, c)
//   9. WeightEma           ema = decay ema + (1 - decay) w      (ema starts as the first updated w)
// Each transform with a setting adds a validated hyperparameter property to the class (named below). The generator
// describes each transform once, in src/OptGen.Generator/Transforms/TransformCatalog.cs.

/// <summary>Clips each gradient element to [-GradientClipValue, GradientClipValue] before the update.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ClipGradientValueAttribute(double defaultValue = 1.0) : Attribute
{
    /// <summary>Default of the generated <c>GradientClipValue</c> property.</summary>
    public double Default { get; } = defaultValue;
}

/// <summary>
/// Scales all gradients of a step by <c>min(1, MaxGradientNorm / (global_norm(g) + 1e-6))</c>, as PyTorch's
/// <c>clip_grad_norm_</c> over every tensor passed to one <c>Step</c>. Needs one extra read pass (a global reduction).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ClipGradientNormAttribute(double defaultValue = 1.0) : Attribute
{
    /// <summary>Default of the generated <c>MaxGradientNorm</c> property.</summary>
    public double Default { get; } = defaultValue;
}

/// <summary>Adds the coupled L2 penalty gradient <c>L2Penalty · w</c> to the gradient (loss + λ/2 ‖w‖²).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class L2PenaltyAttribute(double defaultValue = 1e-4) : Attribute
{
    /// <summary>Default of the generated <c>L2Penalty</c> property.</summary>
    public double Default { get; } = defaultValue;
}

/// <summary>Shrinks the weights by <c>1 - lr · DecoupledWeightDecay</c> before the update (AdamW-style).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DecoupledWeightDecayAttribute(double defaultValue = 1e-2) : Attribute
{
    /// <summary>Default of the generated <c>DecoupledWeightDecay</c> property.</summary>
    public double Default { get; } = defaultValue;
}

/// <summary>Clips each weight to [-WeightClipValue, WeightClipValue] after the update.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ClipWeightsAttribute(double defaultValue = 1.0) : Attribute
{
    /// <summary>Default of the generated <c>WeightClipValue</c> property.</summary>
    public double Default { get; } = defaultValue;
}

/// <summary>
/// Makes a step whose gradients hold NaN or ±Inf change nothing: no weight, no state, no step count. The generated
/// <c>SkippedSteps</c> property counts such steps. Needs one extra read pass over the gradients.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SkipNonFiniteAttribute : Attribute
{
}

/// <summary>
/// Accumulates gradients over <c>AccumulationSteps</c> calls of <c>Step</c> (micro-batches) and updates with their
/// mean on the last one; only real updates count as steps (for <c>t</c>, <c>StepCount</c> and schedules).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AccumulateGradientsAttribute(int defaultSteps = 1) : Attribute
{
    /// <summary>Default of the generated <c>AccumulationSteps</c> property.</summary>
    public int Default { get; } = defaultSteps;
}

/// <summary>
/// Keeps an exponential moving average of the weights, updated in the same loop after each step, in the state
/// buffer <c>ema</c>; the generated <c>GetWeightEma(tensorIndex)</c> returns it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WeightEmaAttribute(double defaultDecay = 0.999) : Attribute
{
    /// <summary>Default of the generated <c>EmaDecay</c> property.</summary>
    public double Default { get; } = defaultDecay;
}
