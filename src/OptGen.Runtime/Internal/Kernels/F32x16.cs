#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>Sixteen float lanes (<see cref="Vector512{T}"/>).</summary>
// The members every width writes alike come from FloatVector.template (FloatVectors.targets); here, the four 128-bit
// quarters sine and cosine run on, and the reductions across lanes.
public readonly partial struct F32x16
{
    [MethodImpl(Inline)] public static F32x16 Cos(F32x16 x) => new(Join(Transcendental128.Cos(Part(x, 0)), Transcendental128.Cos(Part(x, 1)), Transcendental128.Cos(Part(x, 2)), Transcendental128.Cos(Part(x, 3))));
    [MethodImpl(Inline)] public static F32x16 Sin(F32x16 x) => new(Join(Transcendental128.Sin(Part(x, 0)), Transcendental128.Sin(Part(x, 1)), Transcendental128.Sin(Part(x, 2)), Transcendental128.Sin(Part(x, 3))));
    [MethodImpl(Inline)] public static void StoreBf16Pair(ref ushort first, ref ushort second, nint index, F32x16 a, F32x16 b) => BFloat16.StorePair512(a._v, ref first, b._v, ref second, (nuint)index);
    [MethodImpl(Inline)] public static float MaxLane(F32x16 x) => F32x4.MaxLane(Vector128.Max(Vector128.Max(Part(x, 0), Part(x, 1)), Vector128.Max(Part(x, 2), Part(x, 3))));

    // Conditions, not a switch, on the constant quarter (see Terms<V>.Get).
    [MethodImpl(Inline)]
    private static Vector128<float> Part(F32x16 x, int quarter) =>
        quarter < 2
            ? quarter == 0 ? x._v.GetLower().GetLower() : x._v.GetLower().GetUpper()
            : quarter == 2 ? x._v.GetUpper().GetLower() : x._v.GetUpper().GetUpper();

    [MethodImpl(Inline)]
    private static Vector512<float> Join(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d) =>
        Vector512.Create(Vector256.Create(a, b), Vector256.Create(c, d));

    [MethodImpl(Inline)]
    public static void AddTo(ref SumLanes sums, F32x16 term, int part)
    {
        // One part fills the whole 16-lane block.
        (Vector512<double> lo, Vector512<double> hi) = Vector512.Widen(term._v);
        sums.L0 += lo.GetLower();
        sums.L1 += lo.GetUpper();
        sums.L2 += hi.GetLower();
        sums.L3 += hi.GetUpper();
    }
}
