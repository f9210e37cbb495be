namespace OptGen.Runtime.Tests.TestOptimizers;

// A column sum alone (w moves by minus it, so one step from zero weights leaves it in every row): for the column sums'
// precision over many rows.
[Optimizer(LearningRate = 1)]
[Update("w -= lr * col_sum(g)")]
public partial class TestColumnSum;
