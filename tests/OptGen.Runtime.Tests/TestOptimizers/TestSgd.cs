namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>SGD with momentum, dampening and Nesterov (PyTorch's formula; the first step sets b = g).</summary>
[Optimizer(LearningRate = 0.01)]
[State("b")]
[Update("""
    g = g + WeightDecay * w
    b = t == 1 ? g : Momentum * b + (1 - Dampening) * g
    g = Nesterov ? g + Momentum * b : b
    w -= lr * g
    """)]
public partial class TestSgd
{
    [Hyperparameter(0.0, Min = 0)] public partial float Momentum { get; set; }
    [Hyperparameter(0.0, Min = 0, Max = 1)] public partial float Dampening { get; set; }
    [Hyperparameter(false)] public partial bool Nesterov { get; set; }
    [Hyperparameter(0.0, Min = 0)] public partial float WeightDecay { get; set; }
}
