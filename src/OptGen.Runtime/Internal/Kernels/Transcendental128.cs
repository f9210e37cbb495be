using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>
/// The functions that are not one instruction, for 128 bits of floats. Wider vectors apply these to each 128-bit part,
/// and <see cref="F32x1"/> to its one lane, so a lane's result never depends on the width it was computed at.
/// </summary>
internal static class Transcendental128
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    [MethodImpl(Inline)] public static Vector128<float> Exp(Vector128<float> x) => Vector128.Exp(x);
    [MethodImpl(Inline)] public static Vector128<float> Log(Vector128<float> x) => Vector128.Log(x);
    [MethodImpl(Inline)] public static Vector128<float> Cos(Vector128<float> x) => ByPath(x, cos: true);
    [MethodImpl(Inline)] public static Vector128<float> Sin(Vector128<float> x) => ByPath(x, cos: false);

    // .NET's sin and cos choose one path for a whole vector (all lanes within pi/4 and some from 2^-7 on: a double
    // polynomial; all within pi/4, none from 2^-7: a float one; some beyond pi/4, all below 5e6: a reduction; else
    // MathF per lane), and the paths' last bits differ, so a lane's result depended on its neighbours: on the width and
    // on the data around it (sin(-571.02) with a large neighbour 0x3F2DC291, alone 0x3F2DC290). So the lanes are grouped
    // by the path each takes alone, and each group present is computed in a vector of its own, the other lanes 0 (which
    // sways no path): one call where all lanes share a path, as they mostly do.
    // SimdMathAccuracyTests.FunctionsGiveTheSameBitsAtEveryWidth fails if these bounds stop matching .NET's.
    private static Vector128<float> ByPath(Vector128<float> x, bool cos)
    {
        const int Small = 0x3C000000; // 2^-7: from here the double polynomial
        const int Large = 0x3F490FDB; // pi/4 (as a float): beyond it the reduction
        const int Huge = 0x4A989680; // 5e6: from here, and for infinities and NaN, MathF per lane
        Vector128<int> bits = Vector128.Abs(x).AsInt32();
        Vector128<int> reduced = Vector128.GreaterThan(bits, Vector128.Create(Large));
        Vector128<int> perLane = Vector128.GreaterThanOrEqual(bits, Vector128.Create(Huge));
        Vector128<int> polynomial = Vector128.GreaterThanOrEqual(bits, Vector128.Create(Small)) & ~reduced;
        reduced &= ~perLane;
        Vector128<int> floatPolynomial = ~(polynomial | reduced | perLane);
        Vector128<float> result = OnPath(x, floatPolynomial, Vector128<float>.Zero, cos);
        result = OnPath(x, polynomial, result, cos);
        result = OnPath(x, reduced, result, cos);
        return OnPath(x, perLane, result, cos);
    }

    // The lanes of x on one path, computed alone (the other lanes 0), into result; nothing if no lane is on it.
    [MethodImpl(Inline)]
    private static Vector128<float> OnPath(Vector128<float> x, Vector128<int> path, Vector128<float> result, bool cos)
    {
        if (Vector128.EqualsAll(path, Vector128<int>.Zero))
            return result;
        Vector128<float> only = Vector128.ConditionalSelect(path.AsSingle(), x, Vector128<float>.Zero);
        return Vector128.ConditionalSelect(path.AsSingle(), cos ? Vector128.Cos(only) : Vector128.Sin(only), result);
    }

    [MethodImpl(Inline)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        // tanh|x| = 1 - 2 / (exp(2|x|) + 1) cancels badly for small |x| (1e-3 relative error at 1e-4 in float), so it is
        // computed in double, where the cancellation costs ~1e-16 absolute; below 2^-12, x - x^3/3 is exact in float.
        // exp overflows to +inf for large |x|, giving exactly +-1.
        (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(Vector128.Abs(x));
        Vector128<float> t = Vector128.CopySign(Vector128.Narrow(TanhOfNonNegative(lo), TanhOfNonNegative(hi)), x);
        Vector128<float> series = x - x * x * x * Vector128.Create(1f / 3f);
        return Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(x), Vector128.Create(1f / 4096f)), series, t);
    }

    [MethodImpl(Inline)]
    private static Vector128<double> TanhOfNonNegative(Vector128<double> a) =>
        Vector128<double>.One - Vector128.Create(2.0) / (Vector128.Exp(a + a) + Vector128<double>.One);

    [MethodImpl(Inline)]
    public static Vector128<float> Pow(Vector128<float> x, Vector128<float> y)
    {
        // exp(y log|x|) in double (in float its error grows with |y log x|), with MathF.Pow's meaning where that formula
        // alone is wrong: a negative base with an integer exponent (the sign follows the exponent's parity; NaN for
        // other exponents), y = 0 and x = 1 (both give 1).
        (Vector128<double> xLo, Vector128<double> xHi) = Vector128.Widen(Vector128.Abs(x));
        (Vector128<double> yLo, Vector128<double> yHi) = Vector128.Widen(y);
        Vector128<float> r = Vector128.Narrow(Vector128.Exp(yLo * Vector128.Log(xLo)), Vector128.Exp(yHi * Vector128.Log(xHi)));
        Vector128<float> isInteger = Vector128.Equals(Vector128.Floor(y), y);
        Vector128<float> half = y * Vector128.Create(0.5f);
        Vector128<float> isOdd = isInteger & ~Vector128.Equals(Vector128.Floor(half), half);
        Vector128<float> negative = Vector128.LessThan(x, Vector128<float>.Zero);
        r = Vector128.ConditionalSelect(Vector128.IsNegative(x) & isOdd, -r, r); // -0 too: pow(-0, -1) = -inf
        r = Vector128.ConditionalSelect(negative & ~isInteger, Vector128.Create(float.NaN), r);
        Vector128<float> one = Vector128<float>.One;
        return Vector128.ConditionalSelect(Vector128.Equals(y, Vector128<float>.Zero) | Vector128.Equals(x, one), one, r);
    }
}
