using System;
using System.Runtime.Intrinsics;
using OptGen.Internal;

namespace OptGen.Nn;

/// <summary>
/// Single-precision matrix multiply for the dense layers: <c>C = op(A) · op(B)</c> or <c>C += op(A) · op(B)</c>, all
/// row-major, where <c>op(X)</c> is <c>X</c> or its transpose; a transposed operand is read where it lies, never
/// copied whole. Blocked as in BLIS/GotoBLAS: a <c>KC×NC</c> block of op(B) is packed into contiguous panels of two
/// vectors' columns (32 at 512 bits, 16 at 256, 8 at 128), an <c>MC×KC</c> block of op(A) into 6-row panels, and a
/// 6-row × 2-vector register-tiled micro-kernel (12 accumulators; Vector512, Vector256 + FMA or Vector128) streams
/// both panels sequentially; products of 1–3 rows skip the packing. Without SIMD a scalar loop runs; all capped by
/// <see cref="SimdPolicy.MaxVectorBits"/>.
/// </summary>
/// <remarks>
/// A product of at least <see cref="SimdPolicy.ParallelThreshold"/> multiply-adds is split across cores (one per half
/// of that, at most <see cref="SimdPolicy.MaxThreads"/>) by blocks of rows and columns of C, each with packing buffers
/// of its own.
/// Every value of C is summed in the same order (fixed k blocks, each an FMA chain from zero added to C) whatever the
/// split, the vector width or the number of rows, so the result is bit-identical on any number of cores and at any
/// width on hardware with FMA. The buffers only grow, so a call allocates nothing after the first of its size.
/// </remarks>
public static class Gemm
{
    /// <summary>Rows of the micro-kernel's tile.</summary>
    internal const int MR = 6;

    /// <summary>Below this many rows the micro-kernel would mostly multiply packing zeros: a row at a time against B as it is.</summary>
    internal const int ThinRows = 4;

    [ThreadStatic] private static GemmJob? t_job;

    /// <summary>Rectangles the last product on this thread was cut into (for tests).</summary>
    internal static int LastChunks => t_job?.Chunks ?? 0;

    /// <summary>
    /// Computes <c>C[m×n] = op(A)[m×k] · op(B)[k×n]</c>, or adds it to <paramref name="c"/> when <paramref name="accumulate"/>.
    /// <paramref name="a"/> is <c>m×k</c> with row stride <paramref name="lda"/>, or <c>k×m</c> when
    /// <paramref name="transposeA"/>; <paramref name="b"/> is <c>k×n</c> with row stride <paramref name="ldb"/>, or
    /// <c>n×k</c> when <paramref name="transposeB"/> (so <c>x · Wᵀ</c> for a weight <c>W[out, in]</c> reads W as it
    /// is); <paramref name="c"/> is <c>m×n</c> with row stride <paramref name="ldc"/> and must not overlap the others.
    /// </summary>
    public static void Multiply(ReadOnlySpan<float> a, int lda, bool transposeA, ReadOnlySpan<float> b, int ldb, bool transposeB,
        Span<float> c, int ldc, int m, int n, int k, bool accumulate)
        => Multiply(a, lda, transposeA, b, ldb, transposeB, c, ldc, m, n, k, accumulate, SimdPolicy.MaxVectorBits, threads: 0);

    /// <summary>Row-major shorthand: <c>C[m×n] (+)= op(A) · op(B)</c> with tight strides.</summary>
    public static void Multiply(ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, bool transposeB, Span<float> c,
        int m, int n, int k, bool accumulate)
        => Multiply(a, transposeA ? m : k, transposeA, b, transposeB ? k : n, transposeB, c, n, m, n, k, accumulate);

    /// <summary>
    /// The multiply at vector width <paramref name="maxVectorBits"/> at most, split as for <paramref name="threads"/>
    /// threads whatever its size (0: as <see cref="SimdPolicy"/> and the size decide). For tests and benchmarks.
    /// </summary>
    internal static unsafe void Multiply(ReadOnlySpan<float> a, int lda, bool transposeA, ReadOnlySpan<float> b, int ldb, bool transposeB,
        Span<float> c, int ldc, int m, int n, int k, bool accumulate, int maxVectorBits, int threads)
    {
        Validate(a.Length, lda, transposeA ? k : m, transposeA ? m : k, nameof(a));
        Validate(b.Length, ldb, transposeB ? n : k, transposeB ? k : n, nameof(b));
        Validate(c.Length, ldc, m, n, nameof(c));
        if (!c.IsEmpty && (c.Overlaps(a) || c.Overlaps(b)))
            throw new ArgumentException($"The product {nameof(c)} overlaps an operand: C cannot be computed in place of A or B.", nameof(c));
        if (m == 0 || n == 0)
            return;
        int width = maxVectorBits >= 512 && Vector512.IsHardwareAccelerated ? 512
            : maxVectorBits >= 256 && Vector256.IsHardwareAccelerated ? 256
            : maxVectorBits >= 128 && Vector128.IsHardwareAccelerated ? 128 : 0;
        bool anySize = threads > 0;
        // In a group of tensors (Kernels.RunTensorPrograms) every core has a group already: the product stays on this
        // thread, with the group's job for it (its packing buffers grown before the run). Its bits are the same.
        GemmJob? groupJob = GroupThreadBuffers.CurrentGemm;
        if (!anySize)
            threads = groupJob is not null ? 1 : NnParallel.ThreadsForWork((long)m * n * k);
        fixed (float* pa = a, pb = b, pc = c)
        {
            // op(A)[i, p] and op(B)[p, j] through two strides each: a transposed operand swaps them.
            var problem = new GemmProblem(
                pa, transposeA ? 1 : lda, transposeA ? lda : 1,
                pb, transposeB ? 1 : ldb, transposeB ? ldb : 1,
                pc, ldc, m, n, k, accumulate, width);
            (groupJob ?? (t_job ??= new GemmJob())).Run(in problem, threads, anySize);
        }
    }

    private static void Validate(int length, int ld, int rows, int cols, string name)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentOutOfRangeException(name, $"Matrix dimensions cannot be negative ({rows}x{cols} for {name}).");
        if (ld < cols)
            throw new ArgumentOutOfRangeException(name, ld, $"The row stride of {name} ({ld}) is smaller than its {cols} columns.");
        long needed = rows == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"{name} has {length} elements; a {rows}x{cols} matrix with row stride {ld} needs {needed}.", name);
    }
}
