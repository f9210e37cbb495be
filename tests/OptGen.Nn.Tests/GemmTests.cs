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

    private static readonly int[] Sizes = [1, 2, 3, 5, 7, 8, 13, 16, 17, 31, 33, 64, 65];

    /// <summary>
    /// Every (m, n, k) where a dimension is 1 or the three are equal, plus a seeded sample of the other triples of
    /// <see cref="Sizes"/>, plus shapes that cross the packed path's k blocks (256), row blocks (144) and column
    /// blocks (1024) and tile edges on both sides.
    /// </summary>
    private static (int M, int N, int K)[] Shapes()
    {
        var shapes = new System.Collections.Generic.List<(int, int, int)>();
        var rng = new NnRandom(7);
        foreach (int m in Sizes)
        {
            foreach (int n in Sizes)
            {
                foreach (int k in Sizes)
                {
                    if (m == 1 || n == 1 || k == 1 || (m == n && n == k) || rng.NextDouble() < 0.06)
                        shapes.Add((m, n, k));
                }
            }
        }
        shapes.AddRange([(256, 256, 256), (256, 17, 300), (150, 40, 520), (145, 33, 257), (7, 1100, 5), (65, 1040, 3), (2, 256, 256), (1, 1100, 300), (3, 77, 520)]);
        return [.. shapes];
    }

    public static TheoryData<int, bool, bool> Variants()
    {
        var data = new TheoryData<int, bool, bool>();
        foreach (int bits in new[] { 0, 128, 256 })
        {
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool accumulate in new[] { false, true })
                    data.Add(bits, transposeA, accumulate);
            }
        }
        return data;
    }

    /// <summary>
    /// Forward (<c>Y += X·W</c>: no transpose, accumulate), the weight gradient (<c>dW += Xᵀ·dY</c>: transpose,
    /// accumulate), the input gradient (<c>dX = dY·Wᵀ</c> on a transposed copy: no transpose, overwrite), and the
    /// fourth combination, each at one vector width, over many shapes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Variants))]
    public void MatchesNaiveReferenceOverManyShapes(int bits, bool transposeA, bool accumulate)
    {
        foreach ((int m, int n, int k) in Shapes())
            CheckOne(m, n, k, transposeA, accumulate, bits, padding: 0);
    }

    [Fact]
    public void EdgeTilesWithPaddedStridesLeaveThePaddingAlone()
    {
        foreach (int bits in new[] { 0, 128, 256 })
        {
            CheckOne(13, 17, 33, transposeA: false, accumulate: false, bits, padding: 1);
            CheckOne(31, 33, 65, transposeA: true, accumulate: true, bits, padding: 7);
            CheckOne(151, 23, 260, transposeA: true, accumulate: false, bits, padding: 2);
        }
    }

    [Fact]
    public void ZeroSizedProductsOnlyClearOrKeepC()
    {
        foreach (int bits in new[] { 0, 128, 256 })
        {
            float[] c = [1, 2, 3, 4, 5, 6];
            Gemm.Multiply([], 0, false, [], 3, c, 3, 2, 3, 0, accumulate: true, bits);
            Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, c);
            Gemm.Multiply([], 0, false, [], 3, c, 3, 2, 3, 0, accumulate: false, bits);
            Assert.Equal(new float[6], c);
        }
    }

    /// <summary>
    /// A row of the product is bit-for-bit the same whatever the number of rows (a layer's output for one sample must
    /// not depend on the batch), across the thin-row path (1–3 rows), full and edge tiles, and the scalar tail columns.
    /// </summary>
    [Theory]
    [InlineData(13, 7)]
    [InlineData(40, 300)]
    [InlineData(17, 520)]
    public void RowsDoNotDependOnTheNumberOfRows(int n, int k)
    {
        const int M = 20;
        foreach (int bits in new[] { 0, 128, 256 })
        {
            foreach (bool transposeA in new[] { false, true })
            {
                int lda = transposeA ? M : k;
                float[] a = TestData.Uniform(M * k, 3), b = TestData.Uniform(k * n, 4), c0 = TestData.Uniform(M * n, 5);
                float[] all = (float[])c0.Clone();
                Gemm.Multiply(a, lda, transposeA, b, n, all, n, M, n, k, true, bits);
                for (int m = 1; m <= 13; m++)
                {
                    float[] some = (float[])c0.Clone();
                    Gemm.Multiply(a, lda, transposeA, b, n, some, n, m, n, k, true, bits);
                    Assert.True(all.AsSpan(0, m * n).SequenceEqual(some.AsSpan(0, m * n)),
                        $"{bits}-bit, transposeA={transposeA}, {m} of {M} rows, n={n}, k={k}");
                }
            }
        }
    }

    [Fact]
    public void RepeatedCallsAllocateNothing()
    {
        float[] a = TestData.Uniform(300 * 300, 1), b = TestData.Uniform(300 * 300, 2), c = new float[300 * 300];
        foreach (int bits in new[] { 0, 128, 256 })
        {
            foreach (bool transposeA in new[] { false, true })
            {
                // The first call of the largest shape may grow this thread's packing buffers; nothing after it may allocate.
                Gemm.Multiply(a, 300, transposeA, b, 300, c, 300, 300, 300, 300, false, bits);
                long before = GC.GetAllocatedBytesForCurrentThread();
                Gemm.Multiply(a, 300, transposeA, b, 300, c, 300, 300, 300, 300, false, bits);
                Gemm.Multiply(a, 300, transposeA, b, 300, c, 300, 300, 300, 300, true, bits);
                Gemm.Multiply(a, 17, transposeA, b, 33, c, 33, 17, 33, 17, true, bits);
                Gemm.Multiply(a, 1, transposeA, b, 1, c, 1, 1, 1, 1, false, bits);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated == 0, $"{bits}-bit, transposeA={transposeA}: {allocated} bytes allocated");
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
