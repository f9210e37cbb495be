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
public sealed partial class NAdam : IAdamMoments, IWeightDecay
{
    /// <summary>ψ of the momentum schedule (PyTorch <c>momentum_decay</c>, default 4e-3).</summary>
    [Hyperparameter(4e-3, Min = 0)] public partial float MomentumDecay { get; set; }

    /// <summary>
    /// Decouple the weight decay as in AdamW (PyTorch <c>decoupled_weight_decay</c>, default false):
    /// <c>w *= 1 - lr · WeightDecay</c> before the step, and the gradient and moments do not see it; otherwise the weight
    /// decay is an L2 penalty added to the gradient.
    /// </summary>
    [Hyperparameter(false)] public partial bool DecoupledWeightDecay { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
