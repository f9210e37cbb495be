using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OptGen.Nn;

/// <summary>
/// Single-precision matrix multiply for the dense layers: <c>C = op(A) · B</c> or <c>C += op(A) · B</c>, all
/// row-major, where <c>op(A)</c> is <c>A</c> or its transpose. Blocked over k and n so a panel of B stays in cache,
/// with a 4-row register-tiled micro-kernel (Vector256 + FMA, else Vector128, else scalar; capped by
/// <see cref="SimdPolicy.MaxVectorBits"/>).
/// </summary>
public static class Gemm
{
    // A 64 x 256 float panel of B is 64 KiB: small enough to stay in L2 while every row block of A streams past it.
    private const int KBlock = 64;
    private const int NBlock = 256;

    /// <summary>
    /// Computes <c>C[m×n] = op(A)[m×k] · B[k×n]</c>, or adds it to <paramref name="c"/> when <paramref name="accumulate"/>.
    /// <paramref name="a"/> is <c>m×k</c> with row stride <paramref name="lda"/>, or <c>k×m</c> when
    /// <paramref name="transposeA"/>; <paramref name="b"/> is <c>k×n</c> with row stride <paramref name="ldb"/>;
    /// <paramref name="c"/> is <c>m×n</c> with row stride <paramref name="ldc"/>.
    /// </summary>
    public static void Multiply(ReadOnlySpan<float> a, int lda, bool transposeA, ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc, int m, int n, int k, bool accumulate)
        => Multiply(a, lda, transposeA, b, ldb, c, ldc, m, n, k, accumulate, SimdPolicy.MaxVectorBits);

    /// <summary>Row-major shorthand: <c>C[m×n] (+)= op(A) · B</c> with tight strides.</summary>
    public static void Multiply(ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate)
        => Multiply(a, transposeA ? m : k, transposeA, b, n, c, n, m, n, k, accumulate, SimdPolicy.MaxVectorBits);

    /// <summary>Writes the transpose of the <paramref name="rows"/>×<paramref name="cols"/> matrix <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static void Transpose(ReadOnlySpan<float> source, int rows, int cols, Span<float> destination)
    {
        if (source.Length < rows * cols || destination.Length < rows * cols)
            throw new ArgumentException($"Transpose of {rows}x{cols} needs {rows * cols} elements in both spans.");
        // 8x8 tiles keep both the reads and the writes within a few cache lines.
        for (int r0 = 0; r0 < rows; r0 += 8)
        {
            int r1 = Math.Min(r0 + 8, rows);
            for (int c0 = 0; c0 < cols; c0 += 8)
            {
                int c1 = Math.Min(c0 + 8, cols);
                for (int r = r0; r < r1; r++)
                {
                    for (int col = c0; col < c1; col++)
                        destination[col * rows + r] = source[r * cols + col];
                }
            }
        }
    }

    internal static void Multiply(ReadOnlySpan<float> a, int lda, bool transposeA, ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc, int m, int n, int k, bool accumulate, int maxVectorBits)
    {
        Validate(a.Length, lda, transposeA ? k : m, transposeA ? m : k, nameof(a));
        Validate(b.Length, ldb, k, n, nameof(b));
        Validate(c.Length, ldc, m, n, nameof(c));
        if (!accumulate)
        {
            for (int i = 0; i < m; i++)
                c.Slice(i * ldc, n).Clear();
        }
        if (m == 0 || n == 0 || k == 0)
            return;

        // op(A)[i, p] lives at a[i * rowStride + p * colStride].
        nint rowStride = transposeA ? 1 : lda;
        nint colStride = transposeA ? lda : 1;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);
        int width = maxVectorBits >= 256 && Vector256.IsHardwareAccelerated ? 256
            : maxVectorBits >= 128 && Vector128.IsHardwareAccelerated ? 128 : 0;

        for (int p0 = 0; p0 < k; p0 += KBlock)
        {
            int kb = Math.Min(KBlock, k - p0);
            for (int j0 = 0; j0 < n; j0 += NBlock)
            {
                int nb = Math.Min(NBlock, n - j0);
                ref float aBlock = ref Unsafe.Add(ref ra, p0 * colStride);
                ref float bBlock = ref Unsafe.Add(ref rb, (nint)p0 * ldb + j0);
                ref float cBlock = ref Unsafe.Add(ref rc, j0);
                var blk = new Block(rowStride, colStride, ldb, ldc, m, nb, kb);
                switch (width)
                {
                    case 256: GemmKernel256.Run(in blk, ref aBlock, ref bBlock, ref cBlock); break;
                    case 128: GemmKernel128.Run(in blk, ref aBlock, ref bBlock, ref cBlock); break;
                    default: RunScalar(in blk, ref aBlock, ref bBlock, ref cBlock); break;
                }
            }
        }
    }

    private static void Validate(int length, int ld, int rows, int cols, string name)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentOutOfRangeException(name, "Matrix dimensions cannot be negative.");
        if (ld < cols)
            throw new ArgumentOutOfRangeException(name, ld, $"The row stride of {name} ({ld}) is smaller than its {cols} columns.");
        long needed = rows == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"{name} has {length} elements; a {rows}x{cols} matrix with row stride {ld} needs {needed}.", name);
    }

    /// <summary>Scalar path for one k×n block: also the tail of the vector kernels.</summary>
    internal static void RunScalar(in Block blk, ref float a, ref float b, ref float c)
    {
        for (int i = 0; i < blk.M; i++)
            ScalarColumns(in blk, ref a, ref b, ref c, i, 0);
    }

    /// <summary>Columns <paramref name="j0"/>..n of row <paramref name="i"/>, one at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ScalarColumns(in Block blk, ref float a, ref float b, ref float c, int i, int j0)
    {
        ref float ai = ref Unsafe.Add(ref a, i * blk.RowStride);
        ref float ci = ref Unsafe.Add(ref c, (nint)i * blk.Ldc);
        for (int j = j0; j < blk.N; j++)
        {
            float acc = Unsafe.Add(ref ci, j);
            for (int p = 0; p < blk.K; p++)
                acc += Unsafe.Add(ref ai, p * blk.ColStride) * Unsafe.Add(ref b, (nint)p * blk.Ldb + j);
            Unsafe.Add(ref ci, j) = acc;
        }
    }

    /// <summary>Shape and strides of one block of the product.</summary>
    internal readonly struct Block(nint rowStride, nint colStride, int ldb, int ldc, int m, int n, int k)
    {
        public readonly nint RowStride = rowStride;
        public readonly nint ColStride = colStride;
        public readonly int Ldb = ldb;
        public readonly int Ldc = ldc;
        public readonly int M = m;
        public readonly int N = n;
        public readonly int K = k;
    }
}
