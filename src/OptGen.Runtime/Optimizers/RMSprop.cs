namespace OptGen.Optimizers;

/// <summary>
/// RMSprop (Hinton), as <c>torch.optim.RMSprop</c>: ε is added after the square root; the centered variant
/// divides by an estimate of the variance; momentum accumulates <c>g / avg</c>.
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("squareAvg"), State("gradAvg"), State("momentumBuffer")]
[Update("""
    g = Maximize ? -g : g
    g = g + WeightDecay * w
    squareAvg = Alpha * squareAvg + (1 - Alpha) * g * g
    gradAvg = Centered ? Alpha * gradAvg + (1 - Alpha) * g : gradAvg
    avg = sqrt(Centered ? squareAvg - gradAvg * gradAvg : squareAvg) + Eps
    momentumBuffer = Momentum > 0 ? Momentum * momentumBuffer + g / avg : momentumBuffer
    w -= lr * (Momentum > 0 ? momentumBuffer : g / avg)
    """)]
public sealed partial class RMSprop
{
    /// <summary>Smoothing constant of the squared-gradient average (PyTorch <c>alpha</c>, default 0.99).</summary>
    [Hyperparameter(0.99, Min = 0, Max = 1)] public partial float Alpha { get; set; }

    /// <summary>Added to the denominator for stability (PyTorch <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>L2 penalty added to the gradient (PyTorch <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Momentum factor (PyTorch <c>momentum</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float Momentum { get; set; }

    /// <summary>Normalise by the estimated variance instead of the second moment (PyTorch <c>centered</c>).</summary>
    [Hyperparameter(false)] public partial bool Centered { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
