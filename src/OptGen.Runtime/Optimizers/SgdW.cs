namespace OptGen.Optimizers;

/// <summary>
/// SGDW, as timm <c>sgdw</c> (<c>create_optimizer_v2(params, opt="sgdw")</c>: timm's SGDW with <c>momentum</c> 0.9 and
/// <c>nesterov</c> true): <see cref="Sgd"/> with the weight decay decoupled and first (<c>w ·= 1 − lr · λ</c>). The
/// momentum starts as the first gradient, then <c>b ← Momentum·b + (1 − Dampening)·g</c>; the step is <c>b</c>, or
/// <c>g + Momentum·b</c> with Nesterov, or <c>g</c> when <c>Momentum</c> is 0. <see cref="Caution"/> (with momentum) steps
/// only where that step agrees in sign with the gradient, divided by the share kept (at least 1e-3).
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("b")]
[Update("""
    g = Maximize ? -g : g
    w *= 1 - lr * WeightDecay
    b = t == 1 ? g : Momentum * b + (1 - Dampening) * g
    ahead = Nesterov ? g + Momentum * b : b
    kept = ahead * g > 0 ? 1 : 0
    step = Caution ? ahead * kept / max(mean(kept), 1e-3) : ahead
    w -= lr * (Momentum == 0 ? g : step)
    """)]
public sealed partial class SgdW : IWeightDecay
{
    /// <summary>Momentum factor (timm <c>momentum</c>: 0.9 from <c>create_optimizer_v2</c>, where the class's own default is 0).</summary>
    [Hyperparameter(0.9, Min = 0)] public partial float Momentum { get; set; }

    /// <summary>Dampening of the momentum (timm <c>dampening</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0, Max = 1)] public partial float Dampening { get; set; }

    /// <summary>Step along <c>g + Momentum·b</c> in place of <c>b</c> (timm <c>nesterov</c>: true from <c>create_optimizer_v2</c>).</summary>
    [Hyperparameter(true)] public partial bool Nesterov { get; set; }

    /// <summary>timm's <c>caution</c> (default false): with momentum, step only where the step agrees in sign with the gradient, divided by the share kept.</summary>
    [Hyperparameter(false)] public partial bool Caution { get; set; }

    /// <summary>Maximise the objective instead of minimising it (timm <c>maximize</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
