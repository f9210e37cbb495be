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
public sealed partial class AdamW
{
    /// <summary>Decay of the first moment (PyTorch <c>betas[0]</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the second moment (PyTorch <c>betas[1]</c>, default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the denominator for stability (PyTorch <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Decoupled weight decay (PyTorch <c>weight_decay</c>, default 1e-2).</summary>
    [Hyperparameter(1e-2, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Use the AMSGrad variant (PyTorch <c>amsgrad</c>).</summary>
    [Hyperparameter(false)] public partial bool Amsgrad { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
