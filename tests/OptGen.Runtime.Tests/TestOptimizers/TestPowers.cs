namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>Powers of per-element values, including negative bases: pow(), ^ with a non-special constant and ^t.</summary>
[Optimizer(LearningRate = 0.01)]
[Update("""
    a = pow(g, 2) - pow(g, 3) + g^t + pow(w, 5) / 10
    b = pow(abs(g) + 0.5, -1.5) + (g - 0.2)^1.5 + pow(g, 0) + g^2.5
    w -= lr * (a + (b == b ? b : 7))
    """)]
public partial class TestPowers
{
}
