namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>
/// Values that outlive a global reduction: a per-tensor norm (temp slot), an element local (scratch) and a
/// scalar state, all computed before global_maxabs / global_sum and read after them.
/// </summary>
[Optimizer(LearningRate = 0.03)]
[State("p", Scalar = true, Init = 1)]
[Update("""
    p = p * Decay
    nw = norm(w)
    c = g * nw
    gm = global_maxabs(c)
    gs = global_sum(g * g)
    w -= lr * (1 - p) * (c / (gm + 1e-6) + gs / (1 + gs) * sign(w) * nw / (1 + nw))
    """)]
public partial class TestTwoPhase
{
    [Hyperparameter(0.8, Min = 0, Max = 1)] public partial float Decay { get; set; }
}
