namespace OptGen.Runtime.Tests.TestOptimizers;

// One maximum or minimum each, for ReductionNanTests: a NaN it gives meets only numbers on its way into w (two NaNs
// meeting in an addition keep the payload of the operand the JIT puts first, which is no reduction's doing).
[Optimizer(LearningRate = 0.01)]
[Update("w -= lr * maxabs(g)")]
public partial class TestMaxAbs;

[Optimizer(LearningRate = 0.01)]
[Update("w -= lr * global_maxabs(g)")]
public partial class TestGlobalMaxAbs;

[Optimizer(LearningRate = 0.01)]
[Update("w -= lr * row_max(g)")]
public partial class TestRowMax;

[Optimizer(LearningRate = 0.01)]
[Update("w -= lr * col_min(g)")]
public partial class TestColumnMin;

[Optimizer(LearningRate = 0.01)]
[Update("w -= lr * mat_max(g)")]
public partial class TestMatrixMax;

// The matrix's maximum taken from the rows' (the planner's MatrixReductionsFromAxes): both give the default NaN, so the
// addition's operand order does not matter.
[Optimizer(LearningRate = 0.01)]
[Update("w -= lr * (row_max(g) + mat_max(g))")]
public partial class TestMatrixMaxFromRows;
