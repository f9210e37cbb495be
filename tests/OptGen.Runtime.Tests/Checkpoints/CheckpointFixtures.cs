namespace OptGen.Runtime.Tests.Checkpoints;

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

/// <summary>Another optimizer with the buffer names of <see cref="TestAdam"/> but a different type, for mismatch tests.</summary>
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
