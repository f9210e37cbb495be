namespace OptGen.Optimizers;

/// <summary>
/// Yogi (Zaheer et al.; Optax <c>yogi</c>): the second moment moves additively,
/// <c>v -= (1 - β2) · sign(v - g²) · g²</c>; moments start at 1e-6 and there is no bias correction (as Optax).
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("m", Init = 1e-6), State("v", Init = 1e-6)]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = v - (1 - Beta2) * sign(v - g * g) * g * g
    w -= lr * m / (sqrt(v) + Eps)
    """)]
public sealed partial class Yogi
{
    /// <summary>Decay of the first moment (default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Rate of the second moment (default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the denominator (Optax <c>eps</c>, default 1e-3).</summary>
    [Hyperparameter(1e-3, Min = 0)] public partial float Eps { get; set; }
}
