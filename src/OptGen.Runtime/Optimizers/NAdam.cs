namespace OptGen.Optimizers;

/// <summary>
/// NAdam (Dozat), as <c>torch.optim.NAdam</c>: Nesterov momentum in Adam with the momentum schedule
/// <c>μ_t = β1 (1 - 0.5 · 0.96^(t ψ))</c>; the running product of the μ's is a per-tensor scalar state.
/// </summary>
[Optimizer(LearningRate = 2e-3)]
[State("m"), State("v"), State("muProduct", Scalar = true, Init = 1)]
[Update("""
    g = Maximize ? -g : g
    w = DecoupledWeightDecay ? w * (1 - lr * WeightDecay) : w
    g = DecoupledWeightDecay ? g : g + WeightDecay * w
    mu = Beta1 * (1 - 0.5 * 0.96^(t * MomentumDecay))
    muNext = Beta1 * (1 - 0.5 * 0.96^((t + 1) * MomentumDecay))
    muProduct = muProduct * mu
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    denom = sqrt(v / (1 - Beta2^t)) + Eps
    w -= lr * (1 - mu) / (1 - muProduct) * g / denom + lr * muNext / (1 - muProduct * muNext) * m / denom
    """)]
public sealed partial class NAdam
{
    /// <summary>Decay of the first moment (PyTorch <c>betas[0]</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the second moment (PyTorch <c>betas[1]</c>, default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the denominator for stability (PyTorch <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>
    /// Weight decay (PyTorch <c>weight_decay</c>, default 0): an L2 penalty added to the gradient, or with
    /// <see cref="DecoupledWeightDecay"/> a decay of the weights.
    /// </summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>ψ of the momentum schedule (PyTorch <c>momentum_decay</c>, default 4e-3).</summary>
    [Hyperparameter(4e-3, Min = 0)] public partial float MomentumDecay { get; set; }

    /// <summary>
    /// Decouple the weight decay as in AdamW (PyTorch <c>decoupled_weight_decay</c>, default false):
    /// <c>w *= 1 - lr · WeightDecay</c> before the step, and the gradient and moments do not see it.
    /// </summary>
    [Hyperparameter(false)] public partial bool DecoupledWeightDecay { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
