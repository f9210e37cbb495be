using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OptGen.Benchmarks;

/// <summary>The baselines the generated Adam is measured against, all doing one Adam step on float32 buffers.</summary>
public static class AdamKernels
{
    /// <summary>A plain scalar loop, as one would write it first.</summary>
    public static void NaiveScalar(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float lr, float b1, float b2, float eps, long t)
    {
        float bc1 = 1 - MathF.Pow(b1, t), bc2 = 1 - MathF.Pow(b2, t);
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            w[i] -= lr * (m[i] / bc1) / (MathF.Sqrt(v[i] / bc2) + eps);
        }
    }

    /// <summary>The same step composed from TensorPrimitives calls: each call is one pass over memory.</summary>
    public static void TensorPrimitivesComposed(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> tmp,
        float lr, float b1, float b2, float eps, long t)
    {
        float bc1 = 1 - MathF.Pow(b1, t), bc2 = 1 - MathF.Pow(b2, t);
        TensorPrimitives.Multiply(m, b1, m);
        TensorPrimitives.MultiplyAdd(g, 1 - b1, m, m);
        TensorPrimitives.Multiply(g, g, tmp);
        TensorPrimitives.Multiply(v, b2, v);
        TensorPrimitives.MultiplyAdd(tmp, 1 - b2, v, v);
        TensorPrimitives.Multiply(v, 1 / bc2, tmp);
        TensorPrimitives.Sqrt(tmp, tmp);
        TensorPrimitives.Add(tmp, eps, tmp);
        TensorPrimitives.Divide(m, tmp, tmp);
        TensorPrimitives.MultiplyAdd(tmp, -lr / bc1, w, w);
    }

    /// <summary>A hand-fused Vector256 + FMA kernel with a scalar tail: the best one would write by hand.</summary>
    public static void HandFused(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float lr, float b1, float b2, float eps, long t)
    {
        float bc1 = 1 - MathF.Pow(b1, t), bc2 = 1 - MathF.Pow(b2, t);
        float step = lr / bc1, rbc2 = 1 / bc2;
        ref float rw = ref MemoryMarshal.GetReference(w);
        ref float rg = ref MemoryMarshal.GetReference(g);
        ref float rm = ref MemoryMarshal.GetReference(m);
        ref float rv = ref MemoryMarshal.GetReference(v);
        var vb1 = Vector256.Create(b1);
        var vb1c = Vector256.Create(1 - b1);
        var vb2 = Vector256.Create(b2);
        var vb2c = Vector256.Create(1 - b2);
        var vstep = Vector256.Create(step);
        var vr = Vector256.Create(rbc2);
        var veps = Vector256.Create(eps);
        int n = w.Length, i = 0;
        for (; i <= n - 8; i += 8)
        {
            var gi = Vector256.LoadUnsafe(ref rg, (nuint)i);
            var mi = Vector256.FusedMultiplyAdd(vb1, Vector256.LoadUnsafe(ref rm, (nuint)i), vb1c * gi);
            var vi = Vector256.FusedMultiplyAdd(vb2, Vector256.LoadUnsafe(ref rv, (nuint)i), vb2c * gi * gi);
            var wi = Vector256.LoadUnsafe(ref rw, (nuint)i) - vstep * mi / (Vector256.Sqrt(vi * vr) + veps);
            mi.StoreUnsafe(ref rm, (nuint)i);
            vi.StoreUnsafe(ref rv, (nuint)i);
            wi.StoreUnsafe(ref rw, (nuint)i);
        }
        for (; i < n; i++)
        {
            float gi = Unsafe.Add(ref rg, i);
            float mi = Unsafe.Add(ref rm, i) = b1 * Unsafe.Add(ref rm, i) + (1 - b1) * gi;
            float vi = Unsafe.Add(ref rv, i) = b2 * Unsafe.Add(ref rv, i) + (1 - b2) * gi * gi;
            Unsafe.Add(ref rw, i) -= step * mi / (MathF.Sqrt(vi * rbc2) + eps);
        }
    }

    /// <summary>Moves exactly Adam's bytes (read w, g, m, v; write w, m, v) with trivial arithmetic: the memory roofline.</summary>
    public static void MemoryOnly(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v)
    {
        ref float rw = ref MemoryMarshal.GetReference(w);
        ref float rg = ref MemoryMarshal.GetReference(g);
        ref float rm = ref MemoryMarshal.GetReference(m);
        ref float rv = ref MemoryMarshal.GetReference(v);
        int n = w.Length, i = 0;
        for (; i <= n - 8; i += 8)
        {
            var gi = Vector256.LoadUnsafe(ref rg, (nuint)i);
            var mi = Vector256.LoadUnsafe(ref rm, (nuint)i) + gi;
            var vi = Vector256.LoadUnsafe(ref rv, (nuint)i) + gi;
            var wi = Vector256.LoadUnsafe(ref rw, (nuint)i) + mi;
            mi.StoreUnsafe(ref rm, (nuint)i);
            vi.StoreUnsafe(ref rv, (nuint)i);
            (wi - vi).StoreUnsafe(ref rw, (nuint)i);
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref rm, i) += Unsafe.Add(ref rg, i);
            Unsafe.Add(ref rv, i) += Unsafe.Add(ref rg, i);
            Unsafe.Add(ref rw, i) += Unsafe.Add(ref rm, i) - Unsafe.Add(ref rv, i);
        }
    }
}
