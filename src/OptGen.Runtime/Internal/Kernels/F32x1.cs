#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>
/// One float lane, for ragged heads and tails and the scalar path: a <see cref="Vector128{T}"/> of which only lane 0 is
/// loaded and stored, so it runs the very same instructions as <see cref="F32x4"/> and gives the same bits.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F32x1 : IFloatVector<F32x1>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;
    private readonly Vector128<float> _v;

    [MethodImpl(Inline)] private F32x1(Vector128<float> v) => _v = v;

    public static int Count => 1;
    [MethodImpl(Inline)] public static F32x1 Load(ref float source, nint index) => new(Vector128.CreateScalar(Unsafe.Add(ref source, index)));
    [MethodImpl(Inline)] public static void Store(ref float destination, nint index, F32x1 value) => Unsafe.Add(ref destination, index) = value._v.ToScalar();
    [MethodImpl(Inline)] public static F32x1 LoadBf16(ref ushort source, nint index) => new(Vector128.CreateScalar(BFloat16.ToFloat(Unsafe.Add(ref source, index))));
    [MethodImpl(Inline)] public static void StoreBf16(ref ushort destination, nint index, F32x1 value) => Unsafe.Add(ref destination, index) = BFloat16.FromFloat(value._v.ToScalar());
    [MethodImpl(Inline)] public static F32x1 Splat(float value) => new(Vector128.Create(value));
    [MethodImpl(Inline)] public static F32x1 operator +(F32x1 a, F32x1 b) => new(a._v + b._v);
    [MethodImpl(Inline)] public static F32x1 operator -(F32x1 a, F32x1 b) => new(a._v - b._v);
    [MethodImpl(Inline)] public static F32x1 operator *(F32x1 a, F32x1 b) => new(a._v * b._v);
    [MethodImpl(Inline)] public static F32x1 operator /(F32x1 a, F32x1 b) => new(a._v / b._v);
    [MethodImpl(Inline)] public static F32x1 operator -(F32x1 a) => new(-a._v);
    [MethodImpl(Inline)] public static F32x1 Fma(F32x1 a, F32x1 b, F32x1 c) => new(Vector128.MultiplyAddEstimate(a._v, b._v, c._v));
    [MethodImpl(Inline)] public static F32x1 Sqrt(F32x1 x) => new(Vector128.Sqrt(x._v));
    [MethodImpl(Inline)] public static F32x1 Abs(F32x1 x) => new(Vector128.Abs(x._v));
    [MethodImpl(Inline)] public static F32x1 Min(F32x1 a, F32x1 b) => new(Vector128.Min(a._v, b._v));
    [MethodImpl(Inline)] public static F32x1 Max(F32x1 a, F32x1 b) => new(Vector128.Max(a._v, b._v));
    [MethodImpl(Inline)] public static F32x1 Floor(F32x1 x) => new(Vector128.Floor(x._v));
    [MethodImpl(Inline)] public static F32x1 Exp(F32x1 x) => new(Transcendental128.Exp(x._v));
    [MethodImpl(Inline)] public static F32x1 Log(F32x1 x) => new(Transcendental128.Log(x._v));
    [MethodImpl(Inline)] public static F32x1 Cos(F32x1 x) => new(Transcendental128.Cos(x._v));
    [MethodImpl(Inline)] public static F32x1 Sin(F32x1 x) => new(Transcendental128.Sin(x._v));
    [MethodImpl(Inline)] public static F32x1 Tanh(F32x1 x) => new(Transcendental128.Tanh(x._v));
    [MethodImpl(Inline)] public static F32x1 Pow(F32x1 x, F32x1 y) => new(Transcendental128.Pow(x._v, y._v));
    [MethodImpl(Inline)] public static F32x1 Lt(F32x1 a, F32x1 b) => new(Vector128.LessThan(a._v, b._v));
    [MethodImpl(Inline)] public static F32x1 Le(F32x1 a, F32x1 b) => new(Vector128.LessThanOrEqual(a._v, b._v));
    [MethodImpl(Inline)] public static F32x1 Eq(F32x1 a, F32x1 b) => new(Vector128.Equals(a._v, b._v));
    [MethodImpl(Inline)] public static F32x1 And(F32x1 a, F32x1 b) => new(a._v & b._v);
    [MethodImpl(Inline)] public static F32x1 Or(F32x1 a, F32x1 b) => new(a._v | b._v);
    [MethodImpl(Inline)] public static F32x1 Not(F32x1 mask) => new(~mask._v);
    [MethodImpl(Inline)] public static F32x1 Select(F32x1 mask, F32x1 whenTrue, F32x1 whenFalse) => new(Vector128.ConditionalSelect(mask._v, whenTrue._v, whenFalse._v));
    [MethodImpl(Inline)] public static float MaxLane(F32x1 x) => x._v.ToScalar();
    [MethodImpl(Inline)] public static float First(F32x1 x) => x._v.ToScalar();

    /// <summary>Adds the one lane to lane <paramref name="part"/> (0–15) of <paramref name="sums"/>.</summary>
    [MethodImpl(Inline)]
    public static void AddTo(ref SumLanes sums, F32x1 term, int part) =>
        sums.Add(part >> 2, Vector256<double>.Zero.WithElement(part & 3, (double)term._v.ToScalar()));

    [MethodImpl(Inline)]
    public static void AddInto(ref double destination, nint index, F32x1 term) => Unsafe.Add(ref destination, index) += term._v.ToScalar();
}
