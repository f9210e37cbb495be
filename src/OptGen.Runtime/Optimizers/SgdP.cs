namespace OptGen.Optimizers;

/// <summary>
/// SGDP (Heo et al. 2021), as timm <c>sgdp</c> (<c>create_optimizer_v2(params, opt="sgdp")</c>: timm's SGDP with
/// <c>momentum</c> 0.9 and <c>nesterov</c> true): SGD with momentum whose step, for a tensor of rank ≥ 2, loses its
/// component along the weights when the gradient is nearly orthogonal to them, AdamP's projection
/// (<see cref="SphericalProjection"/>: per channel, else per tensor; <see cref="Caution"/> adds timm's cautious masks,
/// <c>csgdp</c>). The momentum <c>b ← Momentum·b + (1 − Dampening)·g</c> starts at zero; the step is <c>b</c>, or
/// <c>g + Momentum·b</c> with Nesterov. The weight decay is decoupled and divided by <c>1 − Momentum</c>:
/// <c>w ·= 1 − lr · λ · ratio / (1 − Momentum)</c>, with <c>ratio</c> = <see cref="WdRatio"/> for a projected tensor,
/// and none at all when λ is 0. Rank-1 tensors take the plain momentum step.
/// </summary>
[Optimizer(LearningRate = 1e-3, View = TensorView.Channels)]
[State("b")]
[Update("""
    b = Momentum * b + (1 - Dampening) * g
    perturb = Nesterov ? g + Momentum * b : b
    """ + SphericalProjection.Formulas + """
    w = WeightDecay == 0 ? w : w * (1 - lr * WeightDecay * ratio / (1 - Momentum))
    w -= lr * u
    """)]
public sealed partial class SgdP : IWeightDecay
{
    /// <summary>Momentum factor (timm <c>momentum</c>: 0.9 from <c>create_optimizer_v2</c>, where the class's own default is 0).</summary>
    [Hyperparameter(0.9, Min = 0)] public partial float Momentum { get; set; }

    /// <summary>Dampening of the momentum (timm <c>dampening</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0, Max = 1)] public partial float Dampening { get; set; }

    /// <summary>Step along <c>g + Momentum·b</c> in place of <c>b</c> (timm <c>nesterov</c>: true from <c>create_optimizer_v2</c>).</summary>
    [Hyperparameter(true)] public partial bool Nesterov { get; set; }

    /// <summary>Floor of the norms of the cosine test, and added to the norms the weights are divided by (timm <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Threshold of the cosine test, divided by the square root of the view's width (timm <c>delta</c>, default 0.1).</summary>
    [Hyperparameter(0.1, Min = 0)] public partial float Delta { get; set; }

    /// <summary>Factor of the weight decay of a projected tensor (timm <c>wd_ratio</c>, default 0.1).</summary>
    [Hyperparameter(0.1, Min = 0)] public partial float WdRatio { get; set; }

    /// <summary>
    /// timm's <c>caution</c> (registry name <c>csgdp</c>, default false): the step is kept only where it agrees in
    /// sign with the gradient (for a projected tensor, with the gradient's part orthogonal to the weights, then
    /// projected again), divided by the share kept (at least 1e-3).
    /// </summary>
    [Hyperparameter(false)] public partial bool Caution { get; set; }
}
