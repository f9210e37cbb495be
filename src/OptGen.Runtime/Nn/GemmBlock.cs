using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Nn;

/// <summary>
/// One product <c>C (+)= op(A) · op(B)</c> as <see cref="Gemm"/> hands it to its chunks: pinned pointers, the strides
/// that read each operand as it lies (transposed or not), the sizes and the vector width.
/// </summary>
internal readonly unsafe struct GemmProblem(
    float* a, nint aRowStride, nint aColStride, float* b, nint bDepthStride, nint bColStride, float* c, nint ldc,
    int m, int n, int k, bool accumulate, int width)
{
    /// <summary>op(A)[i, p] is at <c>A[i·ARowStride + p·AColStride]</c>.</summary>
    public readonly float* A = a;
    public readonly nint ARowStride = aRowStride, AColStride = aColStride;

    /// <summary>op(B)[p, j] is at <c>B[p·BDepthStride + j·BColStride]</c>.</summary>
    public readonly float* B = b;
    public readonly nint BDepthStride = bDepthStride, BColStride = bColStride;

    public readonly float* C = c;
    public readonly nint Ldc = ldc;
    public readonly int M = m, N = n, K = k;
    public readonly bool Accumulate = accumulate;

    /// <summary>512, 256 or 128 (the micro-kernel's vector width), or 0 for the scalar loop.</summary>
    public readonly int Width = width;

    /// <summary>Columns of the micro-kernel's tile (16 for the scalar loop, which only uses it to cut chunks).</summary>
    public int NR => Width == 0 ? 16 : 2 * Width / (8 * sizeof(float)); // two vectors of floats

    /// <summary>
    /// Too few rows to pay for packing B: each row runs against B as it lies, which needs B's columns contiguous.
    /// (A transposed B is packed whatever the rows.)
    /// </summary>
    public bool Thin => Width != 0 && M < Gemm.ThinRows && BColStride == 1;

    /// <summary>Whether the product packs its operands (and so needs a chunk's packing buffers).</summary>
    public bool Packs => Width != 0 && !Thin;
}

/// <summary>
/// Computes one rectangle of C: BLIS/GotoBLAS blocking with packed panels for the micro-kernel, a row at a time for
/// thin products, or the scalar loop. The k blocks are fixed by k alone and each C value is updated once per k block
/// with an FMA chain started from zero (in every path, at every width), so a value of C is the same bits whichever
/// rectangle, chunk or thread computes it.
/// </summary>
internal static unsafe class GemmBlock
{
    // A KC x 16 panel of B (16 KiB) and a 6 x KC panel of A (6 KiB) fit L1 together; the MC x KC block of A (at most
    // 144 KiB) stays in L2; the KC x NC block of B in L2/L3. At 512 bits a B panel is 32 columns (32 KiB) and lives
    // partly in L2, which feeds its two vectors per 12 FMAs with room to spare. KC is the same at every width: the k
    // blocks fix the order of the sums, so it cannot follow the width without changing the bits.
    private const int KC = 256;
    private const int MC = 144;
    private const int NC = 1024;

    // Scalar loop: a KC x 256 block of B stays in L2 while the rows of A stream past it.
    private const int ScalarColumns = 256;

    /// <summary>
    /// Depth of the k blocks: equal blocks of at most <see cref="KC"/> (k = 300 is 150 + 150, not 256 + 44), since a
    /// thin last block would pay the C traffic for little work.
    /// </summary>
    public static int KBlockSize(int k)
    {
        int blocks = Math.Max(1, (k + KC - 1) / KC);
        return (k + blocks - 1) / blocks;
    }

    /// <summary>The row-block and column-block sizes for an <paramref name="m"/> × <paramref name="n"/> rectangle: equal blocks, whole tiles.</summary>
    public static (int Rows, int Cols) BlockSizes(int m, int n, int nr)
    {
        int mBlocks = Math.Max(1, (m + MC - 1) / MC);
        int nBlocks = Math.Max(1, (n + NC - 1) / NC);
        return (RoundUp((m + mBlocks - 1) / mBlocks, Gemm.MR), RoundUp((n + nBlocks - 1) / nBlocks, nr));
    }

    /// <summary>
    /// The most floats of packed A and packed B a rectangle of a product whose sizes (m, n and k) are at most
    /// <paramref name="size"/> needs: blocks are at most <see cref="MC"/> rows in whole 6-row tiles, <see cref="NC"/>
    /// columns in whole panels (of at most 32, the widest width's) and <see cref="KC"/> deep, and never more than the
    /// product has.
    /// </summary>
    public static (int A, int B) PackSizesUpTo(int size)
    {
        int depth = Math.Min(size, KC);
        return (RoundUp(Math.Min(size, MC), Gemm.MR) * depth, RoundUp(Math.Min(size, NC), 32) * depth);
    }

    /// <summary>Floats of packed A and packed B that a rectangle of <paramref name="m"/> × <paramref name="n"/> needs.</summary>
    public static (int A, int B) PackSizes(in GemmProblem p, int m, int n)
    {
        (int mc, int nc) = BlockSizes(m, n, p.NR);
        int kc = KBlockSize(p.K);
        return (mc * kc, nc * kc);
    }

