namespace OptGen.Optimizers;

/// <summary>
/// AdaBelief (Zhuang et al.; Optax <c>adabelief</c>): Adam whose second moment tracks the "belief"
/// <c>(g - m)²</c> (with the new m) plus <c>EpsRoot</c>; decoupled weight decay as in the authors' code.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("s")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    s = Beta2 * s + (1 - Beta2) * (g - m)^2 + EpsRoot
    w = w * (1 - lr * WeightDecay)
    w -= lr / (1 - Beta1^t) * m / (sqrt(s / (1 - Beta2^t)) + Eps)
    """)]
public sealed partial class AdaBelief
{
    /// <summary>Decay of the first moment (default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the belief (default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the denominator (Optax <c>eps</c>, default 1e-16).</summary>
    [Hyperparameter(1e-16, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Added to the belief each step (Optax <c>eps_root</c>, default 1e-16).</summary>
    [Hyperparameter(1e-16, Min = 0)] public partial float EpsRoot { get; set; }

    /// <summary>Decoupled weight decay (default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
