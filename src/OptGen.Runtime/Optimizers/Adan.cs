namespace OptGen.Optimizers;

/// <summary>
/// Adan (Xie et al. 2022), as <c>optax.adan</c>: Nesterov momentum estimated from gradient differences. With
/// <c>d = g - gPrev</c> (0 on the first step), <c>m</c> averages <c>g</c>, <c>v</c> averages <c>d</c>, <c>nu</c>
/// averages <c>(g + (1 - β2) d)²</c>, all three bias-corrected; the step is
/// <c>(m̂ + (1 - β2) v̂) / (sqrt(ν̂ + ε_root) + ε)</c>, then decoupled weight decay, then the learning rate.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v"), State("nu"), State("gPrev")]
[Update("""
    d = t == 1 ? 0 : g - gPrev
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * d
    sq = g + (1 - Beta2) * d
    nu = Beta3 * nu + (1 - Beta3) * sq * sq
    gPrev = g
    u = (m / (1 - Beta1^t) + (1 - Beta2) * (v / (1 - Beta2^t))) / (sqrt(nu / (1 - Beta3^t) + EpsRoot) + Eps)
    w -= lr * (u + WeightDecay * w)
    """)]
public sealed partial class Adan
{
    /// <summary>Decay of the gradient average (Optax <c>b1</c>, default 0.98).</summary>
    [Hyperparameter(0.98, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the gradient-difference average (Optax <c>b2</c>, default 0.92).</summary>
    [Hyperparameter(0.92, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Decay of the second moment (Optax <c>b3</c>, default 0.99).</summary>
    [Hyperparameter(0.99, Min = 0, Max = 1)] public partial float Beta3 { get; set; }

    /// <summary>Added to the denominator outside the square root (Optax <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Added to ν̂ inside the square root (Optax <c>eps_root</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float EpsRoot { get; set; }

    /// <summary>Decoupled weight decay, added to the update before the learning rate (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
