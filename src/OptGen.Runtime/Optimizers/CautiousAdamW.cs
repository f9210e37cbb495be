namespace OptGen.Optimizers;

/// <summary>
/// Cautious AdamW (Liang et al. 2024), as timm <c>cadamw</c> (timm's <c>AdamWLegacy</c> with <c>caution=True</c>):
/// AdamW whose step is masked to the elements where the momentum and the gradient agree in sign, and rescaled by
/// the fraction of such elements in the tensor (at least 1e-3). The mask is per step; the stored momentum is not
/// masked. The mask's mean is a reduction, so a step makes two passes over memory; the mask is recomputed in the
/// second from <c>m</c> and <c>g</c> rather than kept (and maximising flips a sign instead of rebinding <c>g</c>), so
/// no scratch buffer carries values between the passes.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v"), State("vmax")]
[Update("""
    sign = Maximize ? -1 : 1
    w = w * (1 - lr * WeightDecay)
    m = Beta1 * m + (1 - Beta1) * (sign * g)
    v = Beta2 * v + (1 - Beta2) * g * g
    vmax = Amsgrad ? max(vmax, v) : vmax
    keep = max(mean(sign * m * g > 0 ? 1 : 0), 1e-3)
    w -= lr / (1 - Beta1^t) * (sign * m * g > 0 ? m : 0) / keep / (sqrt(Amsgrad ? vmax : v) / sqrt(1 - Beta2^t) + Eps)
    """)]
public sealed partial class CautiousAdamW
{
    /// <summary>Decay of the first moment (timm <c>betas[0]</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the second moment (timm <c>betas[1]</c>, default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the denominator (timm <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>
    /// Decoupled weight decay, <c>w *= 1 - lr · λ</c> before the step (timm <c>weight_decay</c>; default 0, the value
    /// <c>create_optimizer_v2</c> passes unless told otherwise).
    /// </summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Use the AMSGrad variant (timm <c>amsgrad</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Amsgrad { get; set; }

    /// <summary>Maximise the objective instead of minimising it (timm <c>maximize</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
