namespace OptGen.Training.Tests.Nn;

/// <summary>
/// The blocked SIMD multiply at every vector width, both operands as they are or transposed, against a naive triple
/// loop in double; and the same bits whatever the width, the split across threads or the number of rows.
/// </summary>
public class GemmTests
{
    private static readonly int[] Widths = [0, 128, 256, 512];

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
        foreach (int bits in Widths)
        {
            foreach ((bool ta, bool tb) in Transposes)
            {
                foreach (bool accumulate in new[] { false, true })
                    CheckOne(m, n, k, ta, tb, accumulate, bits, threads: 1, padding: 0);
            }
        }
    }

    private static readonly (bool A, bool B)[] Transposes = [(false, false), (true, false), (false, true), (true, true)];

    private static readonly int[] Sizes = [1, 2, 3, 5, 7, 8, 13, 16, 17, 31, 33, 64, 65];

    /// <summary>
    /// Every (m, n, k) where a dimension is 1 or the three are equal, plus a seeded sample of the other triples of
    /// <see cref="Sizes"/>, plus shapes that cross the packed path's k blocks (256), row blocks (144) and column
    /// blocks (1024) and tile edges on both sides.
    /// </summary>
    private static (int M, int N, int K)[] Shapes()
    {
        var shapes = new List<(int, int, int)>();
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

    public static TheoryData<int, bool, bool, bool> Variants()
    {
        var data = new TheoryData<int, bool, bool, bool>();
        foreach (int bits in Widths)
        {
            foreach ((bool ta, bool tb) in Transposes)
            {
                foreach (bool accumulate in new[] { false, true })
                    data.Add(bits, ta, tb, accumulate);
            }
        }
        return data;
    }

    /// <summary>
    /// The dense layer's forward (<c>Y += X·Wᵀ</c>: B transposed, accumulate), weight gradient (<c>dW += dYᵀ·X</c>: A
    /// transposed, accumulate), input gradient (<c>dX = dY·W</c>: overwrite) and every other combination, each at one
    /// vector width, over many shapes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Variants))]
    public void MatchesNaiveReferenceOverManyShapes(int bits, bool transposeA, bool transposeB, bool accumulate)
    {
        foreach ((int m, int n, int k) in Shapes())
            CheckOne(m, n, k, transposeA, transposeB, accumulate, bits, threads: 1, padding: 0);
    }

    /// <summary>
    /// Ragged sizes 1..70 in every dimension (and a few large ones), every transpose, split as for 1, 2 and 3 threads
    /// (so chunks of whole tiles with ragged last tiles, in rows, columns and both): each against the reference, and the
    /// split ones bit for bit equal to the unsplit one.
    /// </summary>
    [Theory]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    [InlineData(0)]
    public void RaggedSizesMatchTheReferenceAndDoNotDependOnTheSplit(int bits)
    {
        var rng = new NnRandom(11);
        // Plus a few that cross the k blocks (256), row blocks (144) and column blocks (1024) on both sides of a split.
        (int, int, int)[] large = [(150, 40, 520), (300, 33, 257), (7, 1100, 300), (145, 64, 1000)];
        for (int trial = 0; trial < 60 + large.Length; trial++)
        {
            int m = 1 + rng.NextInt(70), n = 1 + rng.NextInt(70), k = 1 + rng.NextInt(70);
            if (trial >= 60)
                (m, n, k) = large[trial - 60];
            (bool ta, bool tb) = Transposes[trial % 4];
            float[] single = CheckOne(m, n, k, ta, tb, accumulate: trial % 3 == 0, bits, threads: 1, padding: trial % 2);
            foreach (int threads in new[] { 2, 3 })
            {
                float[] split = CheckOne(m, n, k, ta, tb, accumulate: trial % 3 == 0, bits, threads, padding: trial % 2);
                Assert.True(single.AsSpan().SequenceEqual(split), $"{bits}-bit {m}x{n}x{k} ta={ta} tb={tb}: {threads} threads changed some bits");
            }
        }
    }

    /// <summary>The scalar loop and every vector kernel round every value the same way (the same k blocks and fused chains).</summary>
    [Theory]
    [InlineData(37, 45, 300, false, true)]
    [InlineData(2, 70, 520, true, false)]
    [InlineData(150, 33, 17, false, false)]
    public void EveryWidthGivesTheSameBits(int m, int n, int k, bool transposeA, bool transposeB)
    {
        float[] reference = CheckOne(m, n, k, transposeA, transposeB, accumulate: true, bits: 0, threads: 1, padding: 0);
        foreach (int bits in new[] { 128, 256, 512 })
            Assert.True(reference.AsSpan().SequenceEqual(CheckOne(m, n, k, transposeA, transposeB, true, bits, 1, 0)), $"{bits}-bit differs from scalar");
    }

    [Fact]
    public void EdgeTilesWithPaddedStridesLeaveThePaddingAlone()
    {
        foreach (int bits in Widths)
        {
            CheckOne(13, 17, 33, transposeA: false, transposeB: false, accumulate: false, bits, threads: 1, padding: 1);
            CheckOne(31, 33, 65, transposeA: true, transposeB: true, accumulate: true, bits, threads: 2, padding: 7);
            CheckOne(151, 23, 260, transposeA: true, transposeB: false, accumulate: false, bits, threads: 3, padding: 2);
            CheckOne(20, 40, 19, transposeA: false, transposeB: true, accumulate: false, bits, threads: 4, padding: 3);
        }
    }

    [Fact]
    public void ZeroSizedProductsOnlyClearOrKeepC()
    {
        foreach (int bits in Widths)
        {
            foreach (int threads in new[] { 1, 2 })
            {
                float[] c = [1, 2, 3, 4, 5, 6];
                Gemm.Multiply([], 0, false, [], 3, false, c, 3, 2, 3, 0, accumulate: true, bits, threads);
                Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, c);
                Gemm.Multiply([], 0, false, [], 3, false, c, 3, 2, 3, 0, accumulate: false, bits, threads);
                Assert.Equal(new float[6], c);
            }
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
        foreach (int bits in Widths)
        {
            foreach ((bool ta, bool tb) in Transposes)
            {
                int lda = ta ? M : k, ldb = tb ? k : n;
                float[] a = TestData.Uniform(M * k, 3), b = TestData.Uniform(k * n, 4), c0 = TestData.Uniform(M * n, 5);
                float[] all = (float[])c0.Clone();
                Gemm.Multiply(a, lda, ta, b, ldb, tb, all, n, M, n, k, true, bits, threads: 1);
                for (int m = 1; m <= 13; m++)
                {
                    float[] some = (float[])c0.Clone();
                    Gemm.Multiply(a, lda, ta, b, ldb, tb, some, n, m, n, k, true, bits, threads: 1);
                    Assert.True(all.AsSpan(0, m * n).SequenceEqual(some.AsSpan(0, m * n)),
                        $"{bits}-bit, transposeA={ta}, transposeB={tb}, {m} of {M} rows, n={n}, k={k}");
                }
            }
        }
    }

    /// <summary>
    /// A product cut for many threads is cut into that many rectangles (two per thread in tests): no fixed cap, so a
    /// 16-core machine runs 16 (the network's passes were once capped at 8 chunks, and so at 8 cores).
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(16)]
    public void ManyThreadsGetAsManyRectangles(int threads)
    {
        (int m, int n, int k) = (384, 512, 16); // 64 row tiles, 16 or more column tiles at every width
        float[] reference = CheckOne(m, n, k, false, false, accumulate: false, bits: 256, threads: 1, padding: 0);
        float[] split = CheckOne(m, n, k, false, false, accumulate: false, bits: 256, threads, padding: 0);
        Assert.Equal(2 * threads, Gemm.LastChunks);
        Assert.True(reference.AsSpan().SequenceEqual(split), $"{threads} threads changed some bits");
    }

    /// <summary>
    /// A product takes one thread per half threshold of multiply-adds: below the threshold one, a small product on 16
    /// cores a few (an optdigits layer, 32 × 64 × 256, takes 4), a large one every thread it may use.
    /// </summary>
    [Fact]
    public void SmallProductsTakeFewThreads()
    {
        int[] got = SimdPolicyScope.With(threshold: 1 << 18, body: () => new[]
        {
            NnParallel.ThreadsForWork(200_000, 16),
            NnParallel.ThreadsForWork(32 * 64 * 256, 16),
            NnParallel.ThreadsForWork(64L * 256 * 784, 16),
            NnParallel.ThreadsForWork(1 << 18, 2),
            NnParallel.ThreadsForWork(1L << 30, 1),
        });
        Assert.Equal([1, 4, 16, 2, 1], got);
    }

    [Fact]
    public void RepeatedCallsAllocateNothing()
    {
        float[] a = TestData.Uniform(300 * 300, 1), b = TestData.Uniform(300 * 300, 2), c = new float[300 * 300];
        foreach (int bits in Widths)
        {
            foreach ((bool ta, bool tb) in Transposes)
            {
                foreach (int threads in new[] { 1, 2 })
                {
                    // The first call of the largest shape may grow the packing buffers; nothing after it may allocate.
                    Gemm.Multiply(a, 300, ta, b, 300, tb, c, 300, 300, 300, 300, false, bits, threads);
                    long allocated = Allocations.Least(() =>
                    {
                        Gemm.Multiply(a, 300, ta, b, 300, tb, c, 300, 300, 300, 300, false, bits, threads);
                        Gemm.Multiply(a, 300, ta, b, 300, tb, c, 300, 300, 300, 300, true, bits, threads);
                        Gemm.Multiply(a, 17, ta, b, 33, tb, c, 33, 17, 33, 17, true, bits, threads);
                        Gemm.Multiply(a, 1, ta, b, 1, tb, c, 1, 1, 1, 1, false, bits, threads);
                    });
                    Assert.True(allocated == 0, $"{bits}-bit, ta={ta}, tb={tb}, {threads} threads: {allocated} bytes allocated");
                }
            }
        }
    }

    [Fact]
    public void HonoursRowStrides()
    {
        foreach (int bits in Widths)
        {
            CheckOne(7, 19, 11, transposeA: false, transposeB: true, accumulate: true, bits, threads: 1, padding: 3);
            CheckOne(7, 19, 11, transposeA: true, transposeB: false, accumulate: false, bits, threads: 2, padding: 5);
        }
    }

    [Fact]
    public void BadSpansAreRejectedWithTheOperandNamed()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], false, new float[6], false, new float[4], 2, 2, 3, false));
        Assert.Contains("a has 5 elements", ex.Message);
        // B transposed is n x k: 2 x 3 needs 6 values.
        ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[6], false, new float[5], true, new float[4], 2, 2, 3, false));
        Assert.Contains("b has 5 elements; a 2x3 matrix", ex.Message);
        var shared = new float[16];
        ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(shared.AsSpan(0, 4), false, new float[4], false, shared.AsSpan(2, 4), 2, 2, 2, true));
        Assert.Contains("overlaps", ex.Message);
        Assert.Equal(new float[16], shared); // nothing written
    }

    /// <summary>Checks one product against the double-precision reference and returns C (padding included).</summary>
    private static float[] CheckOne(int m, int n, int k, bool transposeA, bool transposeB, bool accumulate, int bits, int threads, int padding)
    {
        int aRows = transposeA ? k : m, aCols = transposeA ? m : k;
        int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        int lda = aCols + padding, ldb = bCols + padding, ldc = n + padding;
        float[] a = TestData.Uniform(aRows * lda, (ulong)(m * 1000 + k));
        float[] b = TestData.Uniform(bRows * ldb, (ulong)(n * 1000 + k));
        float[] c = TestData.Uniform(m * ldc, 99);
        float[] before = (float[])c.Clone();
        Gemm.Multiply(a, lda, transposeA, b, ldb, transposeB, c, ldc, m, n, k, accumulate, bits, threads);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = accumulate ? before[i * ldc + j] : 0;
                for (int p = 0; p < k; p++)
                    expected += (double)(transposeA ? a[p * lda + i] : a[i * lda + p]) * (transposeB ? b[j * ldb + p] : b[p * ldb + j]);
                Assert.True(Math.Abs(c[i * ldc + j] - expected) <= 1e-5 * (k + 1),
                    $"{bits}-bit, {m}x{n}x{k}, ta={transposeA}, tb={transposeB}, accumulate={accumulate}, {threads} threads: C[{i},{j}] = {c[i * ldc + j]}, expected {expected}");
            }
            for (int j = n; j < ldc; j++)
                Assert.Equal(before[i * ldc + j], c[i * ldc + j]); // padding untouched
        }
        return c;
    }
    /// <summary>
    /// What <see cref="OptGen.Nn.GemmBlock.PackSizesUpTo"/> reserves (a group thread's GEMM job, for Muon's products in
    /// a group) holds the packed blocks of a whole product no larger than that in any size, at every packing width.
    /// </summary>
    [Fact]
    public unsafe void PackSizesUpToHoldEveryProductNoLarger()
    {
        foreach (int size in new[] { 1, 5, 24, 40, 64, 145, 300, 1100 })
        {
            (int maxA, int maxB) = OptGen.Nn.GemmBlock.PackSizesUpTo(size);
            int[] sizes = [.. new[] { 1, 2, 6, 7, 17, size / 2, size - 1, size }.Where(x => x >= 1 && x <= size).Distinct()];
            foreach (int width in new[] { 128, 256, 512 })
            {
                foreach (int m in sizes)
                {
                    foreach (int n in sizes)
                    {
                        foreach (int k in sizes)
                        {
                            var problem = new OptGen.Nn.GemmProblem(null, 1, 1, null, 1, 1, null, 1, m, n, k, false, width);
                            (int a, int b) = OptGen.Nn.GemmBlock.PackSizes(in problem, m, n);
                            Assert.True(a <= maxA && b <= maxB, $"{m}x{n}x{k} at {width} bits packs {a} and {b} floats; {size} reserves {maxA} and {maxB}");
                        }
                    }
                }
            }
        }
    }
}
