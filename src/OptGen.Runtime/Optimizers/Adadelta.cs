namespace OptGen.Optimizers;

/// <summary>
/// Adadelta (Zeiler), as <c>torch.optim.Adadelta</c>: ε sits inside both square roots,
/// <c>Δ = sqrt(acc_Δ + ε) / sqrt(sq + ε) · g</c>, and the step is scaled by <c>lr</c> (default 1).
/// </summary>
[Optimizer(LearningRate = 1.0)]
[State("squareAvg"), State("accDelta")]
[Update("""
    g = Maximize ? -g : g
    g = g + WeightDecay * w
    squareAvg = Rho * squareAvg + (1 - Rho) * g * g
    delta = sqrt(accDelta + Eps) / sqrt(squareAvg + Eps) * g
    accDelta = Rho * accDelta + (1 - Rho) * delta * delta
    w -= lr * delta
    """)]
public sealed partial class Adadelta
{
    /// <summary>Decay of the running averages (PyTorch <c>rho</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Rho { get; set; }

    /// <summary>Added inside the square roots (PyTorch <c>eps</c>, default 1e-6).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float Eps { get; set; }

    /// <summary>L2 penalty added to the gradient (PyTorch <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
