using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptGen.Nn;

/// <summary>
/// Element-wise forward/backward formulas that TensorPrimitives has no single call for. Written on
/// <see cref="Vector{T}"/>, which is as wide as the hardware allows (256 bits with AVX2, 128 on Arm), plus a scalar tail.
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary><c>y = x &gt; 0 ? x : slope · x</c>.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float slope)
    {
        int n = x.Length, i = 0;
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ry = ref MemoryMarshal.GetReference(y);
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(slope);
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var v = Vector.LoadUnsafe(ref rx, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), v, v * s).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref rx, i);
            Unsafe.Add(ref ry, i) = v > 0f ? v : slope * v;
        }
    }

    /// <summary><c>dx = x &gt; 0 ? dy : slope · dy</c> (the derivative at 0 is taken as <paramref name="slope"/>, as PyTorch does).</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, float slope)
    {
        int n = x.Length, i = 0;
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float rdy = ref MemoryMarshal.GetReference(dy);
        ref float rdx = ref MemoryMarshal.GetReference(dx);
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(slope);
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var g = Vector.LoadUnsafe(ref rdy, (nuint)i);
                var mask = Vector.GreaterThan(Vector.LoadUnsafe(ref rx, (nuint)i), Vector<float>.Zero);
                Vector.ConditionalSelect(mask, g, g * s).StoreUnsafe(ref rdx, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float g = Unsafe.Add(ref rdy, i);
            Unsafe.Add(ref rdx, i) = Unsafe.Add(ref rx, i) > 0f ? g : slope * g;
        }
    }

    /// <summary>Sigmoid backward from its output: <c>dx = dy · y · (1 - y)</c>.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int n = y.Length, i = 0;
        ref float ry = ref MemoryMarshal.GetReference(y);
        ref float rdy = ref MemoryMarshal.GetReference(dy);
        ref float rdx = ref MemoryMarshal.GetReference(dx);
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var v = Vector.LoadUnsafe(ref ry, (nuint)i);
                (Vector.LoadUnsafe(ref rdy, (nuint)i) * v * (Vector<float>.One - v)).StoreUnsafe(ref rdx, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref ry, i);
            Unsafe.Add(ref rdx, i) = Unsafe.Add(ref rdy, i) * v * (1f - v);
        }
    }

    /// <summary>Tanh backward from its output: <c>dx = dy · (1 - y²)</c>.</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int n = y.Length, i = 0;
        ref float ry = ref MemoryMarshal.GetReference(y);
        ref float rdy = ref MemoryMarshal.GetReference(dy);
        ref float rdx = ref MemoryMarshal.GetReference(dx);
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var v = Vector.LoadUnsafe(ref ry, (nuint)i);
                (Vector.LoadUnsafe(ref rdy, (nuint)i) * (Vector<float>.One - v * v)).StoreUnsafe(ref rdx, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref ry, i);
            Unsafe.Add(ref rdx, i) = Unsafe.Add(ref rdy, i) * (1f - v * v);
        }
    }

    /// <summary>GELU's inner argument <c>u = c · (x + k · x³)</c>, which the caller passes through tanh.</summary>
    public static void GeluInner(ReadOnlySpan<float> x, Span<float> u)
    {
        int n = x.Length, i = 0;
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ru = ref MemoryMarshal.GetReference(u);
        if (Vector.IsHardwareAccelerated)
        {
            var c = new Vector<float>(Gelu.C);
            var k = new Vector<float>(Gelu.K);
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var v = Vector.LoadUnsafe(ref rx, (nuint)i);
                (c * (v + k * v * v * v)).StoreUnsafe(ref ru, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref rx, i);
            Unsafe.Add(ref ru, i) = Gelu.C * (v + Gelu.K * v * v * v);
        }
    }

    /// <summary>GELU output from <c>t = tanh(u)</c>: <c>y = x · (1 + t) / 2</c>.</summary>
    public static void GeluOutput(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> y)
    {
        int n = x.Length, i = 0;
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float rt = ref MemoryMarshal.GetReference(t);
        ref float ry = ref MemoryMarshal.GetReference(y);
        if (Vector.IsHardwareAccelerated)
        {
            var half = new Vector<float>(0.5f);
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var v = Vector.LoadUnsafe(ref rx, (nuint)i);
                (half * v * (Vector<float>.One + Vector.LoadUnsafe(ref rt, (nuint)i))).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        for (; i < n; i++)
            Unsafe.Add(ref ry, i) = 0.5f * Unsafe.Add(ref rx, i) * (1f + Unsafe.Add(ref rt, i));
    }

    /// <summary>GELU backward: <c>dx = dy · ((1 + t) / 2 + x (1 - t²) c (1 + 3k x²) / 2)</c>.</summary>
    public static void GeluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> t, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int n = x.Length, i = 0;
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float rt = ref MemoryMarshal.GetReference(t);
        ref float rdy = ref MemoryMarshal.GetReference(dy);
        ref float rdx = ref MemoryMarshal.GetReference(dx);
        if (Vector.IsHardwareAccelerated)
        {
            var half = new Vector<float>(0.5f);
            var c = new Vector<float>(Gelu.C);
            var k3 = new Vector<float>(3f * Gelu.K);
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var v = Vector.LoadUnsafe(ref rx, (nuint)i);
                var tv = Vector.LoadUnsafe(ref rt, (nuint)i);
                var d = half * (Vector<float>.One + tv) + half * v * (Vector<float>.One - tv * tv) * c * (Vector<float>.One + k3 * v * v);
                (Vector.LoadUnsafe(ref rdy, (nuint)i) * d).StoreUnsafe(ref rdx, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref rx, i), tv = Unsafe.Add(ref rt, i);
            float d = 0.5f * (1f + tv) + 0.5f * v * (1f - tv * tv) * Gelu.C * (1f + 3f * Gelu.K * v * v);
            Unsafe.Add(ref rdx, i) = Unsafe.Add(ref rdy, i) * d;
        }
    }

    /// <summary>
    /// Dropout mask: element i is 0 when draw <c>firstIndex + i</c> of the generator in <paramref name="state"/> falls
    /// below <paramref name="rate"/>, else <paramref name="keep"/>; the same numbers in the same places as drawing the
    /// whole mask in order on one thread.
    /// </summary>
    public static void DropoutMask(Span<float> mask, ulong state, long firstIndex, float rate, float keep)
    {
        for (int i = 0; i < mask.Length; i++)
            mask[i] = NnRandom.FloatAt(state, firstIndex + i) < rate ? 0f : keep;
    }
}
