using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptGen.Internal;

/// <summary>
/// C = A·B for the matrix built-ins of the formula language, with the same bits at every vector width and on every
/// machine: each element is summed over the inner dimension in order, from 0, every product and every sum rounded to
/// float on its own (no fused multiply-add, no blocking of the inner dimension). Vectors only run several columns of C
/// side by side, which changes no element's sequence of operations. (The dense layers' <c>Nn.Gemm</c> is faster but
/// its fused and blocked kernels round differently at each width.)
/// </summary>
internal static class OrderedMatMul
{
    /// <summary>C (m × n) = A (m × inner) · B (inner × n), all row-major and dense; C is overwritten.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int inner, int n)
    {
        if (a.Length < m * inner || b.Length < inner * n || c.Length < m * n)
            throw new ArgumentException($"OrderedMatMul: spans too short for {m} × {inner} times {inner} × {n}.");
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);
        int width = Vector<float>.Count;
        int j = 0;
        if (Vector.IsHardwareAccelerated && SimdPolicy.MaxVectorBits >= width * 32)
        {
            for (; j + width <= n; j += width)
                VectorColumns(ref ra, ref rb, ref rc, m, inner, n, j);
        }
        for (; j < n; j++)
            ScalarColumn(ref ra, ref rb, ref rc, m, inner, n, j);
    }

    // Columns j .. j + width of C, four rows at a time so that each load of B serves four accumulators.
    private static void VectorColumns(ref float a, ref float b, ref float c, int m, int inner, int n, int j)
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            Vector<float> c0 = Vector<float>.Zero, c1 = Vector<float>.Zero, c2 = Vector<float>.Zero, c3 = Vector<float>.Zero;
            ref float a0 = ref Unsafe.Add(ref a, (nint)i * inner);
            for (int p = 0; p < inner; p++)
            {
                Vector<float> bp = Load(ref Unsafe.Add(ref b, (nint)p * n + j));
                c0 += new Vector<float>(Unsafe.Add(ref a0, p)) * bp;
                c1 += new Vector<float>(Unsafe.Add(ref a0, inner + p)) * bp;
                c2 += new Vector<float>(Unsafe.Add(ref a0, 2 * inner + p)) * bp;
                c3 += new Vector<float>(Unsafe.Add(ref a0, 3 * inner + p)) * bp;
            }
            Store(c0, ref Unsafe.Add(ref c, (nint)i * n + j));
            Store(c1, ref Unsafe.Add(ref c, (nint)(i + 1) * n + j));
            Store(c2, ref Unsafe.Add(ref c, (nint)(i + 2) * n + j));
            Store(c3, ref Unsafe.Add(ref c, (nint)(i + 3) * n + j));
        }
        for (; i < m; i++)
        {
            Vector<float> acc = Vector<float>.Zero;
            ref float ai = ref Unsafe.Add(ref a, (nint)i * inner);
            for (int p = 0; p < inner; p++)
                acc += new Vector<float>(Unsafe.Add(ref ai, p)) * Load(ref Unsafe.Add(ref b, (nint)p * n + j));
            Store(acc, ref Unsafe.Add(ref c, (nint)i * n + j));
        }
    }

    private static void ScalarColumn(ref float a, ref float b, ref float c, int m, int inner, int n, int j)
    {
        for (int i = 0; i < m; i++)
        {
            float acc = 0f;
            ref float ai = ref Unsafe.Add(ref a, (nint)i * inner);
            for (int p = 0; p < inner; p++)
                acc += Unsafe.Add(ref ai, p) * Unsafe.Add(ref b, (nint)p * n + j);
            Unsafe.Add(ref c, (nint)i * n + j) = acc;
        }
    }

    private static Vector<float> Load(ref float at) => Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref at));

    private static void Store(Vector<float> v, ref float at) => Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref at), v);
}
