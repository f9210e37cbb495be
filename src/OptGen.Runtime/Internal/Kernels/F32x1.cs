#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>
/// One float lane, for ragged heads and tails and the scalar path: a <see cref="Vector128{T}"/> of which only lane 0 is
/// loaded and stored, so it runs the very same instructions as <see cref="F32x4"/> and gives the same bits.
/// </summary>
// The members every width writes alike come from FloatVector.template (FloatVectors.targets); here, lane 0's own.
public readonly partial struct F32x1
{
    [MethodImpl(Inline)] public static F32x1 Load(ref float source, nint index) => new(Vector128.CreateScalar(Unsafe.Add(ref source, index)));
    [MethodImpl(Inline)] public static void Store(ref float destination, nint index, F32x1 value) => Unsafe.Add(ref destination, index) = value._v.ToScalar();
    [MethodImpl(Inline)] public static F32x1 LoadBf16(ref ushort source, nint index) => new(Vector128.CreateScalar(BFloat16.ToFloat(Unsafe.Add(ref source, index))));
    [MethodImpl(Inline)] public static void StoreBf16(ref ushort destination, nint index, F32x1 value) => Unsafe.Add(ref destination, index) = BFloat16.FromFloat(value._v.ToScalar());
    [MethodImpl(Inline)] public static float MaxLane(F32x1 x) => x._v.ToScalar();

    /// <summary>Adds the one lane to lane <paramref name="part"/> (0–15) of <paramref name="sums"/>.</summary>
    [MethodImpl(Inline)]
    public static void AddTo(ref SumLanes sums, F32x1 term, int part) =>
        sums.Add(part >> 2, Vector256<double>.Zero.WithElement(part & 3, (double)term._v.ToScalar()));
}
