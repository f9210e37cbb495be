using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Nn;

// Micro-kernel of Gemm at one vector width. GemmKernel128.cs is the same text with 128 for 256 (and a tile half as
// wide): keep them in step.
// A 6-row x 2-vector tile keeps 12 accumulators in registers (plus 2 B vectors and 1 broadcast: 15 of the 16 YMM
// registers); per k it loads 2 vectors of packed B and broadcasts 6 packed A values for 12 FMAs, so the loop is bound
// by the FMA ports rather than by loads.
internal static class GemmKernel256
{
    /// <summary>Columns of the tile: two vectors.</summary>
    public const int NR = 16;

    /// <summary>
    /// <c>C[6×NR] += Ā · B̄</c> for one 6-row panel <paramref name="a"/> of packed A (<c>a[p·6 + r]</c>) and one
    /// 16-column panel <paramref name="b"/> of packed B (<c>b[p·16 + j]</c>), both <paramref name="k"/> deep and
    /// zero-padded past the edges of the matrix. All 6×16 values of C (row stride <paramref name="ldc"/>) are
    /// updated: Gemm passes a scratch tile for the edges of the matrix. (Spilling an edge tile here instead would
    /// make the JIT, without PGO as under Native AOT, store every accumulator to the stack inside the loop.)
    /// </summary>
    public static void Tile(int k, ref float a, ref float b, ref float c, nint ldc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < k; p++)
        {
            Vector256<float> b0 = Vector256.LoadUnsafe(ref b), b1 = Vector256.LoadUnsafe(ref b, NR / 2);
            Vector256<float> x = Vector256.Create(a);
            c00 = Vector256.MultiplyAddEstimate(x, b0, c00); c01 = Vector256.MultiplyAddEstimate(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.MultiplyAddEstimate(x, b0, c10); c11 = Vector256.MultiplyAddEstimate(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.MultiplyAddEstimate(x, b0, c20); c21 = Vector256.MultiplyAddEstimate(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.MultiplyAddEstimate(x, b0, c30); c31 = Vector256.MultiplyAddEstimate(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Vector256.MultiplyAddEstimate(x, b0, c40); c41 = Vector256.MultiplyAddEstimate(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Vector256.MultiplyAddEstimate(x, b0, c50); c51 = Vector256.MultiplyAddEstimate(x, b1, c51);
            a = ref Unsafe.Add(ref a, Gemm.MR);
            b = ref Unsafe.Add(ref b, NR);
        }

        AddRow(ref c, c00, c01);
        AddRow(ref Unsafe.Add(ref c, ldc), c10, c11);
        AddRow(ref Unsafe.Add(ref c, 2 * ldc), c20, c21);
        AddRow(ref Unsafe.Add(ref c, 3 * ldc), c30, c31);
        AddRow(ref Unsafe.Add(ref c, 4 * ldc), c40, c41);
        AddRow(ref Unsafe.Add(ref c, 5 * ldc), c50, c51);
    }

    /// <summary>
    /// <c>C[0, 0..n) += Σₚ a[p·aStride] · B[p, 0..n)</c> over <c>p &lt; k</c>: one row of op(A) against B as it is, for
    /// products with too few rows to pay for packing B. Each column's sum is rounded exactly as <see cref="Tile"/>
    /// rounds it (an FMA chain from zero over the k block, then added to C), so a row's result does not depend on how
    /// many rows the product has.
    /// </summary>
    public static void Row(int n, int k, ref float a, nint aStride, ref float b, nint ldb, ref float c)
    {
        int w = Vector256<float>.Count;
        int j = 0;
        for (; j + 4 * w <= n; j += 4 * w)
        {
            Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
            ref float bp = ref Unsafe.Add(ref b, j);
            for (int p = 0; p < k; p++)
            {
                Vector256<float> x = Vector256.Create(Unsafe.Add(ref a, p * aStride));
                c0 = Vector256.MultiplyAddEstimate(x, Vector256.LoadUnsafe(ref bp), c0);
                c1 = Vector256.MultiplyAddEstimate(x, Vector256.LoadUnsafe(ref bp, (nuint)w), c1);
                c2 = Vector256.MultiplyAddEstimate(x, Vector256.LoadUnsafe(ref bp, (nuint)(2 * w)), c2);
                c3 = Vector256.MultiplyAddEstimate(x, Vector256.LoadUnsafe(ref bp, (nuint)(3 * w)), c3);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            ref float cj = ref Unsafe.Add(ref c, j);
            (Vector256.LoadUnsafe(ref cj) + c0).StoreUnsafe(ref cj);
            (Vector256.LoadUnsafe(ref cj, (nuint)w) + c1).StoreUnsafe(ref cj, (nuint)w);
            (Vector256.LoadUnsafe(ref cj, (nuint)(2 * w)) + c2).StoreUnsafe(ref cj, (nuint)(2 * w));
            (Vector256.LoadUnsafe(ref cj, (nuint)(3 * w)) + c3).StoreUnsafe(ref cj, (nuint)(3 * w));
        }
        for (; j + w <= n; j += w)
        {
            Vector256<float> c0 = default;
            ref float bp = ref Unsafe.Add(ref b, j);
            for (int p = 0; p < k; p++)
            {
                c0 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref a, p * aStride)), Vector256.LoadUnsafe(ref bp), c0);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            ref float cj = ref Unsafe.Add(ref c, j);
            (Vector256.LoadUnsafe(ref cj) + c0).StoreUnsafe(ref cj);
        }
        for (; j < n; j++)
        {
            // float.MultiplyAddEstimate fuses exactly when the vector form does, so these columns round as the lanes would.
            float acc = 0f;
            for (int p = 0; p < k; p++)
                acc = float.MultiplyAddEstimate(Unsafe.Add(ref a, p * aStride), Unsafe.Add(ref b, p * ldb + j), acc);
            Unsafe.Add(ref c, j) += acc;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref float c, Vector256<float> v0, Vector256<float> v1)
    {
        (Vector256.LoadUnsafe(ref c) + v0).StoreUnsafe(ref c);
        (Vector256.LoadUnsafe(ref c, NR / 2) + v1).StoreUnsafe(ref c, NR / 2);
    }
}
