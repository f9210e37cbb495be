namespace OptGen.Optimizers;

/// <summary>
/// Cautious AdamW (Liang et al. 2024), as timm <c>cadamw</c> (timm's <c>AdamWLegacy</c> with <c>caution=True</c>):
/// AdamW whose step is masked to the elements where the momentum and the gradient agree in sign, and rescaled by
/// the fraction of such elements in the tensor (at least 1e-3). The mask is per step; the stored momentum is not
/// masked. The mask's mean is a reduction, so a step makes two passes over memory; the mask is recomputed in the
/// second from <c>m</c> and <c>g</c> rather than kept (and maximising flips a sign instead of rebinding <c>g</c>), so
/// no scratch buffer carries values between the passes. The weight decay is decoupled, <c>w *= 1 - lr · λ</c> before
/// the step, and 0 by default, the value <c>create_optimizer_v2</c> passes unless told otherwise.
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
public sealed partial class CautiousAdamW : IAdamMoments, IWeightDecay, IAmsgradMaximize
{
}
