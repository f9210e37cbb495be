namespace OptGen.Optimizers;

/// <summary>
/// Adamax, the infinity-norm variant of Adam, as <c>torch.optim.Adamax</c>:
/// <c>u = max(β2 u, |g| + ε)</c>, <c>w -= lr / (1 - β1^t) · m / u</c>.
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
public sealed partial class Adamax
{
    /// <summary>Decay of the first moment (PyTorch <c>betas[0]</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the infinity norm (PyTorch <c>betas[1]</c>, default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to |g| for stability (PyTorch <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>L2 penalty added to the gradient (PyTorch <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
