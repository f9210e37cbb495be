using System.Runtime.CompilerServices;

namespace OptGen.Nn;

/// <summary>
/// The micro-kernel of <see cref="Gemm"/>, written once for every vector width (<see cref="Width128"/>,
/// <see cref="Width256"/>, <see cref="Width512"/>). A 6-row × 2-vector tile keeps 12 accumulators in registers (plus
/// 2 vectors of B and 1 broadcast: 15 of the 16 XMM/YMM registers, 15 of AVX-512's 32); per k it loads 2 vectors of
/// packed B and broadcasts 6 packed A values for 12 FMAs, so the loop is bound by the FMA ports rather than by loads.
/// The accumulators are 12 named locals, not an array, so that the JIT keeps each in a register.
/// </summary>
internal static class GemmKernel<TVector, TWidth>
    where TVector : struct
    where TWidth : struct, IGemmWidth<TVector>
{
    /// <summary>Columns of the tile: two vectors (32 floats at 512 bits, 16 at 256, 8 at 128).</summary>
    public static int NR
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 2 * TWidth.Lanes;
    }

    /// <summary>
    /// <c>C[6×NR] += Ā · B̄</c> for one 6-row panel <paramref name="a"/> of packed A (<c>a[p·6 + r]</c>) and one
    /// NR-column panel <paramref name="b"/> of packed B (<c>b[p·NR + j]</c>), both <paramref name="k"/> deep and
    /// zero-padded past the edges of the matrix. All 6×NR values of C (row stride <paramref name="ldc"/>) are
    /// updated: Gemm passes a scratch tile for the edges of the matrix. (Spilling an edge tile here instead would
    /// make the JIT, without PGO as under Native AOT, store every accumulator to the stack inside the loop.)
    /// </summary>
    public static void Tile(int k, ref float a, ref float b, ref float c, nint ldc)
    {
        nuint half = (nuint)TWidth.Lanes;
        TVector c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        TVector c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < k; p++)
        {
            TVector b0 = TWidth.Load(ref b, 0), b1 = TWidth.Load(ref b, half);
            TVector x = TWidth.Broadcast(a);
            c00 = TWidth.MultiplyAdd(x, b0, c00); c01 = TWidth.MultiplyAdd(x, b1, c01);
            x = TWidth.Broadcast(Unsafe.Add(ref a, 1));
            c10 = TWidth.MultiplyAdd(x, b0, c10); c11 = TWidth.MultiplyAdd(x, b1, c11);
            x = TWidth.Broadcast(Unsafe.Add(ref a, 2));
            c20 = TWidth.MultiplyAdd(x, b0, c20); c21 = TWidth.MultiplyAdd(x, b1, c21);
            x = TWidth.Broadcast(Unsafe.Add(ref a, 3));
            c30 = TWidth.MultiplyAdd(x, b0, c30); c31 = TWidth.MultiplyAdd(x, b1, c31);
            x = TWidth.Broadcast(Unsafe.Add(ref a, 4));
            c40 = TWidth.MultiplyAdd(x, b0, c40); c41 = TWidth.MultiplyAdd(x, b1, c41);
            x = TWidth.Broadcast(Unsafe.Add(ref a, 5));
            c50 = TWidth.MultiplyAdd(x, b0, c50); c51 = TWidth.MultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, Gemm.MR);
            b = ref Unsafe.Add(ref b, 2 * half);
        }

        AddRow(ref c, c00, c01);
        AddRow(ref Unsafe.Add(ref c, ldc), c10, c11);
        AddRow(ref Unsafe.Add(ref c, 2 * ldc), c20, c21);
        AddRow(ref Unsafe.Add(ref c, 3 * ldc), c30, c31);
        AddRow(ref Unsafe.Add(ref c, 4 * ldc), c40, c41);
        AddRow(ref Unsafe.Add(ref c, 5 * ldc), c50, c51);
    }

    /// <summary>
    /// <c>C[0, 0..n) += Σₚ a[p·aStride] · B[p, 0..n)</c> over <c>p &lt; k</c>: one row of op(A) against B as it is
    /// (row stride <paramref name="ldb"/>, columns contiguous), for products with too few rows to pay for packing B.
    /// Each column's sum is rounded exactly as <see cref="Tile"/> rounds it (an FMA chain from zero over the k block,
    /// then added to C), so a row's result does not depend on how many rows the product has.
    /// </summary>
    public static void Row(int n, int k, ref float a, nint aStride, ref float b, nint ldb, ref float c)
    {
        int w = TWidth.Lanes;
        int j = 0;
        for (; j + 4 * w <= n; j += 4 * w)
        {
            TVector c0 = default, c1 = default, c2 = default, c3 = default;
            ref float bp = ref Unsafe.Add(ref b, j);
            for (int p = 0; p < k; p++)
            {
                TVector x = TWidth.Broadcast(Unsafe.Add(ref a, p * aStride));
                c0 = TWidth.MultiplyAdd(x, TWidth.Load(ref bp, 0), c0);
                c1 = TWidth.MultiplyAdd(x, TWidth.Load(ref bp, (nuint)w), c1);
                c2 = TWidth.MultiplyAdd(x, TWidth.Load(ref bp, (nuint)(2 * w)), c2);
                c3 = TWidth.MultiplyAdd(x, TWidth.Load(ref bp, (nuint)(3 * w)), c3);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            ref float cj = ref Unsafe.Add(ref c, j);
            AddTo(ref cj, 0, c0);
            AddTo(ref cj, (nuint)w, c1);
            AddTo(ref cj, (nuint)(2 * w), c2);
            AddTo(ref cj, (nuint)(3 * w), c3);
        }
        for (; j + w <= n; j += w)
        {
            TVector c0 = default;
            ref float bp = ref Unsafe.Add(ref b, j);
            for (int p = 0; p < k; p++)
            {
                c0 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref a, p * aStride)), TWidth.Load(ref bp, 0), c0);
                bp = ref Unsafe.Add(ref bp, ldb);
            }
            AddTo(ref Unsafe.Add(ref c, j), 0, c0);
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
    private static void AddRow(ref float c, TVector v0, TVector v1)
    {
        AddTo(ref c, 0, v0);
        AddTo(ref c, (nuint)TWidth.Lanes, v1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(ref float c, nuint offset, TVector v) => TWidth.Store(TWidth.Add(TWidth.Load(ref c, offset), v), ref c, offset);
}
