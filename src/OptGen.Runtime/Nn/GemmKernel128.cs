using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Nn;

// Micro-kernel of Gemm at one vector width. GemmKernel256.cs is the same text with 256 for 128 (and a tile twice as
// wide): keep them in step.
// A 6-row x 2-vector tile keeps 12 accumulators in registers (plus 2 B vectors and 1 broadcast: 15 of the 16 XMM
// registers); per k it loads 2 vectors of packed B and broadcasts 6 packed A values for 12 FMAs, so the loop is bound
// by the FMA ports rather than by loads.
internal static class GemmKernel128
{
    /// <summary>Columns of the tile: two vectors.</summary>
    public const int NR = 8;

    /// <summary>
    /// <c>C[rows×cols] += Ā · B̄</c> for one 6-row panel <paramref name="a"/> of packed A (<c>a[p·6 + r]</c>) and one
    /// 8-column panel <paramref name="b"/> of packed B (<c>b[p·8 + j]</c>), both <paramref name="k"/> deep and
    /// zero-padded past the edges of the matrix; only the <paramref name="rows"/>×<paramref name="cols"/> corner of
    /// C (row stride <paramref name="ldc"/>) is touched.
    /// </summary>
    public static void Tile(int k, ref float a, ref float b, ref float c, nint ldc, int rows, int cols)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector128<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < k; p++)
        {
            Vector128<float> b0 = Vector128.LoadUnsafe(ref b), b1 = Vector128.LoadUnsafe(ref b, NR / 2);
            Vector128<float> x = Vector128.Create(a);
            c00 = Vector128.MultiplyAddEstimate(x, b0, c00); c01 = Vector128.MultiplyAddEstimate(x, b1, c01);
            x = Vector128.Create(Unsafe.Add(ref a, 1));
            c10 = Vector128.MultiplyAddEstimate(x, b0, c10); c11 = Vector128.MultiplyAddEstimate(x, b1, c11);
            x = Vector128.Create(Unsafe.Add(ref a, 2));
            c20 = Vector128.MultiplyAddEstimate(x, b0, c20); c21 = Vector128.MultiplyAddEstimate(x, b1, c21);
            x = Vector128.Create(Unsafe.Add(ref a, 3));
            c30 = Vector128.MultiplyAddEstimate(x, b0, c30); c31 = Vector128.MultiplyAddEstimate(x, b1, c31);
            x = Vector128.Create(Unsafe.Add(ref a, 4));
            c40 = Vector128.MultiplyAddEstimate(x, b0, c40); c41 = Vector128.MultiplyAddEstimate(x, b1, c41);
            x = Vector128.Create(Unsafe.Add(ref a, 5));
            c50 = Vector128.MultiplyAddEstimate(x, b0, c50); c51 = Vector128.MultiplyAddEstimate(x, b1, c51);
            a = ref Unsafe.Add(ref a, Gemm.MR);
            b = ref Unsafe.Add(ref b, NR);
        }

        if (rows == Gemm.MR && cols == NR)
        {
            AddRow(ref c, c00, c01);
            AddRow(ref Unsafe.Add(ref c, ldc), c10, c11);
            AddRow(ref Unsafe.Add(ref c, 2 * ldc), c20, c21);
            AddRow(ref Unsafe.Add(ref c, 3 * ldc), c30, c31);
            AddRow(ref Unsafe.Add(ref c, 4 * ldc), c40, c41);
            AddRow(ref Unsafe.Add(ref c, 5 * ldc), c50, c51);
            return;
        }

        // An edge tile: spill to the stack and add only the part inside C.
        Span<float> t = stackalloc float[Gemm.MR * NR];
        const int H = NR / 2;
        c00.CopyTo(t); c01.CopyTo(t[H..]); c10.CopyTo(t[NR..]); c11.CopyTo(t[(NR + H)..]);
        c20.CopyTo(t[(2 * NR)..]); c21.CopyTo(t[(2 * NR + H)..]); c30.CopyTo(t[(3 * NR)..]); c31.CopyTo(t[(3 * NR + H)..]);
        c40.CopyTo(t[(4 * NR)..]); c41.CopyTo(t[(4 * NR + H)..]); c50.CopyTo(t[(5 * NR)..]); c51.CopyTo(t[(5 * NR + H)..]);
        for (int r = 0; r < rows; r++)
        {
            ref float cr = ref Unsafe.Add(ref c, r * ldc);
            for (int j = 0; j < cols; j++)
                Unsafe.Add(ref cr, j) += t[r * NR + j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref float c, Vector128<float> v0, Vector128<float> v1)
    {
        (Vector128.LoadUnsafe(ref c) + v0).StoreUnsafe(ref c);
        (Vector128.LoadUnsafe(ref c, NR / 2) + v1).StoreUnsafe(ref c, NR / 2);
    }
}
