using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OptGen.Nn;

/// <summary>
/// Single-precision matrix multiply for the dense layers: <c>C = op(A) · B</c> or <c>C += op(A) · B</c>, all
/// row-major, where <c>op(A)</c> is <c>A</c> or its transpose. Blocked as in BLIS/GotoBLAS: a <c>KC×NC</c> block of B
/// is packed into contiguous 16-column (8 at 128 bits) panels, an <c>MC×KC</c> block of op(A) into 6-row panels, and a
/// 6×16 register-tiled micro-kernel (12 accumulators; Vector256 + FMA, else a 6×8 Vector128 tile) streams both panels
/// sequentially; products of 1–3 rows skip the packing. Without SIMD a scalar loop runs; all capped by
/// <see cref="SimdPolicy.MaxVectorBits"/>. The packing buffers are per thread and only grow, so a call allocates
/// nothing after the first of its size.
/// </summary>
public static class Gemm
{
    // Scalar path: a 64 x 256 float panel of B is 64 KiB, small enough to stay in L2 while the rows of A stream past it.
    private const int KBlock = 64;
    private const int NBlock = 256;

    // Packed path. MR x NR is the micro-kernel's tile. A KC x 16 panel of B (16 KiB) and a 6 x KC panel of A (6 KiB)
    // fit L1 together; the MC x KC block of A (at most 144 KiB) stays in L2; the KC x NC block of B in L2/L3.
    internal const int MR = 6;
    private const int KC = 256;
    private const int MC = 144;
    private const int NC = 1024;
    private const int MaxNR = GemmKernel256.NR;

    // Below this many rows the micro-kernel would mostly multiply packing zeros: a row at a time against B as it is.
    private const int ThinRows = 4;

