namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>A sum over all tensors accumulated in shared state: its double bits show the order the tensors were added in.</summary>
[Optimizer]
[State("total", Shared = true)]
[Update("""
    total = total + global_sum(g * g)
    w -= lr * g
    """)]
public partial class TestGlobalSumState;
