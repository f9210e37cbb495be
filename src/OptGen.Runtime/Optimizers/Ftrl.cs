namespace OptGen.Optimizers;

/// <summary>
/// FTRL-Proximal (McMahan et al. 2013), as <c>keras.optimizers.Ftrl</c> (Keras 3): per element an accumulator of squared
/// gradients <c>n</c> (state <c>accumulator</c>, starting at <see cref="InitialAccumulatorValue"/>: the buffer holds it
/// from the first step on) and a linear term <c>z</c> (state <c>linear</c>); each step
/// <c>z += g' − (n_new^−p − n^−p) / lr · w</c> with <c>g' = g + 2 λ_shrink w</c>, and the weight is solved in closed form,
/// <c>w = (clip(z, −λ1, λ1) − z) / (n_new^−p / lr + 2 (λ2 + β / (2 lr)))</c> (zero wherever |z| ≤ λ1: sparse weights).
/// <c>p</c> is <see cref="LearningRatePower"/>. <see cref="WeightDecay"/> is Keras's base-optimizer decay, applied
/// first (<c>w −= w · λ · lr</c>).
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("accumulator"), State("linear")]
[Update("""
    w = w - w * WeightDecay * lr
    previous = t == 1 ? InitialAccumulatorValue : accumulator
    accumulator = previous + g * g
    root = accumulator ^ (-LearningRatePower)
    linear = linear + ((g + 2 * L2ShrinkageRegularizationStrength * w) - (root - previous ^ (-LearningRatePower)) / lr * w)
    quadratic = root / lr + 2 * (L2RegularizationStrength + Beta / (2 * lr))
    w = (clamp(linear, -L1RegularizationStrength, L1RegularizationStrength) - linear) / quadratic
    """)]
public sealed partial class Ftrl : IWeightDecay
{
    /// <summary>How the per-element rate falls as squared gradients accumulate, <c>lr · n^p</c> (Keras <c>learning_rate_power</c>, default −0.5; 0: a fixed rate).</summary>
    [Hyperparameter(-0.5, Max = 0)] public partial float LearningRatePower { get; set; }

    /// <summary>Starting value of the accumulator <c>n</c> (Keras <c>initial_accumulator_value</c>, default 0.1).</summary>
    [Hyperparameter(0.1, Min = 0)] public partial float InitialAccumulatorValue { get; set; }

    /// <summary>L1 strength: the weight is 0 wherever |z| is at most this (Keras <c>l1_regularization_strength</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float L1RegularizationStrength { get; set; }

    /// <summary>L2 strength of the FTRL objective, a stabilising penalty (Keras <c>l2_regularization_strength</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float L2RegularizationStrength { get; set; }

    /// <summary>L2 penalty on the weights' magnitude, added to the gradient as <c>2 λ w</c> (Keras <c>l2_shrinkage_regularization_strength</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float L2ShrinkageRegularizationStrength { get; set; }

    /// <summary>The paper's β, added to the L2 strength as <c>β / (2 lr)</c> (Keras <c>beta</c>, default 0).</summary>
    [Hyperparameter(0)] public partial float Beta { get; set; }
}
