namespace OptGen.Optimizers;

/// <summary>
/// NAdamW, as timm <c>nadamw</c> (the MLCommons AlgoPerf baseline): AdamW whose step uses the Nesterov look-ahead of the
/// first moment, <c>β1 m + (1 − β1) g</c> taken after <c>m</c> is updated, bias-corrected by <c>1 − β1^t</c> like the
/// moment itself. Weight decay is decoupled and comes first (<c>w ·= 1 − lr · λ</c>). <see cref="Caution"/> steps only
/// where the look-ahead agrees in sign with the gradient, divided by the share kept (at least 1e-3). Not
/// <see cref="NAdam"/> (PyTorch's, with its momentum-decay schedule), nor <c>optax.nadamw</c>, which corrects the two
/// terms of the look-ahead by <c>1 − β1^(t+1)</c> and <c>1 − β1^t</c> separately (docs/library.md).
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v")]
[Update("""
    g = Maximize ? -g : g
    w *= 1 - lr * WeightDecay
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    ahead = Beta1 * m + (1 - Beta1) * g
    denom = sqrt(v) / sqrt(1 - Beta2 ^ t) + Eps
    kept = ahead * g > 0 ? 1 : 0
    step = Caution ? ahead * kept / max(mean(kept), 1e-3) : ahead
    w -= lr / (1 - Beta1 ^ t) * (step / denom)
    """)]
public sealed partial class NAdamW : IAdamMoments, IWeightDecay
{
    /// <summary>timm's <c>caution</c> (default false): step only where the look-ahead agrees in sign with the gradient, divided by the share kept.</summary>
    [Hyperparameter(false)] public partial bool Caution { get; set; }

    /// <summary>Maximise the objective instead of minimising it (timm <c>maximize</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
