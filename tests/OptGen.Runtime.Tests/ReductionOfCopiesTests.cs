using System;
using System.Linq;
using OptGen.Runtime.Tests.TestOptimizers;
using Xunit;

namespace OptGen.Runtime.Tests;

/// <summary>
/// Axis reductions whose operand a bool variant reduces to one per-tensor value (found by the shaped property tests:
/// <c>row_sum(Flag ? 1 : g)</c> once threw in the generator). The result is the reduction of that many copies.
/// </summary>
public class ReductionOfCopiesTests
{
    [Theory]
    [InlineData(3, 4)]
    [InlineData(2, 3, 5)]
    public void ReductionsOfCopiesUseTheSizesOfTheAxesReduced(params int[] shape)
    {
        int cols = shape[^1], rows = shape[^2];
        var p = new Parameter(shape);
        p.Grad.Fill(1f);
        var opt = new TestReductionOfCopies { LearningRate = 0.001f };
        opt.Step(p);
        // row_sum(1) = cols, col_mean(2) = 2, mat_norm(3) = 3 * sqrt(rows * cols), row_max(-4) = -4.
        double update = cols + 10 * 2 + 100 * 3 * Math.Sqrt(rows * cols) + 1000 * -4;
        Assert.All(p.Value.ToArray(), v => Assert.Equal(-0.001 * update, v, 4));
    }

    [Fact]
    public void ARankOneTensorIsOneRow()
    {
        var p = new Parameter(new int[] { 6 });
        p.Grad.Fill(1f);
        new TestReductionOfCopies { LearningRate = 0.001f }.Step(p);
        double update = 6 + 10 * 2 + 100 * 3 * Math.Sqrt(6) + 1000 * -4;
        Assert.All(p.Value.ToArray(), v => Assert.Equal(-0.001 * update, v, 4));
    }

    [Fact]
    public void TheOtherVariantReducesTheGradient()
    {
        var p = new Parameter(new int[] { 3, 4 });
        float[] g = Enumerable.Range(0, 12).Select(i => (float)(i - 5)).ToArray();
        g.CopyTo(p.Grad);
        new TestReductionOfCopies { LearningRate = 0.001f, Copies = false }.Step(p);
        double matNorm = Math.Sqrt(g.Sum(x => (double)x * x));
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                double rowSum = 0, rowMax = double.MinValue, colMean = 0;
                for (int k = 0; k < 4; k++) { rowSum += g[r * 4 + k]; rowMax = Math.Max(rowMax, g[r * 4 + k]); }
                for (int k = 0; k < 3; k++) colMean += g[k * 4 + c] / 3.0;
                double update = rowSum + 10 * colMean + 100 * matNorm + 1000 * rowMax;
                Assert.Equal(-0.001 * update, p.Value[r * 4 + c], 4);
            }
        }
    }
}
