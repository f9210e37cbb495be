namespace OptGen.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum, weight decay and
/// maximisation, as <c>torch.optim.SGD</c>: the momentum buffer starts as the first gradient.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("b")]
[Update("""
    g = Maximize ? -g : g
    g = g + WeightDecay * w
    b = t == 1 ? g : Momentum * b + (1 - Dampening) * g
    g = Momentum == 0 ? g : (Nesterov ? g + Momentum * b : b)
    w -= lr * g
    """)]
public sealed partial class Sgd
{
    /// <summary>Momentum factor (PyTorch <c>momentum</c>, default 0: plain SGD).</summary>
    [Hyperparameter(0, Min = 0)] public partial float Momentum { get; set; }

    /// <summary>Dampening of the momentum (PyTorch <c>dampening</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0, Max = 1)] public partial float Dampening { get; set; }

    /// <summary>Use Nesterov momentum (PyTorch <c>nesterov</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Nesterov { get; set; }

    /// <summary>L2 penalty added to the gradient (PyTorch <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
