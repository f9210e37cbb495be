using OptGen.Internal;

namespace OptGen.Runtime.Tests.Kernel;

/// <summary>How an axis pass is cut into chunks, how much per-column room a chunk keeps, and whose room it uses.</summary>
[Collection(SimdPolicyCollection.Name)] // reads SimdPolicy.ChunkLength, which other tests change
public class AxisChunksTests
{
    [Theory]
    [InlineData(new[] { 1, 64 }, 1, 64)]          // one small matrix: the chunk holds it, and room for its 64 columns only
    [InlineData(new[] { 10 }, 1, 10)]             // a rank-1 tensor is one row
    [InlineData(new[] { 3, 8, 12 }, 3, 36)]       // three small matrices, all in one chunk
    [InlineData(new[] { 5000, 16, 16 }, 256, 4096)] // many: 256 of 256 elements fit in 64 Ki
    public void AChunkOfWholeMatricesKeepsColumnsOnlyForTheMatricesThereAre(int[] shape, int matricesPerChunk, int region)
    {
        var chunks = new AxisChunks(MatrixView.Of(shape, TensorView.Stack), chunkLength: 1 << 16);
        Assert.Equal(matricesPerChunk, chunks.MatricesPerChunk);
        Assert.Equal(region, chunks.Region);
        Assert.False(chunks.CutsMatrices);
    }

    [Fact]
    public void AMatrixLongerThanAChunkIsCutIntoBlocksOfRows()
    {
        var chunks = new AxisChunks(MatrixView.Of([4096, 4096], TensorView.Stack), chunkLength: 1 << 16);
        Assert.True(chunks.CutsMatrices);
        Assert.Equal(32, chunks.ChunksPerMatrix);
        Assert.Equal(128, chunks.RowsPerChunk);
        Assert.Equal(4096, chunks.Region);
    }
    /// <summary>
    /// A tensor run in a group (<see cref="Kernels.RunTensorPrograms{P}"/>) uses the scratch the group job gave its
    /// thread, and the room the job grows for it before the run (every term a pass can have, column sums and extremes)
    /// is enough: the pass writes its column sums there and replaces no buffer.
    /// </summary>
    [Theory]
    [InlineData(new[] { 64, 24 })]
    [InlineData(new[] { 3, 40, 17 })]
    [InlineData(new[] { 1, 1000 })]
    public void AnAxisPassInAGroupUsesTheGroupsScratchAndGrowsNothing(int[] shape)
    {
        var p = new Parameter(shape);
        p.Grad.Fill(0.5f);
        var optimizer = new OptGen.Runtime.Tests.TestOptimizers.TestColumnSum();
        var group = new GroupThreadBuffers();
        AxisScratch scratch = group.Axis;
        scratch.Grow(new AxisChunks(MatrixView.Of(shape, TensorView.Stack), SimdPolicy.ChunkLength), Terms<F32x1>.Capacity, columnSums: true, columnExtremes: true);
        (double[] sums, float[] partials, double[] totals) = (scratch.ColumnSums, scratch.ColumnPartials, scratch.Totals);
        group.Begin();
        try
        {
            optimizer.Step(p);
        }
        finally
        {
            GroupThreadBuffers.End();
        }
        Assert.Same(sums, scratch.ColumnSums);
        Assert.Same(partials, scratch.ColumnPartials);
        Assert.Same(totals, scratch.Totals);
        Assert.Contains(scratch.ColumnSums, x => x != 0);
    }
}
