// Element-wise helpers called by generated optimizer loops. Every operation has an overload for float and for
// Vector128/256/512<float>, so the generator writes one body text for all widths. Masks are bool for float and
// all-bits-set lanes for vectors.
#pragma warning disable CS1591 // one helper per operation and width; the class summary documents them all
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>Element-wise math used by generated code. Not meant to be called directly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    // ---- float (scalar path) ----
    [MethodImpl(Inline)] public static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
    [MethodImpl(Inline)] public static float Sqrt(float x) => MathF.Sqrt(x);
    [MethodImpl(Inline)] public static float Abs(float x) => MathF.Abs(x);
    [MethodImpl(Inline)] public static float Min(float a, float b) => MathF.Min(a, b);
    [MethodImpl(Inline)] public static float Max(float a, float b) => MathF.Max(a, b);
    [MethodImpl(Inline)] public static float Clamp(float x, float lo, float hi) => MathF.Min(MathF.Max(x, lo), hi);
    [MethodImpl(Inline)] public static float Sign(float x) => x > 0f ? 1f : x < 0f ? -1f : x;
    [MethodImpl(Inline)] public static float Exp(float x) => MathF.Exp(x);
    [MethodImpl(Inline)] public static float Log(float x) => MathF.Log(x);
    [MethodImpl(Inline)] public static float Floor(float x) => MathF.Floor(x);
    [MethodImpl(Inline)] public static float Cos(float x) => MathF.Cos(x);
    [MethodImpl(Inline)] public static float Sin(float x) => MathF.Sin(x);
    [MethodImpl(Inline)] public static float Tanh(float x) => MathF.Tanh(x);
    [MethodImpl(Inline)] public static float Pow(float x, float y) => MathF.Pow(x, y);
    [MethodImpl(Inline)] public static bool Lt(float a, float b) => a < b;
    [MethodImpl(Inline)] public static bool Le(float a, float b) => a <= b;
    [MethodImpl(Inline)] public static bool Gt(float a, float b) => a > b;
    [MethodImpl(Inline)] public static bool Ge(float a, float b) => a >= b;
    [MethodImpl(Inline)] public static bool Eq(float a, float b) => a == b;
    [MethodImpl(Inline)] public static bool Ne(float a, float b) => a != b;
    [MethodImpl(Inline)] public static bool And(bool a, bool b) => a & b;
    [MethodImpl(Inline)] public static bool Or(bool a, bool b) => a | b;
    [MethodImpl(Inline)] public static bool Not(bool a) => !a;
    [MethodImpl(Inline)] public static float Select(bool m, float a, float b) => m ? a : b;
    [MethodImpl(Inline)] public static void AddTo(ref double acc, float x) => acc += x;
    [MethodImpl(Inline)] public static void MaxTo(ref float acc, float x) => acc = MathF.Max(acc, x);
    [MethodImpl(Inline)] public static double Total(double acc) => acc;
    [MethodImpl(Inline)] public static double Largest(float acc) => acc;

    // ---- Vector128 ----
    [MethodImpl(Inline)] public static Vector128<float> Fma(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);
    [MethodImpl(Inline)] public static Vector128<float> Sqrt(Vector128<float> x) => Vector128.Sqrt(x);
    [MethodImpl(Inline)] public static Vector128<float> Abs(Vector128<float> x) => Vector128.Abs(x);
    [MethodImpl(Inline)] public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.Min(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Clamp(Vector128<float> x, Vector128<float> lo, Vector128<float> hi) => Vector128.Min(Vector128.Max(x, lo), hi);
    [MethodImpl(Inline)] public static Vector128<float> Sign(Vector128<float> x)
    {
        // +1 / -1 where x is positive / negative; x itself (0, -0 or NaN) elsewhere.
        Vector128<float> one = Vector128<float>.One;
        Vector128<float> r = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), one, x);
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), -one, r);
    }
    [MethodImpl(Inline)] public static Vector128<float> Exp(Vector128<float> x) => Vector128.Exp(x);
    [MethodImpl(Inline)] public static Vector128<float> Log(Vector128<float> x) => Vector128.Log(x);
    [MethodImpl(Inline)] public static Vector128<float> Floor(Vector128<float> x) => Vector128.Floor(x);
    [MethodImpl(Inline)] public static Vector128<float> Cos(Vector128<float> x) => Vector128.Cos(x);
    [MethodImpl(Inline)] public static Vector128<float> Sin(Vector128<float> x) => Vector128.Sin(x);
    [MethodImpl(Inline)] public static Vector128<float> Tanh(Vector128<float> x)
    {
        // tanh(x) = sign(x) (1 - 2 / (exp(2|x|) + 1)): exp overflows to +inf for large |x|, giving exactly +-1.
        Vector128<float> a = Vector128.Abs(x);
        Vector128<float> t = Vector128<float>.One - Vector128.Create(2f) / (Vector128.Exp(a + a) + Vector128<float>.One);
        return Vector128.CopySign(t, x);
    }
    [MethodImpl(Inline)] public static Vector128<float> Pow(Vector128<float> x, Vector128<float> y) => Vector128.Exp(y * Vector128.Log(x));
    [MethodImpl(Inline)] public static Vector128<float> Lt(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Le(Vector128<float> a, Vector128<float> b) => Vector128.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Gt(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Ge(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Eq(Vector128<float> a, Vector128<float> b) => Vector128.Equals(a, b);
    [MethodImpl(Inline)] public static Vector128<float> Ne(Vector128<float> a, Vector128<float> b) => ~Vector128.Equals(a, b);
    [MethodImpl(Inline)] public static Vector128<float> And(Vector128<float> a, Vector128<float> b) => a & b;
    [MethodImpl(Inline)] public static Vector128<float> Or(Vector128<float> a, Vector128<float> b) => a | b;
    [MethodImpl(Inline)] public static Vector128<float> Not(Vector128<float> a) => ~a;
    [MethodImpl(Inline)] public static Vector128<float> Select(Vector128<float> m, Vector128<float> a, Vector128<float> b) => Vector128.ConditionalSelect(m, a, b);
    [MethodImpl(Inline)] public static void AddTo(ref Vector128<double> acc, Vector128<float> x)
    {
        // Sums are kept in double: one widening per half, then two adds.
        (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(x);
        acc += lo + hi;
    }
    [MethodImpl(Inline)] public static void MaxTo(ref Vector128<float> acc, Vector128<float> x) => acc = Vector128.Max(acc, x);
    [MethodImpl(Inline)] public static double Total(Vector128<double> acc) => Vector128.Sum(acc);
    [MethodImpl(Inline)] public static double Largest(Vector128<float> acc)
    {
        float m = acc.GetElement(0);
        for (int i = 1; i < Vector128<float>.Count; i++)
            m = MathF.Max(m, acc.GetElement(i));
        return m;
    }
    /// <summary>Zeroes the first <paramref name="skip"/> lanes (lanes a ragged tail shares with the last full vector).</summary>
    [MethodImpl(Inline)] public static Vector128<float> DropLeading(Vector128<float> x, int skip) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(skip)).AsSingle(), x, Vector128<float>.Zero);

    // ---- Vector256 ----
    [MethodImpl(Inline)] public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);
    [MethodImpl(Inline)] public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);
    [MethodImpl(Inline)] public static Vector256<float> Abs(Vector256<float> x) => Vector256.Abs(x);
    [MethodImpl(Inline)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Clamp(Vector256<float> x, Vector256<float> lo, Vector256<float> hi) => Vector256.Min(Vector256.Max(x, lo), hi);
    [MethodImpl(Inline)] public static Vector256<float> Sign(Vector256<float> x)
    {
        // +1 / -1 where x is positive / negative; x itself (0, -0 or NaN) elsewhere.
        Vector256<float> one = Vector256<float>.One;
        Vector256<float> r = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), one, x);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -one, r);
    }
    [MethodImpl(Inline)] public static Vector256<float> Exp(Vector256<float> x) => Vector256.Exp(x);
    [MethodImpl(Inline)] public static Vector256<float> Log(Vector256<float> x) => Vector256.Log(x);
    [MethodImpl(Inline)] public static Vector256<float> Floor(Vector256<float> x) => Vector256.Floor(x);
    [MethodImpl(Inline)] public static Vector256<float> Cos(Vector256<float> x) => Vector256.Cos(x);
    [MethodImpl(Inline)] public static Vector256<float> Sin(Vector256<float> x) => Vector256.Sin(x);
    [MethodImpl(Inline)] public static Vector256<float> Tanh(Vector256<float> x)
    {
        // tanh(x) = sign(x) (1 - 2 / (exp(2|x|) + 1)): exp overflows to +inf for large |x|, giving exactly +-1.
        Vector256<float> a = Vector256.Abs(x);
        Vector256<float> t = Vector256<float>.One - Vector256.Create(2f) / (Vector256.Exp(a + a) + Vector256<float>.One);
        return Vector256.CopySign(t, x);
    }
    [MethodImpl(Inline)] public static Vector256<float> Pow(Vector256<float> x, Vector256<float> y) => Vector256.Exp(y * Vector256.Log(x));
    [MethodImpl(Inline)] public static Vector256<float> Lt(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Le(Vector256<float> a, Vector256<float> b) => Vector256.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Gt(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Ge(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Eq(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Ne(Vector256<float> a, Vector256<float> b) => ~Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<float> Or(Vector256<float> a, Vector256<float> b) => a | b;
    [MethodImpl(Inline)] public static Vector256<float> Not(Vector256<float> a) => ~a;
    [MethodImpl(Inline)] public static Vector256<float> Select(Vector256<float> m, Vector256<float> a, Vector256<float> b) => Vector256.ConditionalSelect(m, a, b);
    [MethodImpl(Inline)] public static void AddTo(ref Vector256<double> acc, Vector256<float> x)
    {
        // Sums are kept in double: one widening per half, then two adds.
        (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(x);
        acc += lo + hi;
    }
    [MethodImpl(Inline)] public static void MaxTo(ref Vector256<float> acc, Vector256<float> x) => acc = Vector256.Max(acc, x);
    [MethodImpl(Inline)] public static double Total(Vector256<double> acc) => Vector256.Sum(acc);
    [MethodImpl(Inline)] public static double Largest(Vector256<float> acc)
    {
        float m = acc.GetElement(0);
        for (int i = 1; i < Vector256<float>.Count; i++)
            m = MathF.Max(m, acc.GetElement(i));
        return m;
    }
    /// <summary>Zeroes the first <paramref name="skip"/> lanes (lanes a ragged tail shares with the last full vector).</summary>
    [MethodImpl(Inline)] public static Vector256<float> DropLeading(Vector256<float> x, int skip) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(skip)).AsSingle(), x, Vector256<float>.Zero);

    // ---- Vector512 ----
    [MethodImpl(Inline)] public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.MultiplyAddEstimate(a, b, c);
    [MethodImpl(Inline)] public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);
    [MethodImpl(Inline)] public static Vector512<float> Abs(Vector512<float> x) => Vector512.Abs(x);
    [MethodImpl(Inline)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Clamp(Vector512<float> x, Vector512<float> lo, Vector512<float> hi) => Vector512.Min(Vector512.Max(x, lo), hi);
    [MethodImpl(Inline)] public static Vector512<float> Sign(Vector512<float> x)
    {
        // +1 / -1 where x is positive / negative; x itself (0, -0 or NaN) elsewhere.
        Vector512<float> one = Vector512<float>.One;
        Vector512<float> r = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), one, x);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -one, r);
    }
    [MethodImpl(Inline)] public static Vector512<float> Exp(Vector512<float> x) => Vector512.Exp(x);
    [MethodImpl(Inline)] public static Vector512<float> Log(Vector512<float> x) => Vector512.Log(x);
    [MethodImpl(Inline)] public static Vector512<float> Floor(Vector512<float> x) => Vector512.Floor(x);
    [MethodImpl(Inline)] public static Vector512<float> Cos(Vector512<float> x) => Vector512.Cos(x);
    [MethodImpl(Inline)] public static Vector512<float> Sin(Vector512<float> x) => Vector512.Sin(x);
    [MethodImpl(Inline)] public static Vector512<float> Tanh(Vector512<float> x)
    {
        // tanh(x) = sign(x) (1 - 2 / (exp(2|x|) + 1)): exp overflows to +inf for large |x|, giving exactly +-1.
        Vector512<float> a = Vector512.Abs(x);
        Vector512<float> t = Vector512<float>.One - Vector512.Create(2f) / (Vector512.Exp(a + a) + Vector512<float>.One);
        return Vector512.CopySign(t, x);
    }
    [MethodImpl(Inline)] public static Vector512<float> Pow(Vector512<float> x, Vector512<float> y) => Vector512.Exp(y * Vector512.Log(x));
    [MethodImpl(Inline)] public static Vector512<float> Lt(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Le(Vector512<float> a, Vector512<float> b) => Vector512.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Gt(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Ge(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Eq(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Ne(Vector512<float> a, Vector512<float> b) => ~Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<float> And(Vector512<float> a, Vector512<float> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<float> Or(Vector512<float> a, Vector512<float> b) => a | b;
    [MethodImpl(Inline)] public static Vector512<float> Not(Vector512<float> a) => ~a;
    [MethodImpl(Inline)] public static Vector512<float> Select(Vector512<float> m, Vector512<float> a, Vector512<float> b) => Vector512.ConditionalSelect(m, a, b);
    [MethodImpl(Inline)] public static void AddTo(ref Vector512<double> acc, Vector512<float> x)
    {
        // Sums are kept in double: one widening per half, then two adds.
        (Vector512<double> lo, Vector512<double> hi) = Vector512.Widen(x);
        acc += lo + hi;
    }
    [MethodImpl(Inline)] public static void MaxTo(ref Vector512<float> acc, Vector512<float> x) => acc = Vector512.Max(acc, x);
    [MethodImpl(Inline)] public static double Total(Vector512<double> acc) => Vector512.Sum(acc);
    [MethodImpl(Inline)] public static double Largest(Vector512<float> acc)
    {
        float m = acc.GetElement(0);
        for (int i = 1; i < Vector512<float>.Count; i++)
            m = MathF.Max(m, acc.GetElement(i));
        return m;
    }
    /// <summary>Zeroes the first <paramref name="skip"/> lanes (lanes a ragged tail shares with the last full vector).</summary>
    [MethodImpl(Inline)] public static Vector512<float> DropLeading(Vector512<float> x, int skip) =>
        Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(skip)).AsSingle(), x, Vector512<float>.Zero);
}
