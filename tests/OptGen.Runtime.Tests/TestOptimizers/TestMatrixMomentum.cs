namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>A rank-2-only optimizer (as Muon is): momentum SGD that refuses any tensor that is not a matrix.</summary>
[Optimizer(LearningRate = 0.02, MinRank = 2, MaxRank = 2)]
[State("buf")]
[Update("""
    buf = Momentum * buf + g
    w -= lr * buf
    """)]
public partial class TestMatrixMomentum
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Momentum { get; set; }
}
