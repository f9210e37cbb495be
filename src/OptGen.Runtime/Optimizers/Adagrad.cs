namespace OptGen.Optimizers;

/// <summary>
/// Adagrad (Duchi et al.), as <c>torch.optim.Adagrad</c>: the accumulator starts at
/// <c>InitialAccumulatorValue</c> and the rate decays as <c>lr / (1 + (t - 1) · lr_decay)</c>.
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("stateSum")]
[Update("""
    g = Maximize ? -g : g
    g = g + WeightDecay * w
    stateSum = (t == 1 ? InitialAccumulatorValue : stateSum) + g * g
    w -= lr / (1 + (t - 1) * LrDecay) * g / (sqrt(stateSum) + Eps)
    """)]
public sealed partial class Adagrad
{
    /// <summary>Decay of the learning rate per step (PyTorch <c>lr_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float LrDecay { get; set; }

    /// <summary>L2 penalty added to the gradient (PyTorch <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Starting value of the squared-gradient sum (PyTorch <c>initial_accumulator_value</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float InitialAccumulatorValue { get; set; }

    /// <summary>Added to the denominator for stability (PyTorch <c>eps</c>, default 1e-10).</summary>
    [Hyperparameter(1e-10, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
