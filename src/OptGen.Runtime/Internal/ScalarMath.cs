using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OptGen.Internal;

/// <summary>Per-step scalar math (double precision) used by generated code. Not meant to be called directly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScalarMath
{
    /// <summary>+1 / -1 for positive / negative x; x itself for 0, -0 and NaN.</summary>
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x;

    /// <summary>x limited to [lo, hi].</summary>
    public static double Clamp(double x, double lo, double hi) => Min(Max(x, lo), hi);

    /// <summary>
    /// The IEEE 754:2019 minimum with <see cref="IeeeMinMax"/>'s NaN rule (<see cref="Math.Min(double, double)"/>'s bits
    /// without AVX-512), without branches: the two blends of <see cref="IeeeMinMax"/>, in lane 0. .NET's own branches
    /// on the comparison (and, with AVX-512, picks another NaN), which a loop over values in no order
    /// mispredicts (a loop shaped like SM3's per-(row, column) one, over 4 Mi values: 8.0 ms with <c>Math.Min</c>,
    /// 5.4 ms with an addition in its place).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double a, double b) => Sse41.IsSupported
        ? IeeeMinMax.Min(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar()
        : Math.Min(a, b);

    /// <summary>The IEEE 754:2019 maximum, without branches (as <see cref="Min"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b) => Sse41.IsSupported
        ? IeeeMinMax.Max(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar()
        : Math.Max(a, b);

    /// <summary>
    /// <c>(double)x</c>, converted as a packed value. The JIT writes <c>(double)x</c> as <c>vcvtss2sd</c>, which keeps the
    /// upper lanes of its destination register and so waits for whatever was there last: in a loop, the previous value's
    /// result, chaining every iteration to the one before (a loop shaped like SM3's per-(row, column) one, over 4 Mi
    /// values: 15.9 ms with casts, 5.4 ms with these). <c>cvtps2pd</c> writes the whole register. Same value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(float x) =>
        Sse2.IsSupported ? Sse2.ConvertToVector128Double(Vector128.CreateScalarUnsafe(x)).ToScalar() : x;

    /// <summary><c>(float)x</c>, converted as a packed value (<c>cvtpd2ps</c>; see <see cref="Widen"/>). Same rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Narrow(double x) =>
        Sse2.IsSupported ? Sse2.ConvertToVector128Single(Vector128.CreateScalarUnsafe(x)).ToScalar() : (float)x;

    /// <summary>The learning rate a schedule gives, checked to be a finite number.</summary>
    public static double CheckedRate(double rate, string optimizer, long step)
    {
        if (!double.IsFinite(rate))
            throw new InvalidOperationException($"The learning-rate schedule of {optimizer} returned {rate} for step {step}; a learning rate must be finite.");
        return rate;
    }
}
