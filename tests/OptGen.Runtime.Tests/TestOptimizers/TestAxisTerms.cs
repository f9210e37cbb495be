namespace OptGen.Runtime.Tests.TestOptimizers;

// Every kind of per-row, per-column and per-matrix reduction the driver keeps (sums, maxima, minima, a norm) in one
// update, plus a per-tensor sum: the axis passes' terms of every kind, for the split tests.
[Optimizer(LearningRate = 0.01)]
[Update("w -= lr * (row_sum(g) + col_mean(g * g) + col_max(g) - col_min(g) + mat_norm(g) + mat_max(g) - mat_min(g) + row_max(g) - row_min(g) + 0.001 * sum(g * w))")]
public partial class TestAxisTerms;
