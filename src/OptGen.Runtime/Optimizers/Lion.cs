namespace OptGen.Optimizers;

/// <summary>
/// Lion (Chen et al., "Symbolic Discovery of Optimization Algorithms"; Optax <c>lion</c>): the update is the
/// sign of an interpolation of momentum and gradient, with decoupled weight decay; the momentum is updated
/// afterwards with its own decay β2.
/// </summary>
[Optimizer(LearningRate = 1e-4)]
[State("m")]
[Update("""
    w -= lr * (sign(Beta1 * m + (1 - Beta1) * g) + WeightDecay * w)
    m = Beta2 * m + (1 - Beta2) * g
    """)]
public sealed partial class Lion
{
    /// <summary>Interpolation factor of the update (paper β1, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the momentum (paper β2, default 0.99).</summary>
    [Hyperparameter(0.99, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Decoupled weight decay λ (default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
