namespace OptGen.Optimizers;

/// <summary>
/// COCOB-Backprop (Orabona and Tommasi 2017), as <c>optax.contrib.cocob</c>: coin-betting, parameter-free. Per
/// element, with <c>c = lr · (g + λ w)</c>: the scale <c>L = max(L, |c|)</c> (starting at ε), the sum of
/// <c>|c|</c>, the reward <c>R = max(R - c (w - x0), 0)</c> and the negated gradient sum <c>C</c>; the weights are
/// set to <c>x0 + C / (L · max(Σ|c| + L, α L)) · (L + R)</c>, where <c>x0</c> are the weights before the first step.
/// </summary>
[Optimizer(LearningRate = 1.0)]
[State("x0", InitFromWeights = true), State("cumulativeGradients"), State("scale"), State("subgradients"), State("reward")]
[Update("""
    c = lr * (g + WeightDecay * w)
    scale = max(t == 1 ? Eps : scale, abs(c))
    subgradients = subgradients + abs(c)
    reward = max(reward - c * (w - x0), 0)
    cumulativeGradients = cumulativeGradients - c
    w = x0 + cumulativeGradients / (scale * max(subgradients + scale, Alpha * scale)) * (scale + reward)
    """)]
public sealed partial class Cocob
{
    /// <summary>Bound on the bet as a multiple of the scale (Optax <c>alpha</c>, default 100).</summary>
    [Hyperparameter(100.0, Min = 0)] public partial float Alpha { get; set; }

    /// <summary>Initial scale (Optax <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Weight decay added to the gradient (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
