#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>Eight float lanes (<see cref="Vector256{T}"/>).</summary>
// The members every width writes alike come from FloatVector.template (FloatVectors.targets); here, the two 128-bit
// halves sine and cosine run on, and the reductions across lanes.
public readonly partial struct F32x8
{
    [MethodImpl(Inline)] public static F32x8 Cos(F32x8 x) => new(Vector256.Create(Transcendental128.Cos(x._v.GetLower()), Transcendental128.Cos(x._v.GetUpper())));
    [MethodImpl(Inline)] public static F32x8 Sin(F32x8 x) => new(Vector256.Create(Transcendental128.Sin(x._v.GetLower()), Transcendental128.Sin(x._v.GetUpper())));
    [MethodImpl(Inline)] public static void StoreBf16Pair(ref ushort first, ref ushort second, nint index, F32x8 a, F32x8 b) => BFloat16.StorePair256(a._v, ref first, b._v, ref second, (nuint)index);
    [MethodImpl(Inline)] public static float MaxLane(F32x8 x) => F32x4.MaxLane(Vector128.Max(x._v.GetLower(), x._v.GetUpper()));

    [MethodImpl(Inline)]
    public static void AddTo(ref SumLanes sums, F32x8 term, int part)
    {
        (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(term._v);
        sums.Add(2 * part, lo);
        sums.Add(2 * part + 1, hi);
    }
}
