namespace OptGen.Runtime.Tests.Checkpoints;

/// <summary>Adam as in spec §1, for checkpoint tests.</summary>
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

/// <summary>A momentum optimizer with a per-tensor scalar state (a running product), to exercise scalar checkpointing.</summary>
[Optimizer(LearningRate = 0.01)]
[State("m"), State("prod", Scalar = true, Init = 1)]
[Update("""
    prod = prod * Beta
    m = Beta * m + (1 - Beta) * g
    w -= lr * m / (1 - prod)
    """)]
public partial class TestScalarMomentum
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }
}

/// <summary>Another optimizer with Adam's buffer names but a different type, for mismatch tests.</summary>
[Optimizer]
[State("m"), State("v")]
[Update("""
    m = 0.9 * m + 0.1 * g
    v = 0.99 * v + 0.01 * g * g
    w -= lr * m / (sqrt(v) + 1e-8)
    """)]
public partial class OtherAdam
{
}
