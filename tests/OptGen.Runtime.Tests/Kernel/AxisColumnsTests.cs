using OptGen.Internal;
using OptGen.Runtime.Tests.TestOptimizers;

namespace OptGen.Runtime.Tests.Kernel;

/// <summary>
/// Column sums over many rows: each group of <see cref="Kernels.ColumnGroupRows"/> rows is added in float, the groups
/// in double, so a column keeps values far below a float's spacing at its sum.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class AxisColumnsTests
{
    private const int Rows = 4096, Cols = 24;

    // Column j: 1 + j in row 0, then 4,095 rows of 1e-8 · (1 + j mod 3), each under half a float's spacing at the
    // sum. Added one by one in float they would all vanish (4e-5 short, relatively); in float within a chunk cut at
    // 4,096 elements (171 rows), 2e-6. Every width, one thread and all, whole and cut into blocks of rows.
    [Theory]
    [InlineData(512, 1, 1 << 17)]
    [InlineData(256, 1, 1 << 17)]
    [InlineData(128, int.MaxValue, 1 << 17)]
    [InlineData(0, 1, 1 << 17)]
    [InlineData(512, int.MaxValue, 4096)]
    [InlineData(256, 1, 4096)]
    [InlineData(0, int.MaxValue, 4096)]
    public void AColumnSumOfManyRowsKeepsRowsFarBelowItsSpacing(int bits, int threads, int chunk)
    {
        var p = new Parameter([Rows, Cols]);
        Span<float> g = p.Grad;
        double[] expected = new double[Cols];
        for (int r = 0; r < Rows; r++)
        {
            for (int j = 0; j < Cols; j++)
            {
                g[r * Cols + j] = r == 0 ? 1 + j : 1e-8f * (1 + j % 3);
                expected[j] += g[r * Cols + j];
            }
        }
        var optimizer = new TestColumnSum();
        Policy.With(() => { optimizer.Step(p); return 0; }, bits, threads, threshold: 64, chunk: chunk);
        ReadOnlySpan<float> w = p.Value;
        for (int j = 0; j < Cols; j++)
        {
            foreach (int r in new[] { 0, Rows - 1 })
            {
                double error = Math.Abs(-w[r * Cols + j] - expected[j]) / expected[j];
                Assert.True(error <= 4e-7, $"column {j}, row {r} at {bits} bits on {threads} threads, chunk {chunk}: {-w[r * Cols + j]} against {expected[j]} (relative error {error:E2})");
            }
        }
    }
}