    [ThreadStatic] private static PackBuffers? t_buffers;

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
        if (width == 0)
        {
            MultiplyScalar(ref ra, rowStride, colStride, ref rb, ldb, ref rc, ldc, m, n, k);
        }
        else if (m < ThinRows)
        {
            // The same k blocks as the packed path, so each row is rounded the same whatever the number of rows.
            int kcMax = KBlockSize(k);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                ref float bBlock = ref Unsafe.Add(ref rb, (nint)pc * ldb);
                for (int i = 0; i < m; i++)
                {
                    ref float ai = ref Unsafe.Add(ref ra, i * rowStride + pc * colStride);
                    ref float ci = ref Unsafe.Add(ref rc, (nint)i * ldc);
                    if (width == 256)
                        GemmKernel256.Row(n, kc, ref ai, colStride, ref bBlock, ldb, ref ci);
                    else
                        GemmKernel128.Row(n, kc, ref ai, colStride, ref bBlock, ldb, ref ci);
                }
            }
        }
        else
        {
            MultiplyPacked(width, ref ra, rowStride, colStride, ref rb, ldb, ref rc, ldc, m, n, k);
        }
    }

    private static void MultiplyPacked(int width, ref float a, nint rowStride, nint colStride, ref float b, nint ldb,
        ref float c, nint ldc, int m, int n, int k)
    {
        int nr = width == 256 ? GemmKernel256.NR : GemmKernel128.NR;
        int kcMax = KBlockSize(k);
        int mBlocks = (m + MC - 1) / MC;
        int mcMax = RoundUp((m + mBlocks - 1) / mBlocks, MR);
        int nBlocks = (n + NC - 1) / NC;
        int ncMax = RoundUp((n + nBlocks - 1) / nBlocks, nr);

        PackBuffers buffers = t_buffers ??= new PackBuffers();
        ref float packA = ref buffers.A(mcMax * kcMax);
        ref float packB = ref buffers.B(ncMax * kcMax);

        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                PackB(ref Unsafe.Add(ref b, pc * ldb + jc), ldb, kc, nc, nr, ref packB);
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    PackA(ref Unsafe.Add(ref a, ic * rowStride + pc * colStride), rowStride, colStride, mc, kc, ref packA);
                    ref float cBlock = ref Unsafe.Add(ref c, ic * ldc + jc);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);
                        ref float bPanel = ref Unsafe.Add(ref packB, (nint)jr * kc);
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int rows = Math.Min(MR, mc - ir);
                            ref float aPanel = ref Unsafe.Add(ref packA, (nint)ir * kc);
                            ref float cTile = ref Unsafe.Add(ref cBlock, ir * ldc + jr);
                            if (rows == MR && cols == nr)
                            {
                                Tile(width, kc, ref aPanel, ref bPanel, ref cTile, ldc);
                                continue;
                            }
                            // An edge of C: the kernel fills a zeroed scratch tile, of which the part inside C is added.
                            ref float scratch = ref MemoryMarshal.GetArrayDataReference(buffers.EdgeTile);
                            Unsafe.InitBlockUnaligned(ref Unsafe.As<float, byte>(ref scratch), 0, MR * MaxNR * sizeof(float));
                            Tile(width, kc, ref aPanel, ref bPanel, ref scratch, nr);
                            for (int r = 0; r < rows; r++)
                            {
                                ref float cr = ref Unsafe.Add(ref cTile, r * ldc);
                                ref float sr = ref Unsafe.Add(ref scratch, r * nr);
                                for (int j = 0; j < cols; j++)
                                    Unsafe.Add(ref cr, j) += Unsafe.Add(ref sr, j);
                            }
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int width, int kc, ref float aPanel, ref float bPanel, ref float c, nint ldc)
    {
        if (width == 256)
            GemmKernel256.Tile(kc, ref aPanel, ref bPanel, ref c, ldc);
        else
            GemmKernel128.Tile(kc, ref aPanel, ref bPanel, ref c, ldc);
    }

    /// <summary>
    /// Depth of the k blocks: equal blocks of at most <see cref="KC"/> (k = 300 is 150 + 150, not 256 + 44), since a
    /// thin last block would pay the C traffic for little work.
    /// </summary>
    private static int KBlockSize(int k)
    {
        int blocks = (k + KC - 1) / KC;
        return (k + blocks - 1) / blocks;
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>
    /// Packs op(A)[0..mc, 0..kc] into 6-row panels: panel <c>q</c> holds rows <c>6q..6q+5</c> at
    /// <c>dst[q·6·kc + p·6 + r]</c>, the rows past <paramref name="mc"/> zero.
    /// </summary>
    private static void PackA(ref float a, nint rowStride, nint colStride, int mc, int kc, ref float dst)
    {
        for (int i0 = 0; i0 < mc; i0 += MR)
        {
            int rows = Math.Min(MR, mc - i0);
            ref float src = ref Unsafe.Add(ref a, i0 * rowStride);
            ref float panel = ref Unsafe.Add(ref dst, (nint)i0 * kc);
            if (rows == MR && colStride == 1)
            {
                // Row-major A: six rows read side by side.
                ref float a0 = ref src;
                ref float a1 = ref Unsafe.Add(ref a0, rowStride);
                ref float a2 = ref Unsafe.Add(ref a1, rowStride);
                ref float a3 = ref Unsafe.Add(ref a2, rowStride);
                ref float a4 = ref Unsafe.Add(ref a3, rowStride);
                ref float a5 = ref Unsafe.Add(ref a4, rowStride);
                for (nint p = 0; p < kc; p++)
                {
                    ref float d = ref Unsafe.Add(ref panel, p * MR);
                    d = Unsafe.Add(ref a0, p);
                    Unsafe.Add(ref d, 1) = Unsafe.Add(ref a1, p);
                    Unsafe.Add(ref d, 2) = Unsafe.Add(ref a2, p);
                    Unsafe.Add(ref d, 3) = Unsafe.Add(ref a3, p);
                    Unsafe.Add(ref d, 4) = Unsafe.Add(ref a4, p);
                    Unsafe.Add(ref d, 5) = Unsafe.Add(ref a5, p);
                }
            }
            else if (rows == MR && rowStride == 1)
            {
                // Transposed A: the six values of one k are adjacent.
                for (nint p = 0; p < kc; p++)
                {
                    ref float s = ref Unsafe.Add(ref src, p * colStride);
                    ref float d = ref Unsafe.Add(ref panel, p * MR);
                    d = s;
                    Unsafe.Add(ref d, 1) = Unsafe.Add(ref s, 1);
                    Unsafe.Add(ref d, 2) = Unsafe.Add(ref s, 2);
                    Unsafe.Add(ref d, 3) = Unsafe.Add(ref s, 3);
                    Unsafe.Add(ref d, 4) = Unsafe.Add(ref s, 4);
                    Unsafe.Add(ref d, 5) = Unsafe.Add(ref s, 5);
                }
            }
            else
            {
                for (nint p = 0; p < kc; p++)
                {
                    ref float d = ref Unsafe.Add(ref panel, p * MR);
                    for (int r = 0; r < MR; r++)
                        Unsafe.Add(ref d, r) = r < rows ? Unsafe.Add(ref src, r * rowStride + p * colStride) : 0f;
                }
            }
        }
    }

    /// <summary>
    /// Packs B[0..kc, 0..nc] into <paramref name="nr"/>-column panels: panel <c>q</c> holds columns
    /// <c>nr·q..nr·q+nr-1</c> at <c>dst[q·nr·kc + p·nr + j]</c>, the columns past <paramref name="nc"/> zero.
    /// </summary>
    private static void PackB(ref float b, nint ldb, int kc, int nc, int nr, ref float dst)
    {
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int cols = Math.Min(nr, nc - j0);
            ref float src = ref Unsafe.Add(ref b, j0);
            ref float panel = ref Unsafe.Add(ref dst, (nint)j0 * kc);
            if (cols == nr)
            {
                for (nint p = 0; p < kc; p++)
                {
                    ref float s = ref Unsafe.Add(ref src, p * ldb);
                    ref float d = ref Unsafe.Add(ref panel, p * nr);
                    // nr is 8 or 16: two or four Vector128 copies (every SIMD width has Vector128).
                    Vector128.LoadUnsafe(ref s).StoreUnsafe(ref d);
                    Vector128.LoadUnsafe(ref s, 4).StoreUnsafe(ref d, 4);
                    if (nr == 16)
                    {
                        Vector128.LoadUnsafe(ref s, 8).StoreUnsafe(ref d, 8);
                        Vector128.LoadUnsafe(ref s, 12).StoreUnsafe(ref d, 12);
                    }
                }
            }
            else
            {
                for (nint p = 0; p < kc; p++)
                {
                    ref float s = ref Unsafe.Add(ref src, p * ldb);
                    ref float d = ref Unsafe.Add(ref panel, p * nr);
                    int j = 0;
                    for (; j < cols; j++)
                        Unsafe.Add(ref d, j) = Unsafe.Add(ref s, j);
                    for (; j < nr; j++)
                        Unsafe.Add(ref d, j) = 0f;
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

    /// <summary>Scalar path, blocked over k and n; adds op(A) · B to C.</summary>
    private static void MultiplyScalar(ref float a, nint rowStride, nint colStride, ref float b, nint ldb,
        ref float c, nint ldc, int m, int n, int k)
    {
        for (int p0 = 0; p0 < k; p0 += KBlock)
        {
            int kb = Math.Min(KBlock, k - p0);
            for (int j0 = 0; j0 < n; j0 += NBlock)
            {
                int nb = Math.Min(NBlock, n - j0);
                ref float aBlock = ref Unsafe.Add(ref a, p0 * colStride);
                ref float bBlock = ref Unsafe.Add(ref b, p0 * ldb + j0);
                ref float cBlock = ref Unsafe.Add(ref c, j0);
                for (int i = 0; i < m; i++)
                {
                    ref float ai = ref Unsafe.Add(ref aBlock, i * rowStride);
                    ref float ci = ref Unsafe.Add(ref cBlock, i * ldc);
                    for (int j = 0; j < nb; j++)
                    {
                        float acc = Unsafe.Add(ref ci, j);
                        for (int p = 0; p < kb; p++)
                            acc += Unsafe.Add(ref ai, p * colStride) * Unsafe.Add(ref bBlock, p * ldb + j);
                        Unsafe.Add(ref ci, j) = acc;
                    }
                }
            }
        }
    }

    /// <summary>
    /// One thread's packing scratch: pinned arrays (so their 64-byte-aligned start stays put) that only grow, so
    /// every call after the first of a given size allocates nothing.
    /// </summary>
    private sealed class PackBuffers
    {
        private float[] _a = [], _b = [];

        /// <summary>A 6×16 tile that edge tiles of C are computed into.</summary>
        public readonly float[] EdgeTile = new float[MR * MaxNR];

        private int _aOffset, _bOffset;

        public ref float A(int length) => ref Get(ref _a, ref _aOffset, length);

        public ref float B(int length) => ref Get(ref _b, ref _bOffset, length);

        private static ref float Get(ref float[] array, ref int offset, int length)
        {
            if (array.Length - offset < length)
            {
                // Grow by at least half, plus 16 floats of slack to align the start to a cache line.
                int size = Math.Max(length, array.Length + array.Length / 2) + 16;
                array = GC.AllocateUninitializedArray<float>(size, pinned: true);
                offset = AlignmentOffset(array);
            }
            return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), offset);
        }

        private static unsafe int AlignmentOffset(float[] pinned)
        {
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
            return (int)((64 - (address & 63)) & 63) / sizeof(float);
        }
    }
}
