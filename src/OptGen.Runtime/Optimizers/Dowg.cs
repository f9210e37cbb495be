namespace OptGen.Optimizers;

/// <summary>
/// DoWG, "distance over weighted gradients" (Khaled et al. 2023), as <c>optax.contrib.dowg</c>: a parameter-free
/// SGD. <c>r²</c> is the largest squared distance from the initial weights <c>x0</c> so far,
/// <c>S += r² ‖g‖²</c>, and <c>w -= lr · r² / (sqrt(S) + ε) · g</c>. Norms and both scalars are over all tensors of a
/// step (shared states, one value stored once). As in <see cref="Dog"/>, the decayed gradient is recomputed in the last
/// statement rather than carried between the two passes.
/// </summary>
[Optimizer(LearningRate = 1.0)]
[State("x0", InitFromWeights = true), State("rSq", Shared = true), State("weightedSum", Shared = true)]
[Update("""
    decayed = g + WeightDecay * w
    rSqInit = InitEstimSqDist < 0 ? Eps : InitEstimSqDist
    rSq = max(t == 1 ? rSqInit : rSq, global_sum((x0 - w) * (x0 - w)))
    weightedSum = weightedSum + rSq * global_sum(decayed * decayed)
    w -= lr * rSq / (sqrt(weightedSum) + Eps) * (g + WeightDecay * w)
    """)]
public sealed partial class Dowg
{
    /// <summary>
    /// Initial estimate of the squared distance (Optax <c>init_estim_sq_dist</c>). The default, -1 (any negative
    /// value), stands for Optax's <c>None</c>: <see cref="Eps"/>.
    /// </summary>
    [Hyperparameter(-1, Min = -1)] public partial float InitEstimSqDist { get; set; }

    /// <summary>Added to the denominator, and the initial squared distance by default (Optax <c>eps</c>, default 1e-4).</summary>
    [Hyperparameter(1e-4, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Weight decay added to the gradient before DoWG (Optax <c>weight_decay</c>; default 0, Optax's <c>None</c>).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
