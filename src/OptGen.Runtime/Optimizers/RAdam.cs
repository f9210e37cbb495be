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
public sealed partial class RAdam : IAdamMoments, IWeightDecay
{
    /// <summary>
    /// Decouple the weight decay as in AdamW (PyTorch <c>decoupled_weight_decay</c>, default false):
    /// <c>w *= 1 - lr · WeightDecay</c> before the step, and the gradient and moments do not see it; otherwise the weight
    /// decay is an L2 penalty added to the gradient.
    /// </summary>
    [Hyperparameter(false)] public partial bool DecoupledWeightDecay { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
