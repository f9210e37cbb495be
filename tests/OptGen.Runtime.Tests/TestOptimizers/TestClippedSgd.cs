namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>SGD after clipping the gradient by its global norm over every tensor of the step.</summary>
[Optimizer(LearningRate = 0.05)]
[Update("""
    gn = global_norm(g)
    g = g * min(1, MaxNorm / (gn + 1e-6))
    w -= lr * g
    """)]
public partial class TestClippedSgd
{
    [Hyperparameter(1.0, Min = 0)] public partial float MaxNorm { get; set; }
}
