namespace OptGen.Optimizers;

/// <summary>
/// Prodigy (Mishchenko and Defazio 2023), as <c>optax.contrib.prodigy</c>: Adam whose step size <c>d</c> is
/// estimated from the distance travelled from the initial weights <c>x0</c>, and only grows. Each step, with the
/// previous <c>d</c>: <c>dlr = d · lr · sqrt(1 - β2^t) / (1 - β1^t)</c>; the moments average <c>d g</c>;
/// <c>s = β3 s + dlr · d g / d0</c>; <c>num = β3 num + d / d0 · dlr · Σ g·(x0 - w)</c>; then
/// <c>d = max(d, coef · num / Σ|s|)</c> and <c>w -= λ dlr w + dlr m / (sqrt(v) + d ε)</c> with the new <c>d</c>.
/// <c>d</c> and <c>num</c> are one value for all tensors of a step (their sums run over every tensor), shared states
/// stored once. Both sums are taken in the same pass as the moments, so a step makes two passes over memory.
/// </summary>
[Optimizer(LearningRate = 1.0)]
[State("m"), State("v"), State("s"), State("x0", InitFromWeights = true), State("d", Shared = true), State("num", Shared = true)]
[Update("""
    dPrev = t == 1 ? EstimLr0 : d
    beta3 = Beta3 < 0 ? sqrt(Beta2) : Beta3
    dlr = dPrev * lr * sqrt(1 - Beta2^t) / (1 - Beta1^t)
    dg = dPrev * g
    m = Beta1 * m + (1 - Beta1) * dg
    v = Beta2 * v + (1 - Beta2) * dg * dg
    s = beta3 * s + (SafeguardWarmup ? dPrev : dlr) * dg / EstimLr0
    progress = global_sum(g * (x0 - w))
    num = beta3 * num + dPrev / EstimLr0 * dlr * progress
    d = max(dPrev, EstimLrCoef * num / global_sum(abs(s)))
    w = w + (-WeightDecay * dlr * w - dlr * m / (sqrt(v) + d * Eps))
    """)]
public sealed partial class Prodigy
{
    /// <summary>Decay of the first moment (Optax <c>betas[0]</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the second moment (Optax <c>betas[1]</c>, default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>
    /// Decay of <c>s</c> and of the distance numerator (Optax <c>beta3</c>). The default, -1 (any negative value),
    /// stands for Optax's <c>None</c>: <c>sqrt(Beta2)</c>.
    /// </summary>
    [Hyperparameter(-1, Min = -1, Max = 1)] public partial float Beta3 { get; set; }

    /// <summary>Added to the denominator, scaled by <c>d</c> (Optax <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Initial step-size estimate <c>d0</c> (Optax <c>estim_lr0</c>, default 1e-6).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float EstimLr0 { get; set; }

    /// <summary>Multiplier of the step-size estimate (Optax <c>estim_lr_coef</c>, default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial float EstimLrCoef { get; set; }

    /// <summary>Decoupled weight decay, scaled by the step's <c>dlr</c> (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>
    /// Leave the learning rate and bias correction out of <c>s</c>, which keeps <c>d</c> from growing too fast
    /// during a warm-up (Optax <c>safeguard_warmup</c>, default false).
    /// </summary>
    [Hyperparameter(false)] public partial bool SafeguardWarmup { get; set; }
}
