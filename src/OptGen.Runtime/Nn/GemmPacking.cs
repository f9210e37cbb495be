using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OptGen.Nn;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous panels the micro-kernel streams. Each operand is read through
/// two strides (along its rows and along its columns), so a transposed operand is packed straight from where it lies:
/// no transposed copy of a whole matrix is ever made.
/// </summary>
internal static class GemmPacking
{
    /// <summary>
    /// Packs op(A)[0..mc, 0..kc] into 6-row panels: panel <c>q</c> holds rows <c>6q..6q+5</c> at
    /// <c>dst[q·6·kc + p·6 + r]</c>, the rows past <paramref name="mc"/> zero. op(A)[i, p] is at
    /// <c>a[i·rowStride + p·colStride]</c>.
    /// </summary>
    public static void PackA(ref float a, nint rowStride, nint colStride, int mc, int kc, ref float dst)
    {
        const int MR = Gemm.MR;
        for (int i0 = 0; i0 < mc; i0 += MR)
        {
            int rows = Math.Min(MR, mc - i0);
            ref float src = ref Unsafe.Add(ref a, i0 * rowStride);
            ref float panel = ref Unsafe.Add(ref dst, (nint)i0 * kc);
            if (rows == MR && colStride == 1)
                Interleave(ref src, rowStride, MR, kc, ref panel); // row-major A: six rows read side by side
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
    /// Packs op(B)[0..kc, 0..nc] into <paramref name="nr"/>-column panels: panel <c>q</c> holds columns
    /// <c>nr·q..nr·q+nr-1</c> at <c>dst[q·nr·kc + p·nr + j]</c>, the columns past <paramref name="nc"/> zero.
    /// op(B)[p, j] is at <c>b[p·pStride + j·jStride]</c>: <c>jStride = 1</c> for B as it is, <c>pStride = 1</c> for
    /// a transposed B (a dense layer's weight in the forward pass).
    /// </summary>
    public static void PackB(ref float b, nint pStride, nint jStride, int kc, int nc, int nr, ref float dst)
    {
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int cols = Math.Min(nr, nc - j0);
            ref float src = ref Unsafe.Add(ref b, j0 * jStride);
            ref float panel = ref Unsafe.Add(ref dst, (nint)j0 * kc);
            if (cols == nr && jStride == 1)
                CopyRows(ref src, pStride, kc, nr, ref panel);
            else if (cols == nr && pStride == 1)
                Interleave(ref src, jStride, nr, kc, ref panel); // transposed B: each column contiguous along k
            else
            {
                for (nint p = 0; p < kc; p++)
                {
                    ref float d = ref Unsafe.Add(ref panel, p * nr);
                    int j = 0;
                    for (; j < cols; j++)
                        Unsafe.Add(ref d, j) = Unsafe.Add(ref src, p * pStride + j * jStride);
                    for (; j < nr; j++)
                        Unsafe.Add(ref d, j) = 0f;
                }
            }
        }
    }

    /// <summary>A full panel of B as it is: each k's <paramref name="nr"/> values are contiguous, copied as vectors.</summary>
    private static void CopyRows(ref float src, nint pStride, int kc, int nr, ref float panel)
    {
        for (nint p = 0; p < kc; p++)
        {
            ref float s = ref Unsafe.Add(ref src, p * pStride);
            ref float d = ref Unsafe.Add(ref panel, p * nr);
            // nr is 8, 16 or 32: two, four or eight Vector128 copies (every SIMD width has Vector128).
            for (nuint j = 0; j < (nuint)nr; j += 8)
            {
                Vector128.LoadUnsafe(ref s, j).StoreUnsafe(ref d, j);
                Vector128.LoadUnsafe(ref s, j + 4).StoreUnsafe(ref d, j + 4);
            }
        }
    }

    /// <summary>
    /// Interleaves <paramref name="streams"/> runs of <paramref name="kc"/> contiguous floats (run <c>s</c> at
    /// <c>src[s·stride]</c>) into a panel <paramref name="streams"/> wide: <c>dst[p·streams + s] = run s [p]</c>.
    /// Four runs at a time are read side by side, so each k writes four adjacent floats (with SSE, 4 × 4 blocks at a
    /// time); the rest one at a time.
    /// </summary>
    private static void Interleave(ref float src, nint stride, int streams, int kc, ref float dst)
    {
        int s = 0;
        for (; s + 4 <= streams; s += 4)
        {
            ref float s0 = ref Unsafe.Add(ref src, s * stride);
            ref float s1 = ref Unsafe.Add(ref s0, stride);
            ref float s2 = ref Unsafe.Add(ref s1, stride);
            ref float s3 = ref Unsafe.Add(ref s2, stride);
            ref float d = ref Unsafe.Add(ref dst, s);
            nint p = 0;
            if (Sse.IsSupported)
            {
                // 4 x 4 blocks transposed in registers (_MM_TRANSPOSE4_PS): four loads and four stores per 16 floats.
                for (; p + 4 <= kc; p += 4)
                {
                    Vector128<float> r0 = Vector128.LoadUnsafe(ref s0, (nuint)p), r1 = Vector128.LoadUnsafe(ref s1, (nuint)p);
                    Vector128<float> r2 = Vector128.LoadUnsafe(ref s2, (nuint)p), r3 = Vector128.LoadUnsafe(ref s3, (nuint)p);
                    Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackLow(r2, r3);
                    Vector128<float> t2 = Sse.UnpackHigh(r0, r1), t3 = Sse.UnpackHigh(r2, r3);
                    ref float dp = ref Unsafe.Add(ref d, p * streams);
                    Sse.MoveLowToHigh(t0, t1).StoreUnsafe(ref dp);
                    Sse.MoveHighToLow(t1, t0).StoreUnsafe(ref dp, (nuint)streams);
                    Sse.MoveLowToHigh(t2, t3).StoreUnsafe(ref dp, (nuint)(2 * streams));
                    Sse.MoveHighToLow(t3, t2).StoreUnsafe(ref dp, (nuint)(3 * streams));
                }
            }
            for (; p < kc; p++)
            {
                ref float dp = ref Unsafe.Add(ref d, p * streams);
                dp = Unsafe.Add(ref s0, p);
                Unsafe.Add(ref dp, 1) = Unsafe.Add(ref s1, p);
                Unsafe.Add(ref dp, 2) = Unsafe.Add(ref s2, p);
                Unsafe.Add(ref dp, 3) = Unsafe.Add(ref s3, p);
            }
        }
        for (; s < streams; s++)
        {
            ref float run = ref Unsafe.Add(ref src, s * stride);
            ref float d = ref Unsafe.Add(ref dst, s);
            for (nint p = 0; p < kc; p++)
                Unsafe.Add(ref d, p * streams) = Unsafe.Add(ref run, p);
        }
    }
}
