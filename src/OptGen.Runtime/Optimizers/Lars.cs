namespace OptGen.Optimizers;

/// <summary>
/// LARS (You et al.; Optax <c>lars</c>): weight decay, then a per-tensor trust ratio
/// <c>TrustCoefficient · ‖w‖ / (‖g‖ + ε)</c> (1 where a norm is 0), then momentum on the scaled update.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("b")]
[Update("""
    g = g + WeightDecay * w
    wNorm = norm(w)
    gNorm = norm(g)
    ratio = wNorm == 0 || gNorm == 0 ? 1 : TrustCoefficient * wNorm / (gNorm + Eps)
    g = lr * ratio * g
    b = g + Momentum * b
    w -= Nesterov ? g + Momentum * b : b
    """)]
public sealed partial class Lars
{
    /// <summary>Momentum factor (Optax <c>momentum</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0)] public partial float Momentum { get; set; }

    /// <summary>Use Nesterov momentum (Optax <c>nesterov</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Nesterov { get; set; }

    /// <summary>Weight decay added to the gradient (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Scale of the trust ratio (Optax <c>trust_coefficient</c>, default 0.001).</summary>
    [Hyperparameter(0.001, Min = 0)] public partial float TrustCoefficient { get; set; }

    /// <summary>Added to the gradient norm (Optax <c>eps</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float Eps { get; set; }
}
