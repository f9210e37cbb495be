namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>Adam exactly as in DSL.md §1.</summary>
[Optimizer]
[State("m"), State("v")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    w -= lr * (m / (1 - Beta1^t)) / (sqrt(v / (1 - Beta2^t)) + Eps)
    """)]
public partial class TestAdam
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
}