    /// <summary>Computes rows <paramref name="i0"/>..<paramref name="i1"/> and columns <paramref name="j0"/>..<paramref name="j1"/> of C.</summary>
    public static void Run(in GemmProblem p, int i0, int i1, int j0, int j1, GemmBuffers buffers)
    {
        if (i1 <= i0 || j1 <= j0)
            return;
        if (!p.Accumulate)
        {
            for (int i = i0; i < i1; i++)
                new Span<float>(p.C + i * p.Ldc + j0, j1 - j0).Clear();
        }
        if (p.K == 0)
            return;
        if (p.Width == 0)
            Scalar(in p, i0, i1, j0, j1);
        else if (p.Width == 128)
            Vector<Vector128<float>, Width128>(in p, i0, i1, j0, j1, buffers);
        else if (p.Width == 512)
            Vector<Vector512<float>, Width512>(in p, i0, i1, j0, j1, buffers);
        else
            Vector<Vector256<float>, Width256>(in p, i0, i1, j0, j1, buffers);
    }

    private static void Vector<TVector, TWidth>(in GemmProblem p, int i0, int i1, int j0, int j1, GemmBuffers buffers)
        where TVector : struct
        where TWidth : struct, IGemmWidth<TVector>
    {
        ref float a = ref Unsafe.AsRef<float>(p.A + i0 * p.ARowStride);
        ref float b = ref Unsafe.AsRef<float>(p.B + j0 * p.BColStride);
        ref float c = ref Unsafe.AsRef<float>(p.C + i0 * p.Ldc + j0);
        if (p.Thin)
            Thin<TVector, TWidth>(in p, ref a, ref b, ref c, i1 - i0, j1 - j0);
        else
            Packed<TVector, TWidth>(in p, ref a, ref b, ref c, i1 - i0, j1 - j0, buffers);
    }

    private static void Thin<TVector, TWidth>(in GemmProblem p, ref float a, ref float b, ref float c, int m, int n)
        where TVector : struct
        where TWidth : struct, IGemmWidth<TVector>
    {
        int kcMax = KBlockSize(p.K);
        for (int pc = 0; pc < p.K; pc += kcMax)
        {
            int kc = Math.Min(kcMax, p.K - pc);
            ref float bBlock = ref Unsafe.Add(ref b, pc * p.BDepthStride);
            for (int i = 0; i < m; i++)
            {
                ref float ai = ref Unsafe.Add(ref a, i * p.ARowStride + pc * p.AColStride);
                GemmKernel<TVector, TWidth>.Row(n, kc, ref ai, p.AColStride, ref bBlock, p.BDepthStride, ref Unsafe.Add(ref c, i * p.Ldc));
            }
        }
    }

    private static void Packed<TVector, TWidth>(in GemmProblem p, ref float a, ref float b, ref float c, int m, int n, GemmBuffers buffers)
        where TVector : struct
        where TWidth : struct, IGemmWidth<TVector>
    {
        int nr = GemmKernel<TVector, TWidth>.NR;
        const int MR = Gemm.MR;
        int kcMax = KBlockSize(p.K);
        (int mcMax, int ncMax) = BlockSizes(m, n, nr);
        ref float packA = ref buffers.A(mcMax * kcMax);
        ref float packB = ref buffers.B(ncMax * kcMax);
        ref float scratch = ref buffers.EdgeTile;
        nint ldc = p.Ldc;

        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < p.K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, p.K - pc);
                GemmPacking.PackB(ref Unsafe.Add(ref b, pc * p.BDepthStride + jc * p.BColStride), p.BDepthStride, p.BColStride, kc, nc, nr, ref packB);
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    GemmPacking.PackA(ref Unsafe.Add(ref a, ic * p.ARowStride + pc * p.AColStride), p.ARowStride, p.AColStride, mc, kc, ref packA);
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
                                GemmKernel<TVector, TWidth>.Tile(kc, ref aPanel, ref bPanel, ref cTile, ldc);
                                continue;
                            }
                            // An edge of C: the kernel fills a zeroed scratch tile, of which the part inside C is added.
                            Unsafe.InitBlockUnaligned(ref Unsafe.As<float, byte>(ref scratch), 0, (uint)(MR * nr * sizeof(float)));
                            GemmKernel<TVector, TWidth>.Tile(kc, ref aPanel, ref bPanel, ref scratch, nr);
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

    /// <summary>
    /// No SIMD (or <see cref="SimdPolicy.MaxVectorBits"/> = 0): the same k blocks and the same fused chain per block as
    /// the micro-kernel (<c>float.MultiplyAddEstimate</c> fuses exactly when the vector form does), so the scalar
    /// product has the same bits as the vector ones.
    /// </summary>
    private static void Scalar(in GemmProblem p, int i0, int i1, int j0, int j1)
    {
        int kcMax = KBlockSize(p.K);
        for (int pc = 0; pc < p.K; pc += kcMax)
        {
            int kc = Math.Min(kcMax, p.K - pc);
            for (int jb = j0; jb < j1; jb += ScalarColumns)
            {
                int jEnd = Math.Min(j1, jb + ScalarColumns);
                for (int i = i0; i < i1; i++)
                {
                    float* ai = p.A + i * p.ARowStride + pc * p.AColStride;
                    float* ci = p.C + i * p.Ldc;
                    for (int j = jb; j < jEnd; j++)
                    {
                        float* bj = p.B + pc * p.BDepthStride + j * p.BColStride;
                        float acc = 0f;
                        for (int q = 0; q < kc; q++)
                            acc = float.MultiplyAddEstimate(ai[q * p.AColStride], bj[q * p.BDepthStride], acc);
                        ci[j] += acc;
                    }
                }
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
