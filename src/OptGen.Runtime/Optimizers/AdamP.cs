namespace OptGen.Optimizers;

/// <summary>
/// AdamP (Heo et al. 2021), as timm <c>adamp</c> (<c>create_optimizer_v2(params, opt="adamp")</c>: timm's AdamP with
/// <c>wd_ratio</c> 0.01 and <c>nesterov</c> true): Adam whose step, for a tensor of rank ≥ 2, loses its component along
/// the weights when the gradient is nearly orthogonal to them — the weights are then scale-invariant (a layer followed
/// by a normalisation) and that component only grows their norm. Seen as channels (rows: the first dimension, columns:
/// the rest), the test is first per channel (the largest |cos(g, w)| of the channels below <c>Delta / √cols</c>: each
/// channel's step is projected off its own weights), else for the whole tensor (|cos| below <c>Delta / √n</c>);
/// the decoupled weight decay, <c>w ·= 1 − lr · λ · ratio</c>, of a projected tensor is scaled by <see cref="WdRatio"/>
/// (the projection's formulas: <see cref="SphericalProjection"/>, shared with <see cref="SgdP"/>).
/// Rank-1 tensors take the plain Adam step. <c>Eps</c> is also added to the norms the weights are divided by, and floors
/// the norms of the cosine. <see cref="Caution"/> adds timm's cautious masks (<c>cadamp</c>). The defaults are those
/// <c>create_optimizer_v2</c> passes (weight decay 0).
/// </summary>
[Optimizer(LearningRate = 1e-3, View = TensorView.Channels)]
[State("m"), State("v")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    denom = sqrt(v) / sqrt(1 - Beta2 ^ t) + Eps
    perturb = (Nesterov ? Beta1 * m + (1 - Beta1) * g : m) / denom
    """ + SphericalProjection.Formulas + """
    w = w * (1 - lr * WeightDecay * ratio)
    w -= lr / (1 - Beta1 ^ t) * u
    """)]
public sealed partial class AdamP : IAdamMoments, IWeightDecay
{
    /// <summary>Threshold of the cosine test, divided by the square root of the view's width (timm <c>delta</c>, default 0.1).</summary>
    [Hyperparameter(0.1, Min = 0)] public partial float Delta { get; set; }

    /// <summary>Factor of the weight decay of a projected tensor (timm <c>wd_ratio</c>: 0.01 from <c>create_optimizer_v2</c>, where the class's own default is 0.1).</summary>
    [Hyperparameter(0.01, Min = 0)] public partial float WdRatio { get; set; }

    /// <summary>Step along <c>β1 m + (1 − β1) g</c> in place of <c>m</c> (timm <c>nesterov</c>: true from <c>create_optimizer_v2</c>).</summary>
    [Hyperparameter(true)] public partial bool Nesterov { get; set; }

    /// <summary>
    /// timm's <c>caution</c> (registry name <c>cadamp</c>, default false): the step is kept only where it agrees in
    /// sign with the gradient (for a projected tensor, with the gradient's part orthogonal to the weights, then
    /// projected again), divided by the share kept (at least 1e-3).
    /// </summary>
    [Hyperparameter(false)] public partial bool Caution { get; set; }
}
