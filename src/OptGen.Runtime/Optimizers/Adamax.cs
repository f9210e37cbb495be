namespace OptGen.Optimizers;

/// <summary>
/// Adamax, the infinity-norm variant of Adam, as <c>torch.optim.Adamax</c>:
/// <c>u = max(β2 u, |g| + ε)</c>, <c>w -= lr / (1 - β1^t) · m / u</c>; the weight decay is an L2 penalty added to the
/// gradient.
/// </summary>
[Optimizer(LearningRate = 2e-3)]
[State("m"), State("u")]
[Update("""
    g = Maximize ? -g : g
    g = g + WeightDecay * w
    m = Beta1 * m + (1 - Beta1) * g
    u = max(Beta2 * u, abs(g) + Eps)
    w -= lr / (1 - Beta1^t) * m / u
    """)]
public sealed partial class Adamax : IAdamMoments, IWeightDecay, IMaximize
{
}
