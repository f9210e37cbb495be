using OptGen.Internal;

namespace OptGen.Runtime.Tests.Kernel;

/// <summary>How an axis pass is cut into chunks, and how much per-column room a chunk keeps.</summary>
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
}
