namespace OptGen.Runtime.Tests.TestOptimizers;

// With Copies true, each axis reduction reduces copies of one per-tensor value (the select leaves no element operand):
// the variant computes it in closed form. With Copies false the same formulas reduce g along the axes.
[Optimizer]
[Update("w -= lr * (row_sum(Copies ? 1 : g) + 10 * col_mean(Copies ? 2 : g) + 100 * mat_norm(Copies ? 3 : g) + 1000 * row_max(Copies ? -4 : g))")]
public partial class TestReductionOfCopies
{
    /// <summary>Reduce copies of constants instead of g.</summary>
    [Hyperparameter(true)] public partial bool Copies { get; set; }
}
