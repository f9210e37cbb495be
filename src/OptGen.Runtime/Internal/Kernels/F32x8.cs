#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>Eight float lanes (<see cref="Vector256{T}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F32x8 : IFloatVector<F32x8>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;
    private readonly Vector256<float> _v;

    [MethodImpl(Inline)] private F32x8(Vector256<float> v) => _v = v;

    public static int Count => 8;
    [MethodImpl(Inline)] public static F32x8 Load(ref float source, nint index) => new(Vector256.LoadUnsafe(ref source, (nuint)index));
    [MethodImpl(Inline)] public static void Store(ref float destination, nint index, F32x8 value) => value._v.StoreUnsafe(ref destination, (nuint)index);
    [MethodImpl(Inline)] public static F32x8 LoadBf16(ref ushort source, nint index) => new(BFloat16.Load256(ref source, (nuint)index));
    [MethodImpl(Inline)] public static void StoreBf16(ref ushort destination, nint index, F32x8 value) => BFloat16.Store256(value._v, ref destination, (nuint)index);
    [MethodImpl(Inline)] public static F32x8 Splat(float value) => new(Vector256.Create(value));
    [MethodImpl(Inline)] public static F32x8 operator +(F32x8 a, F32x8 b) => new(a._v + b._v);
    [MethodImpl(Inline)] public static F32x8 operator -(F32x8 a, F32x8 b) => new(a._v - b._v);
    [MethodImpl(Inline)] public static F32x8 operator *(F32x8 a, F32x8 b) => new(a._v * b._v);
    [MethodImpl(Inline)] public static F32x8 operator /(F32x8 a, F32x8 b) => new(a._v / b._v);
    [MethodImpl(Inline)] public static F32x8 operator -(F32x8 a) => new(-a._v);
    [MethodImpl(Inline)] public static F32x8 Fma(F32x8 a, F32x8 b, F32x8 c) => new(Vector256.MultiplyAddEstimate(a._v, b._v, c._v));
    [MethodImpl(Inline)] public static F32x8 Sqrt(F32x8 x) => new(Vector256.Sqrt(x._v));
    [MethodImpl(Inline)] public static F32x8 Abs(F32x8 x) => new(Vector256.Abs(x._v));
    [MethodImpl(Inline)] public static F32x8 Min(F32x8 a, F32x8 b) => new(Vector256.Min(a._v, b._v));
    [MethodImpl(Inline)] public static F32x8 Max(F32x8 a, F32x8 b) => new(Vector256.Max(a._v, b._v));
    [MethodImpl(Inline)] public static F32x8 Floor(F32x8 x) => new(Vector256.Floor(x._v));
    [MethodImpl(Inline)] public static F32x8 Exp(F32x8 x) => new(Vector256.Create(Transcendental128.Exp(x._v.GetLower()), Transcendental128.Exp(x._v.GetUpper())));
    [MethodImpl(Inline)] public static F32x8 Log(F32x8 x) => new(Vector256.Create(Transcendental128.Log(x._v.GetLower()), Transcendental128.Log(x._v.GetUpper())));
    [MethodImpl(Inline)] public static F32x8 Cos(F32x8 x) => new(Vector256.Create(Transcendental128.Cos(x._v.GetLower()), Transcendental128.Cos(x._v.GetUpper())));
    [MethodImpl(Inline)] public static F32x8 Sin(F32x8 x) => new(Vector256.Create(Transcendental128.Sin(x._v.GetLower()), Transcendental128.Sin(x._v.GetUpper())));
    [MethodImpl(Inline)] public static F32x8 Tanh(F32x8 x) => new(Vector256.Create(Transcendental128.Tanh(x._v.GetLower()), Transcendental128.Tanh(x._v.GetUpper())));
    [MethodImpl(Inline)] public static F32x8 Pow(F32x8 x, F32x8 y) =>
        new(Vector256.Create(Transcendental128.Pow(x._v.GetLower(), y._v.GetLower()), Transcendental128.Pow(x._v.GetUpper(), y._v.GetUpper())));
    [MethodImpl(Inline)] public static F32x8 Lt(F32x8 a, F32x8 b) => new(Vector256.LessThan(a._v, b._v));
    [MethodImpl(Inline)] public static F32x8 Le(F32x8 a, F32x8 b) => new(Vector256.LessThanOrEqual(a._v, b._v));
    [MethodImpl(Inline)] public static F32x8 Eq(F32x8 a, F32x8 b) => new(Vector256.Equals(a._v, b._v));
    [MethodImpl(Inline)] public static F32x8 And(F32x8 a, F32x8 b) => new(a._v & b._v);
    [MethodImpl(Inline)] public static F32x8 Or(F32x8 a, F32x8 b) => new(a._v | b._v);
    [MethodImpl(Inline)] public static F32x8 Not(F32x8 mask) => new(~mask._v);
    [MethodImpl(Inline)] public static F32x8 Select(F32x8 mask, F32x8 whenTrue, F32x8 whenFalse) => new(Vector256.ConditionalSelect(mask._v, whenTrue._v, whenFalse._v));
    [MethodImpl(Inline)] public static float MaxLane(F32x8 x) => F32x4.MaxLane(Vector128.Max(x._v.GetLower(), x._v.GetUpper()));
    [MethodImpl(Inline)] public static float First(F32x8 x) => x._v.ToScalar();

    [MethodImpl(Inline)]
    public static void AddTo(ref SumLanes sums, F32x8 term, int part)
    {
        (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(term._v);
        sums.Add(2 * part, lo);
        sums.Add(2 * part + 1, hi);
    }

    [MethodImpl(Inline)]
    public static void AddInto(ref double destination, nint index, F32x8 term)
    {
        (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(term._v);
        ref double d = ref Unsafe.Add(ref destination, index);
        (Vector256.LoadUnsafe(ref d) + lo).StoreUnsafe(ref d);
        (Vector256.LoadUnsafe(ref d, (nuint)Vector256<double>.Count) + hi).StoreUnsafe(ref d, (nuint)Vector256<double>.Count);
    }
}
