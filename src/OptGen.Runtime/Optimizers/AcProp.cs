namespace OptGen.Optimizers;

/// <summary>
/// ACProp (Zhuang et al. 2021), as <c>optax.contrib.acprop</c>: AdaBelief's centred second moment used
/// asynchronously. The step divides the raw gradient by the belief of the steps before, bias-corrected for them,
/// <c>g / (sqrt(s_{t-1} / (1 - β2^(t-1))) + ε)</c> (by <c>1 + ε</c> on the first step, as Optax's <c>nu_hat = 1</c>); then
/// the belief takes in the prediction error against the previous mean, <c>s = β2 s + (1 - β2)(g - m_{t-1})² + ε_root</c>,
/// and the mean moves, <c>m = β1 m + (1 - β1) g</c>. The mean is used for nothing else. Weight decay is added to the
/// step, both scaled by the rate (Optax's <c>add_decayed_weights</c> before the rate).
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("s")]
[Update("""
    denominator = t == 1 ? 1 + Eps : sqrt(s / (1 - Beta2^(t - 1))) + Eps
    s = Beta2 * s + (1 - Beta2) * (g - m)^2 + EpsRoot
    m = Beta1 * m + (1 - Beta1) * g
    w -= lr * (g / denominator + WeightDecay * w)
    """)]
public sealed partial class AcProp
{
    /// <summary>Decay of the mean the prediction error is measured against (Optax <c>b1</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the belief, the second moment of the prediction error (Optax <c>b2</c>, default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the denominator (Optax <c>eps</c>, default 1e-16).</summary>
    [Hyperparameter(1e-16, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Added to the belief each step (Optax <c>eps_root</c>, default 1e-16).</summary>
    [Hyperparameter(1e-16, Min = 0)] public partial float EpsRoot { get; set; }

    /// <summary>Weight decay added to the step before the rate scales it (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
