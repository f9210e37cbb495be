using System;
using Xunit;

namespace OptGen.Nn.Tests;

/// <summary>The blocked SIMD multiply at every vector width against a naive triple loop in double.</summary>
public class GemmTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(4, 16, 3)]
    [InlineData(5, 17, 9)]
    [InlineData(13, 31, 67)]
    [InlineData(37, 23, 130)]
    [InlineData(9, 300, 70)]
    [InlineData(64, 10, 128)]
    public void MatchesNaiveReferenceForOddShapes(int m, int n, int k)
    {
        foreach (int bits in new[] { 0, 128, 256 })
        {
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool accumulate in new[] { false, true })
                    CheckOne(m, n, k, transposeA, accumulate, bits, padding: 0);
            }
        }
    }

    [Fact]
    public void HonoursRowStrides()
    {
        foreach (int bits in new[] { 0, 128, 256 })
        {
            CheckOne(7, 19, 11, transposeA: false, accumulate: true, bits, padding: 3);
            CheckOne(7, 19, 11, transposeA: true, accumulate: false, bits, padding: 5);
        }
    }

    [Fact]
    public void TransposeIsExact()
    {
        float[] a = TestData.Uniform(7 * 13, 1);
        var t = new float[a.Length];
        Gemm.Transpose(a, 7, 13, t);
        for (int r = 0; r < 7; r++)
        {
            for (int c = 0; c < 13; c++)
                Assert.Equal(a[r * 13 + c], t[c * 7 + r]);
        }
    }

    [Fact]
    public void TooShortSpansAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], false, new float[6], new float[4], 2, 2, 3, false));
        Assert.Contains("a has 5 elements", ex.Message);
    }

    private static void CheckOne(int m, int n, int k, bool transposeA, bool accumulate, int bits, int padding)
    {
        int aRows = transposeA ? k : m, aCols = transposeA ? m : k;
        int lda = aCols + padding, ldb = n + padding, ldc = n + padding;
        float[] a = TestData.Uniform(aRows * lda, (ulong)(m * 1000 + k));
        float[] b = TestData.Uniform(k * ldb, (ulong)(n * 1000 + k));
        float[] c = TestData.Uniform(m * ldc, 99);
        float[] before = (float[])c.Clone();
        Gemm.Multiply(a, lda, transposeA, b, ldb, c, ldc, m, n, k, accumulate, bits);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = accumulate ? before[i * ldc + j] : 0;
                for (int p = 0; p < k; p++)
                    expected += (double)(transposeA ? a[p * lda + i] : a[i * lda + p]) * b[p * ldb + j];
                Assert.True(Math.Abs(c[i * ldc + j] - expected) <= 1e-5 * (k + 1),
                    $"{bits}-bit, {m}x{n}x{k}, transposeA={transposeA}, accumulate={accumulate}: C[{i},{j}] = {c[i * ldc + j]}, expected {expected}");
            }
            for (int j = n; j < ldc; j++)
                Assert.Equal(before[i * ldc + j], c[i * ldc + j]); // padding untouched
        }
    }
}
