using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptGen.Nn;

/// <summary>
/// Element-wise forward/backward formulas that TensorPrimitives has no single call for. Each is a small struct
/// (<see cref="IElementOp"/>) run by one loop, <see cref="Map{TOp}"/>, on <see cref="Vector{T}"/> (as wide as the hardware
/// allows: 256 bits with AVX2, 128 on Arm) plus a scalar tail. The JIT compiles <see cref="Map{TOp}"/> once per op struct
/// and inlines the op, so each loop is as if written by hand.
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary><c>y = x &gt; 0 ? x : slope · x</c>.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float slope) =>
        Map(new LeakyReluOp(slope), x, default, default, y);

    /// <summary><c>dx = x &gt; 0 ? dy : slope · dy</c> (the derivative at 0 is taken as <paramref name="slope"/>, as PyTorch does).</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, float slope) =>
        Map(new LeakyReluBackwardOp(slope), x, dy, default, dx);

    /// <summary>Sigmoid backward from its output: <c>dx = dy · y · (1 - y)</c>.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) =>
        Map(default(SigmoidBackwardOp), y, dy, default, dx);

    /// <summary>Tanh backward from its output: <c>dx = dy · (1 - y²)</c>.</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) =>
        Map(default(TanhBackwardOp), y, dy, default, dx);

    /// <summary>GELU's inner argument <c>u = c · (x + k · x³)</c>, which the caller passes through tanh.</summary>
    public static void GeluInner(ReadOnlySpan<float> x, Span<float> u) =>
        Map(new GeluInnerOp(Gelu.C, Gelu.K), x, default, default, u);

    /// <summary>GELU output from <c>t = tanh(u)</c>: <c>y = x · (1 + t) / 2</c>.</summary>
    public static void GeluOutput(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> y) =>
        Map(default(GeluOutputOp), x, t, default, y);

    /// <summary>GELU backward: <c>dx = dy · ((1 + t) / 2 + x (1 - t²) c (1 + 3k x²) / 2)</c>.</summary>
    public static void GeluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> t, ReadOnlySpan<float> dy, Span<float> dx) =>
        Map(new GeluBackwardOp(Gelu.C, 3f * Gelu.K), x, t, dy, dx);

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

    /// <summary>
    /// <c>output[i] = op(a[i], b[i], c[i])</c>, whole vectors first, then a scalar tail. Inputs past
    /// <see cref="IElementOp.Inputs"/> may be empty and are not read (the test is a constant per op struct: the JIT
    /// drops the unused loads).
    /// </summary>
    private static void Map<TOp>(TOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, Span<float> output)
        where TOp : struct, IElementOp
    {
        int n = output.Length, i = 0;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);
        ref float ro = ref MemoryMarshal.GetReference(output);
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                Vector<float> va = Vector.LoadUnsafe(ref ra, (nuint)i);
                Vector<float> vb = TOp.Inputs > 1 ? Vector.LoadUnsafe(ref rb, (nuint)i) : default;
                Vector<float> vc = TOp.Inputs > 2 ? Vector.LoadUnsafe(ref rc, (nuint)i) : default;
                op.Apply(va, vb, vc).StoreUnsafe(ref ro, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float sb = TOp.Inputs > 1 ? Unsafe.Add(ref rb, i) : 0f;
            float sc = TOp.Inputs > 2 ? Unsafe.Add(ref rc, i) : 0f;
            Unsafe.Add(ref ro, i) = op.Apply(Unsafe.Add(ref ra, i), sb, sc);
        }
    }

    /// <summary>One element-wise formula, on a vector and on one value (the same operations in the same order).</summary>
    private interface IElementOp
    {
        /// <summary>How many of the inputs the formula reads (1 to 3).</summary>
        static abstract int Inputs { get; }

        Vector<float> Apply(Vector<float> a, Vector<float> b, Vector<float> c);

        float Apply(float a, float b, float c);
    }

    // The forward formula is the backward one with the input as its own gradient: x > 0 ? x : slope · x.
    private readonly struct LeakyReluOp(float slope) : IElementOp
    {
        private readonly LeakyReluBackwardOp _select = new(slope);

        public static int Inputs => 1;

        public Vector<float> Apply(Vector<float> x, Vector<float> _, Vector<float> __) => _select.Apply(x, x, __);

        public float Apply(float x, float _, float __) => _select.Apply(x, x, __);
    }

    private readonly struct LeakyReluBackwardOp(float slope) : IElementOp
    {
        private readonly Vector<float> _s = new(slope);

        public static int Inputs => 2;

        public Vector<float> Apply(Vector<float> x, Vector<float> dy, Vector<float> _) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), dy, dy * _s);

        public float Apply(float x, float dy, float _) => x > 0f ? dy : slope * dy;
    }

    private readonly struct SigmoidBackwardOp : IElementOp
    {
        public static int Inputs => 2;

        public Vector<float> Apply(Vector<float> y, Vector<float> dy, Vector<float> _) => dy * y * (Vector<float>.One - y);

        public float Apply(float y, float dy, float _) => dy * y * (1f - y);
    }

    private readonly struct TanhBackwardOp : IElementOp
    {
        public static int Inputs => 2;

        public Vector<float> Apply(Vector<float> y, Vector<float> dy, Vector<float> _) => dy * (Vector<float>.One - y * y);

        public float Apply(float y, float dy, float _) => dy * (1f - y * y);
    }

    private readonly struct GeluInnerOp(float c, float k) : IElementOp
    {
        private readonly Vector<float> _c = new(c), _k = new(k);

        public static int Inputs => 1;

        public Vector<float> Apply(Vector<float> x, Vector<float> _, Vector<float> __) => _c * (x + _k * x * x * x);

        public float Apply(float x, float _, float __) => c * (x + k * x * x * x);
    }

    private readonly struct GeluOutputOp : IElementOp
    {
        public static int Inputs => 2;

        public Vector<float> Apply(Vector<float> x, Vector<float> t, Vector<float> _) => new Vector<float>(0.5f) * x * (Vector<float>.One + t);

        public float Apply(float x, float t, float _) => 0.5f * x * (1f + t);
    }

    // c is sqrt(2/π), k3 three times GELU's cubic coefficient.
    private readonly struct GeluBackwardOp(float c, float k3) : IElementOp
    {
        private readonly Vector<float> _c = new(c), _k3 = new(k3);

        public static int Inputs => 3;

        public Vector<float> Apply(Vector<float> x, Vector<float> t, Vector<float> dy)
        {
            var half = new Vector<float>(0.5f);
            return dy * (half * (Vector<float>.One + t) + half * x * (Vector<float>.One - t * t) * _c * (Vector<float>.One + _k3 * x * x));
        }

        public float Apply(float x, float t, float dy) =>
            dy * (0.5f * (1f + t) + 0.5f * x * (1f - t * t) * c * (1f + k3 * x * x));
    }
}
