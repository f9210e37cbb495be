using OptGen.Internal;
using OptGen.Nn;

namespace OptGen.Runtime.Tests;

/// <summary>
/// Newton–Schulz's X·Xᵀ (or Yᵀ·Y of a tall matrix) and A·A multiply only the blocks on and above the diagonal and
/// mirror the rest: the result must be the full product's bits, at every width and on any number of threads.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class SymmetricProductTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(47, 13)]
    [InlineData(49, 49)]
    [InlineData(100, 37)]
    [InlineData(200, 300)]
    [InlineData(401, 96)]
    public void TheHalfProductHasTheBitsOfTheFullOne(int r, int k)
    {
        var x = new float[r * k];
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)Math.Sin(0.37 * i + r);
        AssertHalfIsFull(x, r, k, MatrixOps.Gram.RowsByRows);
        // The same numbers as a k × r matrix whose columns are multiplied (a tall matrix's Gram matrix, Yᵀ·Y).
        AssertHalfIsFull(x, r, k, MatrixOps.Gram.ColumnsByColumns);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(47)]
    [InlineData(49)]
    [InlineData(130)]
    [InlineData(401)]
    public void TheHalfSquareOfASymmetricMatrixHasTheBitsOfTheFullOne(int r)
    {
        var a = new float[r * r];
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j <= i; j++)
                a[i * r + j] = a[j * r + i] = (float)Math.Cos(0.11 * i * j + i + j);
        }
        AssertHalfIsFull(a, r, r, MatrixOps.Gram.SymmetricSquare);
    }

    private static void AssertHalfIsFull(float[] x, int r, int k, MatrixOps.Gram kind)
    {
        foreach (int bits in new[] { 512, 256, 128, 0 })
        {
            foreach (int threads in new[] { 1, int.MaxValue })
            {
                var full = new float[r * r];
                var half = new float[r * r];
                Policy.With(() =>
                {
                    if (kind == MatrixOps.Gram.ColumnsByColumns)
                        Gemm.Multiply(x, true, x, false, full, r, r, k, accumulate: false);
                    else
                        Gemm.Multiply(x, false, x, kind == MatrixOps.Gram.RowsByRows, full, r, r, k, accumulate: false);
                    half.AsSpan().Fill(float.NaN); // every value must be written
                    MatrixOps.SymmetricProduct(x, half, r, k, kind);
                    return 0;
                }, bits: bits, threads: threads, threshold: 64);
                int differs = Enumerable.Range(0, r * r).FirstOrDefault(i => BitConverter.SingleToInt32Bits(full[i]) != BitConverter.SingleToInt32Bits(half[i]), -1);
                Assert.True(differs < 0, $"{kind} [{r}, {k}] at {bits} bits on {threads} threads: C[{differs / r}, {differs % r}] is {(differs < 0 ? 0 : half[differs])}, the full product {(differs < 0 ? 0 : full[differs])}");
            }
        }
    }
}
