namespace OptGen.Optimizers;

/// <summary>
/// Rectified Adam (Liu et al.), as <c>torch.optim.RAdam</c>: while the variance of the adaptive rate is
/// intractable (ρ_t ≤ 5) the step is plain bias-corrected momentum; afterwards it is rectified Adam.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v")]
[Update("""
    g = Maximize ? -g : g
    w = DecoupledWeightDecay ? w * (1 - lr * WeightDecay) : w
    g = DecoupledWeightDecay ? g : g + WeightDecay * w
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    rhoInf = 2 / (1 - Beta2) - 1
    rhoT = rhoInf - 2 * t * Beta2^t / (1 - Beta2^t)
    rect = rhoT > 5 ? sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0
    w -= lr / (1 - Beta1^t) * m * (rhoT > 5 ? rect * sqrt(1 - Beta2^t) / (sqrt(v) + Eps) : 1)
    """)]
public sealed partial class RAdam
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

    /// <summary>
    /// Decouple the weight decay as in AdamW (PyTorch <c>decoupled_weight_decay</c>, default false):
    /// <c>w *= 1 - lr · WeightDecay</c> before the step, and the gradient and moments do not see it.
    /// </summary>
    [Hyperparameter(false)] public partial bool DecoupledWeightDecay { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
