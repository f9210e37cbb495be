using OptGen.Optimizers;

namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// What the planner's recomputation saves in memory, measured as the bytes the first step allocates (the state):
/// a value a later pass computes again from what it reads anyway (Adafactor's factored update of a matrix, LARS's
/// decayed gradient) has no buffer the size of the tensor, and a shape class is given only the scratch its own update
/// uses (a matrix does not get the buffer of Adafactor's vector update, which needs a square root and keeps one), and a
/// value of a row-index and a column-index state (SM3's) is computed in the pass, not kept as a matrix of its own. The
/// results are the references' (ShapedReferenceTests, the built-ins' reference tests) and the same at every width and
/// thread count (ShapedInvariantsTests).
/// </summary>
public class RecomputedScratchTests
{
    private static long StateBytes(IOptimizer optimizer, params int[] shape)
    {
        var p = new Parameter(shape);
        for (int i = 0; i < p.Length; i++)
        {
            p.Value[i] = 0.01f * (i % 7) - 0.03f;
            p.Grad[i] = 0.02f * (i % 5) - 0.04f;
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        optimizer.Step(p);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void AnAdafactorMatrixAllocatesNoBufferOfItsSize()
    {
        const int Rows = 512, Cols = 512;
        long bytes = StateBytes(new Adafactor(), Rows, Cols);
        Assert.True(bytes < Rows * Cols * sizeof(float) / 4, $"the first step of a [{Rows}, {Cols}] matrix allocated {bytes} bytes");
    }

    [Fact]
    public void AnAdafactorVectorKeepsItsSecondMomentAndItsUpdate()
    {
        const int N = 1 << 18;
        long bytes = StateBytes(new Adafactor(), N);
        Assert.InRange(bytes, 2L * N * sizeof(float), 3L * N * sizeof(float));
    }

    [Fact]
    public void AnSm3MatrixKeepsNoArrayOfItsSizeBesideItsMomentum()
    {
        // Beta2 · min(muRow, muCol) varies along rows and columns: an element value, computed in the pass. As a value
        // of its own it was an array the size of the matrix, filled between passes (twice the state SM3 keeps).
        const int Rows = 512, Cols = 512;
        long bytes = StateBytes(new Sm3 { Beta2 = 0.9f }, Rows, Cols);
        Assert.InRange(bytes, 1L * Rows * Cols * sizeof(float), 5L * Rows * Cols * sizeof(float) / 4);
    }

    [Fact]
    public void LarsKeepsOnlyItsMomentum()
    {
        const int N = 1 << 18;
        long bytes = StateBytes(new Lars { WeightDecay = 1e-4f }, N);
        Assert.InRange(bytes, 1L * N * sizeof(float), 3L * N * sizeof(float) / 2);
    }
}
