namespace OptGen.Optimizers;

/// <summary>
/// AdamW (Loshchilov and Hutter), as <c>torch.optim.AdamW</c>: Adam with decoupled weight decay, applied to the
/// weights before the Adam step as <c>w *= 1 - lr · weight_decay</c>.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v"), State("vmax")]
[Update("""
    g = Maximize ? -g : g
    w = w * (1 - lr * WeightDecay)
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    vmax = Amsgrad ? max(vmax, v) : vmax
    w -= lr / (1 - Beta1^t) * m / (sqrt(Amsgrad ? vmax : v) / sqrt(1 - Beta2^t) + Eps)
    """)]
public sealed partial class AdamW : IAdamMoments, IWeightDecay, IAmsgradMaximize
{
    /// <summary>Decoupled weight decay (PyTorch <c>weight_decay</c>, default 1e-2).</summary>
    [Hyperparameter(1e-2, Min = 0)] public partial float WeightDecay { get; set; }
}
