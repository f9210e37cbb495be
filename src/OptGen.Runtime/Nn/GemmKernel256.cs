using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Nn;

// Micro-kernel of Gemm at one vector width. GemmKernel128.cs is the same text with 128 for 256: keep them in step.
// A 4-row x 2-vector tile keeps 8 accumulators in registers; each B vector loaded is used 4 times and each
// broadcast of A twice, so the loop is bound by FMAs rather than loads.
internal static class GemmKernel256
{
    private static readonly int W = Vector256<float>.Count;

    public static void Run(in Gemm.Block blk, ref float a, ref float b, ref float c)
    {
        int i = 0;
        for (; i + 4 <= blk.M; i += 4)
            Rows4(in blk, ref a, ref b, ref c, i);
        for (; i < blk.M; i++)
            Row1(in blk, ref a, ref b, ref c, i);
    }

    private static void Rows4(in Gemm.Block blk, ref float a, ref float b, ref float c, int i)
    {
        nint rs = blk.RowStride, cs = blk.ColStride;
        nint ldb = blk.Ldb, ldc = blk.Ldc;
        int n = blk.N, k = blk.K;
        ref float a0 = ref Unsafe.Add(ref a, i * rs);
        ref float a1 = ref Unsafe.Add(ref a0, rs);
        ref float a2 = ref Unsafe.Add(ref a1, rs);
        ref float a3 = ref Unsafe.Add(ref a2, rs);
        ref float c0 = ref Unsafe.Add(ref c, i * ldc);
        ref float c1 = ref Unsafe.Add(ref c0, ldc);
        ref float c2 = ref Unsafe.Add(ref c1, ldc);
        ref float c3 = ref Unsafe.Add(ref c2, ldc);
        int j = 0;
        for (; j + 2 * W <= n; j += 2 * W)
        {
            nuint u = (nuint)j, v = (nuint)(j + W);
            Vector256<float> c00 = Vector256.LoadUnsafe(ref c0, u), c01 = Vector256.LoadUnsafe(ref c0, v);
            Vector256<float> c10 = Vector256.LoadUnsafe(ref c1, u), c11 = Vector256.LoadUnsafe(ref c1, v);
            Vector256<float> c20 = Vector256.LoadUnsafe(ref c2, u), c21 = Vector256.LoadUnsafe(ref c2, v);
            Vector256<float> c30 = Vector256.LoadUnsafe(ref c3, u), c31 = Vector256.LoadUnsafe(ref c3, v);
            for (int p = 0; p < k; p++)
            {
                ref float bp = ref Unsafe.Add(ref b, p * ldb);
                Vector256<float> b0 = Vector256.LoadUnsafe(ref bp, u), b1 = Vector256.LoadUnsafe(ref bp, v);
                nint ap = p * cs;
                Vector256<float> x = Vector256.Create(Unsafe.Add(ref a0, ap));
                c00 = Vector256.MultiplyAddEstimate(x, b0, c00); c01 = Vector256.MultiplyAddEstimate(x, b1, c01);
                x = Vector256.Create(Unsafe.Add(ref a1, ap));
                c10 = Vector256.MultiplyAddEstimate(x, b0, c10); c11 = Vector256.MultiplyAddEstimate(x, b1, c11);
                x = Vector256.Create(Unsafe.Add(ref a2, ap));
                c20 = Vector256.MultiplyAddEstimate(x, b0, c20); c21 = Vector256.MultiplyAddEstimate(x, b1, c21);
                x = Vector256.Create(Unsafe.Add(ref a3, ap));
                c30 = Vector256.MultiplyAddEstimate(x, b0, c30); c31 = Vector256.MultiplyAddEstimate(x, b1, c31);
            }
            c00.StoreUnsafe(ref c0, u); c01.StoreUnsafe(ref c0, v);
            c10.StoreUnsafe(ref c1, u); c11.StoreUnsafe(ref c1, v);
            c20.StoreUnsafe(ref c2, u); c21.StoreUnsafe(ref c2, v);
            c30.StoreUnsafe(ref c3, u); c31.StoreUnsafe(ref c3, v);
        }
        for (; j + W <= n; j += W)
        {
            nuint u = (nuint)j;
            Vector256<float> c00 = Vector256.LoadUnsafe(ref c0, u), c10 = Vector256.LoadUnsafe(ref c1, u);
            Vector256<float> c20 = Vector256.LoadUnsafe(ref c2, u), c30 = Vector256.LoadUnsafe(ref c3, u);
            for (int p = 0; p < k; p++)
            {
                Vector256<float> b0 = Vector256.LoadUnsafe(ref Unsafe.Add(ref b, p * ldb), u);
                nint ap = p * cs;
                c00 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a0, ap)), b0, c00);
                c10 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a1, ap)), b0, c10);
                c20 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a2, ap)), b0, c20);
                c30 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a3, ap)), b0, c30);
            }
            c00.StoreUnsafe(ref c0, u); c10.StoreUnsafe(ref c1, u);
            c20.StoreUnsafe(ref c2, u); c30.StoreUnsafe(ref c3, u);
        }
        if (j < n)
        {
            for (int r = 0; r < 4; r++)
                Gemm.ScalarColumns(in blk, ref a, ref b, ref c, i + r, j);
        }
    }

    private static void Row1(in Gemm.Block blk, ref float a, ref float b, ref float c, int i)
    {
        nint cs = blk.ColStride, ldb = blk.Ldb;
        int n = blk.N, k = blk.K;
        ref float a0 = ref Unsafe.Add(ref a, i * blk.RowStride);
        ref float c0 = ref Unsafe.Add(ref c, (nint)i * blk.Ldc);
        int j = 0;
        for (; j + W <= n; j += W)
        {
            nuint u = (nuint)j;
            Vector256<float> acc = Vector256.LoadUnsafe(ref c0, u);
            for (int p = 0; p < k; p++)
                acc = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a0, p * cs)), Vector256.LoadUnsafe(ref Unsafe.Add(ref b, p * ldb), u), acc);
            acc.StoreUnsafe(ref c0, u);
        }
        if (j < n)
            Gemm.ScalarColumns(in blk, ref a, ref b, ref c, i, j);
    }
}
