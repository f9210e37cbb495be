using OptGen.Runtime.Tests.TestOptimizers;

namespace OptGen.Runtime.Tests;

/// <summary>A factored state assigned several times in one update, with loops reading its earlier versions in between.</summary>
[Collection(SimdPolicyCollection.Name)]
public class StateReassignedTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EachLoopReadsTheVersionAssignedBeforeIt(int threads)
    {
        const int Rows = 3, Cols = 70;
        var p = new Parameter([Rows, Cols]);
        for (int i = 0; i < p.Length; i++)
        {
            p.Value[i] = 0.01f * (i % 11) - 0.05f;
            p.Grad[i] = 0.02f * (i % 7) - 0.06f;
        }
        float[] w0 = p.Value.ToArray(), g = p.Grad.ToArray();
        var opt = new TestStateReassigned();
        // Chunks of one row each, so that two threads do split the passes.
        Policy.With(() => { opt.Step(p); return 0; }, threads: threads, threshold: 64, chunk: 64);

        // rs = 1 + row_sum(g · 1) is overwritten by rs = rows, so the last rs is rows + rows · row_sum(g).
        for (int r = 0; r < Rows; r++)
        {
            double rowSum = 0;
            for (int c = 0; c < Cols; c++)
                rowSum += g[r * Cols + c];
            double rs = Rows + Rows * rowSum;
            Assert.Equal(rs, opt.State.Tensors[0].Buffer(0)[r], 4);
            for (int c = 0; c < Cols; c++)
            {
                int i = r * Cols + c;
                Assert.Equal(w0[i] - 0.1 * rs * g[i], p.Value[i], 5);
            }
        }
    }
}
