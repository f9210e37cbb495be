namespace OptGen.Optimizers;

/// <summary>
/// D-Adaptation AdamW (Defazio and Mishchenko 2023), as <c>optax.contrib.dadapt_adamw</c>: AdamW whose base rate
/// <c>d</c> is estimated from the distance to the solution (in the infinity norm) and only grows; <c>lr</c> is a
/// multiplier of it, 1 by default (a schedule that treats 1 as its peak). Each step, with the previous <c>d</c>:
/// <c>dlr = d · lr · sqrt(1 - β2^t) / (1 - β1^t)</c>; <c>acc = Σ g · s / (sqrt(v) + ε)</c> over every tensor, with
/// <c>s</c> and <c>v</c> before this step; <c>m = β1 m + (1 - β1) dlr g</c>; <c>v = β2 v + (1 - β2) g²</c>;
/// <c>s = √β2 s + (1 - √β2) dlr g</c>; <c>num = √β2 num + (1 - √β2) dlr acc</c>;
/// <c>d = max(d, num / ((1 - √β2) Σ|s|))</c>; and <c>w -= λ dlr w + m / (sqrt(v) + ε)</c> (the moment already
/// carries the rate). <c>d</c> and <c>num</c> are shared by all tensors of a step.
/// </summary>
[Optimizer(LearningRate = 1.0)]
[State("m"), State("v"), State("s"), State("d", Shared = true), State("num", Shared = true)]
[Update("""
    dPrev = t == 1 ? EstimLr0 : d
    root = sqrt(Beta2)
    dlr = dPrev * lr * sqrt(1 - Beta2^t) / (1 - Beta1^t)
    acc = global_sum(g * s / (sqrt(v) + Eps))
    m = Beta1 * m + (1 - Beta1) * dlr * g
    v = Beta2 * v + (1 - Beta2) * g * g
    s = root * s + (1 - root) * dlr * g
    num = root * num + (1 - root) * dlr * acc
    d = max(dPrev, num / ((1 - root) * global_sum(abs(s))))
    w = w + (-WeightDecay * dlr * w - m / (sqrt(v) + Eps))
    """)]
public sealed partial class DAdaptAdamW
{
    /// <summary>Decay of the first moment (Optax <c>betas[0]</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the second moment; its square root decays <c>s</c> and the numerator (Optax <c>betas[1]</c>, default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the denominator (Optax <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Initial (under-)estimate of the rate <c>d</c> (Optax <c>estim_lr0</c>, default 1e-6).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float EstimLr0 { get; set; }

    /// <summary>Decoupled weight decay, scaled by the step's <c>dlr</c> (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
