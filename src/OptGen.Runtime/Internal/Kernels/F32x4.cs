#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>Four float lanes (<see cref="Vector128{T}"/>).</summary>
// The four widths are written out on purpose. One struct generic over the vector type (a typeof or size test per
// operation that the JIT folds, Unsafe.BitCast; .NET's ISimdVector is internal) gives the same results but not the same
// code: every operation's IL then carries all three widths, the inliner's budget runs out in the larger kernels, and
// there the one-lane head/tail operations stay calls (Lamb's reduction at 8 lanes: 16 calls became 40). Measured on
// the 261 driver loops the built-in optimizers compile to (DOTNET_JitDisasm): 103 differed.
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F32x4 : IFloatVector<F32x4>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;
    private readonly Vector128<float> _v;

    [MethodImpl(Inline)] private F32x4(Vector128<float> v) => _v = v;

    public static int Count => 4;
    [MethodImpl(Inline)] public static F32x4 Load(ref float source, nint index) => new(Vector128.LoadUnsafe(ref source, (nuint)index));
    [MethodImpl(Inline)] public static void Store(ref float destination, nint index, F32x4 value) => value._v.StoreUnsafe(ref destination, (nuint)index);
    [MethodImpl(Inline)] public static F32x4 LoadBf16(ref ushort source, nint index) => new(BFloat16.Load128(ref source, (nuint)index));
    [MethodImpl(Inline)] public static void StoreBf16(ref ushort destination, nint index, F32x4 value) => BFloat16.Store128(value._v, ref destination, (nuint)index);
    [MethodImpl(Inline)] public static F32x4 Splat(float value) => new(Vector128.Create(value));
    [MethodImpl(Inline)] public static F32x4 operator +(F32x4 a, F32x4 b) => new(a._v + b._v);
    [MethodImpl(Inline)] public static F32x4 operator -(F32x4 a, F32x4 b) => new(a._v - b._v);
    [MethodImpl(Inline)] public static F32x4 operator *(F32x4 a, F32x4 b) => new(a._v * b._v);
    [MethodImpl(Inline)] public static F32x4 operator /(F32x4 a, F32x4 b) => new(a._v / b._v);
    [MethodImpl(Inline)] public static F32x4 operator -(F32x4 a) => new(-a._v);
    [MethodImpl(Inline)] public static F32x4 Fma(F32x4 a, F32x4 b, F32x4 c) => new(Vector128.MultiplyAddEstimate(a._v, b._v, c._v));
    [MethodImpl(Inline)] public static F32x4 Sqrt(F32x4 x) => new(Vector128.Sqrt(x._v));
    [MethodImpl(Inline)] public static F32x4 Abs(F32x4 x) => new(Vector128.Abs(x._v));
    [MethodImpl(Inline)] public static F32x4 Min(F32x4 a, F32x4 b) => new(Vector128.Min(a._v, b._v));
    [MethodImpl(Inline)] public static F32x4 Max(F32x4 a, F32x4 b) => new(Vector128.Max(a._v, b._v));
    [MethodImpl(Inline)] public static F32x4 Floor(F32x4 x) => new(Vector128.Floor(x._v));
    [MethodImpl(Inline)] public static F32x4 Exp(F32x4 x) => new(Transcendental128.Exp(x._v));
    [MethodImpl(Inline)] public static F32x4 Log(F32x4 x) => new(Transcendental128.Log(x._v));
    [MethodImpl(Inline)] public static F32x4 Cos(F32x4 x) => new(Transcendental128.Cos(x._v));
    [MethodImpl(Inline)] public static F32x4 Sin(F32x4 x) => new(Transcendental128.Sin(x._v));
    [MethodImpl(Inline)] public static F32x4 Tanh(F32x4 x) => new(Transcendental128.Tanh(x._v));
    [MethodImpl(Inline)] public static F32x4 Pow(F32x4 x, F32x4 y) => new(Transcendental128.Pow(x._v, y._v));
    [MethodImpl(Inline)] public static F32x4 Lt(F32x4 a, F32x4 b) => new(Vector128.LessThan(a._v, b._v));
    [MethodImpl(Inline)] public static F32x4 Le(F32x4 a, F32x4 b) => new(Vector128.LessThanOrEqual(a._v, b._v));
    [MethodImpl(Inline)] public static F32x4 Eq(F32x4 a, F32x4 b) => new(Vector128.Equals(a._v, b._v));
    [MethodImpl(Inline)] public static F32x4 And(F32x4 a, F32x4 b) => new(a._v & b._v);
    [MethodImpl(Inline)] public static F32x4 Or(F32x4 a, F32x4 b) => new(a._v | b._v);
    [MethodImpl(Inline)] public static F32x4 Not(F32x4 mask) => new(~mask._v);
    [MethodImpl(Inline)] public static F32x4 Select(F32x4 mask, F32x4 whenTrue, F32x4 whenFalse) => new(Vector128.ConditionalSelect(mask._v, whenTrue._v, whenFalse._v));
    [MethodImpl(Inline)] public static float MaxLane(F32x4 x) => MaxLane(x._v);

    /// <summary>The largest of four lanes (NaN if any is NaN): the last step of every width's <c>MaxLane</c>.</summary>
    [MethodImpl(Inline)]
    internal static float MaxLane(Vector128<float> x)
    {
        Vector128<float> pairs = Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
        return Vector128.Max(pairs, Vector128.Shuffle(pairs, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }
    [MethodImpl(Inline)] public static float First(F32x4 x) => x._v.ToScalar();

    [MethodImpl(Inline)]
    public static void AddTo(ref SumLanes sums, F32x4 term, int part)
    {
        (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(term._v);
        sums.Add(part, Vector256.Create(lo, hi));
    }

    [MethodImpl(Inline)]
    public static void AddInto(ref double destination, nint index, F32x4 term)
    {
        (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(term._v);
        ref double d = ref Unsafe.Add(ref destination, index);
        (Vector128.LoadUnsafe(ref d) + lo).StoreUnsafe(ref d);
        (Vector128.LoadUnsafe(ref d, (nuint)Vector128<double>.Count) + hi).StoreUnsafe(ref d, (nuint)Vector128<double>.Count);
    }
}
