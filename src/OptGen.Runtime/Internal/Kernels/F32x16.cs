#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>Sixteen float lanes (<see cref="Vector512{T}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F32x16 : IFloatVector<F32x16>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;
    private readonly Vector512<float> _v;

    [MethodImpl(Inline)] private F32x16(Vector512<float> v) => _v = v;

    public static int Count => 16;
    [MethodImpl(Inline)] public static F32x16 Load(ref float source, nint index) => new(Vector512.LoadUnsafe(ref source, (nuint)index));
    [MethodImpl(Inline)] public static void Store(ref float destination, nint index, F32x16 value) => value._v.StoreUnsafe(ref destination, (nuint)index);
    [MethodImpl(Inline)] public static F32x16 LoadBf16(ref ushort source, nint index) => new(BFloat16.Load512(ref source, (nuint)index));
    [MethodImpl(Inline)] public static void StoreBf16(ref ushort destination, nint index, F32x16 value) => BFloat16.Store512(value._v, ref destination, (nuint)index);
    [MethodImpl(Inline)] public static F32x16 Splat(float value) => new(Vector512.Create(value));
    [MethodImpl(Inline)] public static F32x16 operator +(F32x16 a, F32x16 b) => new(a._v + b._v);
    [MethodImpl(Inline)] public static F32x16 operator -(F32x16 a, F32x16 b) => new(a._v - b._v);
    [MethodImpl(Inline)] public static F32x16 operator *(F32x16 a, F32x16 b) => new(a._v * b._v);
    [MethodImpl(Inline)] public static F32x16 operator /(F32x16 a, F32x16 b) => new(a._v / b._v);
    [MethodImpl(Inline)] public static F32x16 operator -(F32x16 a) => new(-a._v);
    [MethodImpl(Inline)] public static F32x16 Fma(F32x16 a, F32x16 b, F32x16 c) => new(Vector512.MultiplyAddEstimate(a._v, b._v, c._v));
    [MethodImpl(Inline)] public static F32x16 Sqrt(F32x16 x) => new(Vector512.Sqrt(x._v));
    [MethodImpl(Inline)] public static F32x16 Abs(F32x16 x) => new(Vector512.Abs(x._v));
    [MethodImpl(Inline)] public static F32x16 Min(F32x16 a, F32x16 b) => new(Vector512.Min(a._v, b._v));
    [MethodImpl(Inline)] public static F32x16 Max(F32x16 a, F32x16 b) => new(Vector512.Max(a._v, b._v));
    [MethodImpl(Inline)] public static F32x16 Floor(F32x16 x) => new(Vector512.Floor(x._v));
    [MethodImpl(Inline)] public static F32x16 Exp(F32x16 x) => new(Join(Transcendental128.Exp(Part(x, 0)), Transcendental128.Exp(Part(x, 1)), Transcendental128.Exp(Part(x, 2)), Transcendental128.Exp(Part(x, 3))));
    [MethodImpl(Inline)] public static F32x16 Log(F32x16 x) => new(Join(Transcendental128.Log(Part(x, 0)), Transcendental128.Log(Part(x, 1)), Transcendental128.Log(Part(x, 2)), Transcendental128.Log(Part(x, 3))));
    [MethodImpl(Inline)] public static F32x16 Cos(F32x16 x) => new(Join(Transcendental128.Cos(Part(x, 0)), Transcendental128.Cos(Part(x, 1)), Transcendental128.Cos(Part(x, 2)), Transcendental128.Cos(Part(x, 3))));
    [MethodImpl(Inline)] public static F32x16 Sin(F32x16 x) => new(Join(Transcendental128.Sin(Part(x, 0)), Transcendental128.Sin(Part(x, 1)), Transcendental128.Sin(Part(x, 2)), Transcendental128.Sin(Part(x, 3))));
    [MethodImpl(Inline)] public static F32x16 Tanh(F32x16 x) => new(Join(Transcendental128.Tanh(Part(x, 0)), Transcendental128.Tanh(Part(x, 1)), Transcendental128.Tanh(Part(x, 2)), Transcendental128.Tanh(Part(x, 3))));
    [MethodImpl(Inline)] public static F32x16 Pow(F32x16 x, F32x16 y) => new(Join(Transcendental128.Pow(Part(x, 0), Part(y, 0)), Transcendental128.Pow(Part(x, 1), Part(y, 1)),
        Transcendental128.Pow(Part(x, 2), Part(y, 2)), Transcendental128.Pow(Part(x, 3), Part(y, 3))));
    [MethodImpl(Inline)] public static F32x16 Lt(F32x16 a, F32x16 b) => new(Vector512.LessThan(a._v, b._v));
    [MethodImpl(Inline)] public static F32x16 Le(F32x16 a, F32x16 b) => new(Vector512.LessThanOrEqual(a._v, b._v));
    [MethodImpl(Inline)] public static F32x16 Eq(F32x16 a, F32x16 b) => new(Vector512.Equals(a._v, b._v));
    [MethodImpl(Inline)] public static F32x16 And(F32x16 a, F32x16 b) => new(a._v & b._v);
    [MethodImpl(Inline)] public static F32x16 Or(F32x16 a, F32x16 b) => new(a._v | b._v);
    [MethodImpl(Inline)] public static F32x16 Not(F32x16 mask) => new(~mask._v);
    [MethodImpl(Inline)] public static F32x16 Select(F32x16 mask, F32x16 whenTrue, F32x16 whenFalse) => new(Vector512.ConditionalSelect(mask._v, whenTrue._v, whenFalse._v));
    [MethodImpl(Inline)] public static float MaxLane(F32x16 x) => F32x4.MaxLane(Vector128.Max(Vector128.Max(Part(x, 0), Part(x, 1)), Vector128.Max(Part(x, 2), Part(x, 3))));
    [MethodImpl(Inline)] public static float First(F32x16 x) => x._v.ToScalar();

    [MethodImpl(Inline)]
    private static Vector128<float> Part(F32x16 x, int quarter) => quarter switch
    {
        0 => x._v.GetLower().GetLower(),
        1 => x._v.GetLower().GetUpper(),
        2 => x._v.GetUpper().GetLower(),
        _ => x._v.GetUpper().GetUpper(),
    };

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

    [MethodImpl(Inline)]
    public static void AddInto(ref double destination, nint index, F32x16 term)
    {
        (Vector512<double> lo, Vector512<double> hi) = Vector512.Widen(term._v);
        ref double d = ref Unsafe.Add(ref destination, index);
        (Vector512.LoadUnsafe(ref d) + lo).StoreUnsafe(ref d);
        (Vector512.LoadUnsafe(ref d, (nuint)Vector512<double>.Count) + hi).StoreUnsafe(ref d, (nuint)Vector512<double>.Count);
    }
}
