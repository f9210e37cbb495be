namespace OptGen.Optimizers;

/// <summary>
/// RMSprop as TensorFlow does it, as timm <c>rmsproptf</c> (<c>create_optimizer_v2(params, opt="rmsproptf")</c>: timm's
/// RMSpropTF with <c>alpha</c> 0.9 and <c>momentum</c> 0.9): unlike <see cref="RMSprop"/> the squared-gradient average
/// starts at one and moves by <c>(1 − α)(g² − v)</c>, ε is added under the square root, and the momentum accumulates
/// the step with the learning rate already in it (<see cref="LrInMomentum"/>). The weight decay is an L2 penalty added
/// to the gradient, or with <see cref="DecoupledDecay"/> a decay of the weights, <c>w ·= 1 − lr · λ</c>, first. With
/// <see cref="Caution"/> (and momentum) the step is the momentum masked to where it agrees in sign with the gradient,
/// divided by the share kept (at least 1e-3); the stored momentum is not masked.
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("v", Init = 1), State("gAvg"), State("b")]
[Update("""
    w = DecoupledDecay && WeightDecay != 0 ? w * (1 - lr * WeightDecay) : w
    g = DecoupledDecay || WeightDecay == 0 ? g : g + WeightDecay * w
    v = v + (1 - Alpha) * (g * g - v)
    gAvg = Centered ? gAvg + (1 - Alpha) * (g - gAvg) : gAvg
    avg = sqrt((Centered ? v - gAvg * gAvg : v) + Eps)
    b = Momentum > 0 ? Momentum * b + (LrInMomentum ? lr : 1) * (g / avg) : b
    kept = b * g > 0 ? 1 : 0
    used = Caution ? b * kept / max(mean(kept), 1e-3) : b
    w -= Momentum > 0 ? (LrInMomentum ? used : lr * used) : lr * (g / avg)
    """)]
public sealed partial class RMSpropTF : IWeightDecay
{
    /// <summary>Smoothing constant of the squared-gradient average (timm <c>alpha</c>: 0.9, also the class's default).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Alpha { get; set; }

    /// <summary>Added to the average under the square root (timm <c>eps</c>, default 1e-10).</summary>
    [Hyperparameter(1e-10, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Momentum factor (timm <c>momentum</c>: 0.9 from <c>create_optimizer_v2</c>, where the class's own default is 0); 0 steps by the scaled gradient itself.</summary>
    [Hyperparameter(0.9, Min = 0)] public partial float Momentum { get; set; }

    /// <summary>Normalise by the estimated variance instead of the second moment (timm <c>centered</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Centered { get; set; }

    /// <summary>Decay the weights by <c>lr · λ</c> instead of adding <c>λ w</c> to the gradient (timm <c>decoupled_decay</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool DecoupledDecay { get; set; }

    /// <summary>Scale the momentum's increments by the learning rate, as TensorFlow (timm <c>lr_in_momentum</c>, default true); false scales the step instead, as PyTorch.</summary>
    [Hyperparameter(true)] public partial bool LrInMomentum { get; set; }

    /// <summary>timm's <c>caution</c> (default false): with momentum, step only where the momentum agrees in sign with the gradient, divided by the share kept.</summary>
    [Hyperparameter(false)] public partial bool Caution { get; set; }
}
