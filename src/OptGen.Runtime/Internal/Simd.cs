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
        // tanh|x| = 1 - 2 / (exp(2|x|) + 1) cancels badly for small |x| (1e-3 relative error at 1e-4 in float), so it is
        // computed in double, where the cancellation costs ~1e-16 absolute; below 2^-12, x - x^3/3 is exact in float.
        // exp overflows to +inf for large |x|, giving exactly +-1.
        (Vector128<double> lo, Vector128<double> hi) = Vector128.Widen(Vector128.Abs(x));
        Vector128<float> t = Vector128.CopySign(Vector128.Narrow(TanhOfNonNegative(lo), TanhOfNonNegative(hi)), x);
        Vector128<float> series = x - x * x * x * Vector128.Create(1f / 3f);
        return Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(x), Vector128.Create(1f / 4096f)), series, t);
    }
    [MethodImpl(Inline)] private static Vector128<double> TanhOfNonNegative(Vector128<double> a) =>
        Vector128<double>.One - Vector128.Create(2.0) / (Vector128.Exp(a + a) + Vector128<double>.One);
    [MethodImpl(Inline)] public static Vector128<float> Pow(Vector128<float> x, Vector128<float> y)
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
        // tanh|x| = 1 - 2 / (exp(2|x|) + 1) cancels badly for small |x| (1e-3 relative error at 1e-4 in float), so it is
        // computed in double, where the cancellation costs ~1e-16 absolute; below 2^-12, x - x^3/3 is exact in float.
        // exp overflows to +inf for large |x|, giving exactly +-1.
        (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.Abs(x));
        Vector256<float> t = Vector256.CopySign(Vector256.Narrow(TanhOfNonNegative(lo), TanhOfNonNegative(hi)), x);
        Vector256<float> series = x - x * x * x * Vector256.Create(1f / 3f);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(1f / 4096f)), series, t);
    }
    [MethodImpl(Inline)] private static Vector256<double> TanhOfNonNegative(Vector256<double> a) =>
        Vector256<double>.One - Vector256.Create(2.0) / (Vector256.Exp(a + a) + Vector256<double>.One);
    [MethodImpl(Inline)] public static Vector256<float> Pow(Vector256<float> x, Vector256<float> y)
    {
        // exp(y log|x|) in double (in float its error grows with |y log x|), with MathF.Pow's meaning where that formula
        // alone is wrong: a negative base with an integer exponent (the sign follows the exponent's parity; NaN for
        // other exponents), y = 0 and x = 1 (both give 1).
        (Vector256<double> xLo, Vector256<double> xHi) = Vector256.Widen(Vector256.Abs(x));
        (Vector256<double> yLo, Vector256<double> yHi) = Vector256.Widen(y);
        Vector256<float> r = Vector256.Narrow(Vector256.Exp(yLo * Vector256.Log(xLo)), Vector256.Exp(yHi * Vector256.Log(xHi)));
        Vector256<float> isInteger = Vector256.Equals(Vector256.Floor(y), y);
        Vector256<float> half = y * Vector256.Create(0.5f);
        Vector256<float> isOdd = isInteger & ~Vector256.Equals(Vector256.Floor(half), half);
        Vector256<float> negative = Vector256.LessThan(x, Vector256<float>.Zero);
        r = Vector256.ConditionalSelect(Vector256.IsNegative(x) & isOdd, -r, r); // -0 too: pow(-0, -1) = -inf
        r = Vector256.ConditionalSelect(negative & ~isInteger, Vector256.Create(float.NaN), r);
        Vector256<float> one = Vector256<float>.One;
        return Vector256.ConditionalSelect(Vector256.Equals(y, Vector256<float>.Zero) | Vector256.Equals(x, one), one, r);
    }
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
        // tanh|x| = 1 - 2 / (exp(2|x|) + 1) cancels badly for small |x| (1e-3 relative error at 1e-4 in float), so it is
        // computed in double, where the cancellation costs ~1e-16 absolute; below 2^-12, x - x^3/3 is exact in float.
        // exp overflows to +inf for large |x|, giving exactly +-1.
        (Vector512<double> lo, Vector512<double> hi) = Vector512.Widen(Vector512.Abs(x));
        Vector512<float> t = Vector512.CopySign(Vector512.Narrow(TanhOfNonNegative(lo), TanhOfNonNegative(hi)), x);
        Vector512<float> series = x - x * x * x * Vector512.Create(1f / 3f);
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(1f / 4096f)), series, t);
    }
    [MethodImpl(Inline)] private static Vector512<double> TanhOfNonNegative(Vector512<double> a) =>
        Vector512<double>.One - Vector512.Create(2.0) / (Vector512.Exp(a + a) + Vector512<double>.One);
    [MethodImpl(Inline)] public static Vector512<float> Pow(Vector512<float> x, Vector512<float> y)
    {
        // exp(y log|x|) in double (in float its error grows with |y log x|), with MathF.Pow's meaning where that formula
        // alone is wrong: a negative base with an integer exponent (the sign follows the exponent's parity; NaN for
        // other exponents), y = 0 and x = 1 (both give 1).
        (Vector512<double> xLo, Vector512<double> xHi) = Vector512.Widen(Vector512.Abs(x));
        (Vector512<double> yLo, Vector512<double> yHi) = Vector512.Widen(y);
        Vector512<float> r = Vector512.Narrow(Vector512.Exp(yLo * Vector512.Log(xLo)), Vector512.Exp(yHi * Vector512.Log(xHi)));
        Vector512<float> isInteger = Vector512.Equals(Vector512.Floor(y), y);
        Vector512<float> half = y * Vector512.Create(0.5f);
        Vector512<float> isOdd = isInteger & ~Vector512.Equals(Vector512.Floor(half), half);
        Vector512<float> negative = Vector512.LessThan(x, Vector512<float>.Zero);
        r = Vector512.ConditionalSelect(Vector512.IsNegative(x) & isOdd, -r, r); // -0 too: pow(-0, -1) = -inf
        r = Vector512.ConditionalSelect(negative & ~isInteger, Vector512.Create(float.NaN), r);
        Vector512<float> one = Vector512<float>.One;
        return Vector512.ConditionalSelect(Vector512.Equals(y, Vector512<float>.Zero) | Vector512.Equals(x, one), one, r);
    }
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
