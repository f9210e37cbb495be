namespace OptGen.Optimizers;

/// <summary>
/// LaProp (Ziyin et al. 2020), as timm <c>laprop</c>: the gradient is first divided by the RMS of past gradients
/// and only then averaged into the momentum, <c>m = β1 m + lr (1 - β1) g / (sqrt(v / b2) + ε)</c>, so momentum and
/// adaptivity are decoupled. As in timm, the bias corrections are running averages of the learning rate
/// (<c>lrAvg1</c>, so a schedule is accounted for) and of 1 (<c>lrAvg2 = 1 - β2^t</c>); the weight decay is
/// applied after the step, <c>w -= lr · λ · w</c>. <see cref="Caution"/> masks the step as in timm's cautious
/// variants.
/// </summary>
[Optimizer(LearningRate = 4e-4)]
[State("m"), State("v"), State("lrAvg1", Scalar = true), State("lrAvg2", Scalar = true)]
[Update("""
    v = Beta2 * v + (1 - Beta2) * g * g
    lrAvg1 = lrAvg1 * Beta1 + (1 - Beta1) * lr
    lrAvg2 = lrAvg2 * Beta2 + (1 - Beta2)
    m = Beta1 * m + lr * (1 - Beta1) * (g / (sqrt(v / lrAvg2) + Eps))
    keep = Caution ? max(mean(m * g > 0 ? 1 : 0), 1e-3) : 1
    w -= (Caution ? (m * g > 0 ? m : 0) / keep : m) / (lr != 0 ? lrAvg1 / lr : 1)
    w -= lr * WeightDecay * w
    """)]
public sealed partial class LaProp : IAdamMoments, IWeightDecay
{
    /// <summary>Added to the RMS denominator (timm <c>eps</c>, default 1e-15).</summary>
    [Hyperparameter(1e-15, Min = 0)] public partial float Eps { get; set; }

    /// <summary>
    /// Cautious update (timm <c>caution</c>, default false; Liang et al. 2024): only the elements where the momentum
    /// and the gradient agree in sign move, rescaled by the fraction that do (at least 1e-3).
    /// </summary>
    [Hyperparameter(false)] public partial bool Caution { get; set; }
}
