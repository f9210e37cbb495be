namespace OptGen.Optimizers;

/// <summary>
/// Adam (Kingma and Ba), as <c>torch.optim.Adam</c>: coupled L2 weight decay, the AMSGrad variant, and ε added
/// after the bias-corrected square root: <c>w -= lr / (1 - β1^t) · m / (sqrt(v) / sqrt(1 - β2^t) + ε)</c>.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v"), State("vmax")]
[Update("""
    g = Maximize ? -g : g
    g = g + WeightDecay * w
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    vmax = Amsgrad ? max(vmax, v) : vmax
    w -= lr / (1 - Beta1^t) * m / (sqrt(Amsgrad ? vmax : v) / sqrt(1 - Beta2^t) + Eps)
    """)]
public sealed partial class Adam : IAdamMoments, IWeightDecay, IAmsgradMaximize
{
}
