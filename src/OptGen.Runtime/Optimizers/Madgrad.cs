namespace OptGen.Optimizers;

/// <summary>
/// MADGRAD (Defazio and Jelassi 2021), as timm <c>madgrad</c>: dual averaging with a cube-root adaptive scale.
/// With <c>λ_t = (lr + ε) sqrt(t)</c>, <c>sumSq += λ_t g²</c> and <c>s += λ_t g</c>, the dual point is
/// <c>z = x0 - s / (cbrt(sumSq) + ε)</c>, and the weights are the momentum average <c>w = μ w + (1 - μ) z</c>
/// (<c>w = z</c> when <see cref="Momentum"/> is 0). <c>x0</c>, the weights before the first step, is kept as state;
/// with momentum 0 timm instead recovers it from the current weights each step, and so do we.
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("sumSq"), State("s"), State("x0", InitFromWeights = true)]
[Update("""
    w = DecoupledDecay ? w * (1 - lr * WeightDecay) : w
    g = DecoupledDecay ? g : g + WeightDecay * w
    origin = Momentum == 0 ? w + s / (sumSq^(1 / 3) + Eps) : x0
    lambda = (lr + Eps) * sqrt(t)
    sumSq = sumSq + lambda * g * g
    s = s + lambda * g
    z = origin - s / (sumSq^(1 / 3) + Eps)
    w = Momentum == 0 ? z : w * Momentum + z * (1 - Momentum)
    """)]
public sealed partial class Madgrad
{
    /// <summary>Momentum of the weight average (timm <c>momentum</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Momentum { get; set; }

    /// <summary>
    /// Weight decay (timm <c>weight_decay</c>, default 0): an L2 penalty added to the gradient, or with
    /// <see cref="DecoupledDecay"/> a decay of the weights.
    /// </summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Added to the cube root of <c>sumSq</c>, and to the learning rate in <c>λ_t</c> (timm <c>eps</c>, default 1e-6).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Decouple the weight decay, <c>w *= 1 - lr · λ</c> before the step (timm <c>decoupled_decay</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool DecoupledDecay { get; set; }
}
