using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>
/// Sine and cosine for 128 bits of floats. Wider vectors apply these to each 128-bit part, and <see cref="F32x1"/> to its
/// one lane, so a lane's result never depends on the width it was computed at. (exp, log, tanh and pow run at every
/// width in FloatVector.template: their lanes do not depend on their neighbours.)
/// </summary>
internal static class Transcendental128
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

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
}
