namespace OptGen.Optimizers;

/// <summary>
/// AdEMAMix (Pagliardini et al. 2024), as <c>optax.contrib.ademamix</c>: Adam with a second, slow momentum
/// <c>m2</c> (decay <c>β3</c>, not bias-corrected) mixed into the numerator,
/// <c>w -= lr · ((m̂1 + α m2) / (sqrt(v̂ + ε_root) + ε) + λ w)</c>.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m1"), State("m2"), State("nu")]
[Update("""
    m1 = Beta1 * m1 + (1 - Beta1) * g
    m2 = Beta3 * m2 + (1 - Beta3) * g
    nu = Beta2 * nu + (1 - Beta2) * g * g
    w -= lr * ((m1 / (1 - Beta1^t) + Alpha * m2) / (sqrt(nu / (1 - Beta2^t) + EpsRoot) + Eps) + WeightDecay * w)
    """)]
public sealed partial class AdEMAMix
{
    /// <summary>Decay of the fast momentum (Optax <c>b1</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the second moment (Optax <c>b2</c>, default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Decay of the slow momentum (Optax <c>b3</c>, default 0.9999).</summary>
    [Hyperparameter(0.9999, Min = 0, Max = 1)] public partial float Beta3 { get; set; }

    /// <summary>Weight of the slow momentum in the mix (Optax <c>alpha</c>, default 5).</summary>
    [Hyperparameter(5.0, Min = 0)] public partial float Alpha { get; set; }

    /// <summary>Added to the denominator outside the square root (Optax <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Added to v̂ inside the square root (Optax <c>eps_root</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float EpsRoot { get; set; }

    /// <summary>Decoupled weight decay, added to the update before the learning rate (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
