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
    public static double Clamp(double x, double lo, double hi) => Math.Min(Math.Max(x, lo), hi);

    /// <summary>
    /// <c>(double)x</c>, converted as a packed value. The JIT writes <c>(double)x</c> as <c>vcvtss2sd</c>, which keeps the
    /// upper lanes of its destination register and so waits for whatever was there last: in a loop, the previous value's
    /// result, chaining every iteration to the one before (SM3's per-(row, column) loop on [2048, 2048]: 16 ms, 5.4 with
    /// these). <c>cvtps2pd</c> writes the whole register. Same value.
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
