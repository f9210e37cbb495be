using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OptGen.Internal;

/// <summary>
/// IEEE 754:2019 maximum and minimum (+0 is larger than −0; a NaN operand gives that NaN, as it is, the first if both
/// are: the bits <c>Vector128/256.Max</c> and <c>float.Max</c> give without AVX-512), the same at every width, in six x86
/// instructions instead of the ten .NET 10 emits without AVX-512. With AVX-512 .NET's own forms (and <c>float.Max</c>,
/// <c>Math.Max</c> once the JIT optimizes them) give the second of two NaNs and quiet a signalling one, so they are not
/// used: every width here keeps the NaN rule above.
/// </summary>
/// <remarks>
/// <c>maxps a, b</c> is <c>a &gt; b ? a : b</c>: right but for two cases, which two blends mend. Equal operands (the
/// only way to be two zeros of different signs) give <c>a &amp; b</c> for the maximum (+0 wins; equal numbers have equal
/// bits) and <c>a | b</c> for the minimum (−0 wins); a NaN <c>a</c> gives <c>a</c> (a NaN <c>b</c> is what
/// <c>maxps</c> returns anyway). Adafactor's second axis pass (<c>g / sqrt(max(vhat, Eps1 * Eps1))</c>, bound by
/// arithmetic, not memory) on [4096, 4096]: 11.0 → 9.8 ms on one core. Elsewhere (no SSE4.1/AVX) .NET's own.
/// </remarks>
internal static class IeeeMinMax
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b)
    {
        if (!Sse41.IsSupported)
            return Vector128.Max(a, b);
        Vector128<float> m = Sse41.BlendVariable(Sse.Max(a, b), a & b, Sse.CompareEqual(a, b));
        return Sse41.BlendVariable(m, a, Sse.CompareUnordered(a, a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> a, Vector128<float> b)
    {
        if (!Sse41.IsSupported)
            return Vector128.Min(a, b);
        Vector128<float> m = Sse41.BlendVariable(Sse.Min(a, b), a | b, Sse.CompareEqual(a, b));
        return Sse41.BlendVariable(m, a, Sse.CompareUnordered(a, a));
    }

    /// <summary>As the float forms, for doubles (<c>ScalarMath.Max</c>: the double-precision code's <c>max</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Max(Vector128<double> a, Vector128<double> b)
    {
        if (!Sse41.IsSupported)
            return Vector128.Max(a, b);
        Vector128<double> m = Sse41.BlendVariable(Sse2.Max(a, b), a & b, Sse2.CompareEqual(a, b));
        return Sse41.BlendVariable(m, a, Sse2.CompareUnordered(a, a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Min(Vector128<double> a, Vector128<double> b)
    {
        if (!Sse41.IsSupported)
            return Vector128.Min(a, b);
        Vector128<double> m = Sse41.BlendVariable(Sse2.Min(a, b), a | b, Sse2.CompareEqual(a, b));
        return Sse41.BlendVariable(m, a, Sse2.CompareUnordered(a, a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b)
    {
        if (!Avx.IsSupported)
            return Vector256.Max(a, b);
        Vector256<float> m = Avx.BlendVariable(Avx.Max(a, b), a & b, Avx.CompareEqual(a, b));
        return Avx.BlendVariable(m, a, Avx.CompareUnordered(a, a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b)
    {
        if (!Avx.IsSupported)
            return Vector256.Min(a, b);
        Vector256<float> m = Avx.BlendVariable(Avx.Min(a, b), a | b, Avx.CompareEqual(a, b));
        return Avx.BlendVariable(m, a, Avx.CompareUnordered(a, a));
    }

    // Not .NET's Vector512.Max: with AVX-512 it is vrangeps and two vfixupimmps, which give the second of two NaNs and
    // quiet a signalling one; the same blends as the narrower widths, in mask registers, give their bits. Without
    // AVX-512 (a 512-bit path run unaccelerated, in tests), the 256-bit form on each half.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b)
    {
        if (!Avx512F.IsSupported)
            return Vector512.Create(Max(a.GetLower(), b.GetLower()), Max(a.GetUpper(), b.GetUpper()));
        Vector512<float> m = Vector512.ConditionalSelect(Avx512F.CompareEqual(a, b), a & b, Avx512F.Max(a, b));
        return Vector512.ConditionalSelect(Avx512F.CompareUnordered(a, a), a, m);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b)
    {
        if (!Avx512F.IsSupported)
            return Vector512.Create(Min(a.GetLower(), b.GetLower()), Min(a.GetUpper(), b.GetUpper()));
        Vector512<float> m = Vector512.ConditionalSelect(Avx512F.CompareEqual(a, b), a | b, Avx512F.Min(a, b));
        return Vector512.ConditionalSelect(Avx512F.CompareUnordered(a, a), a, m);
    }

    // A reduction's running maximum and minimum (a row's, a column's, a matrix's, the tensor's): the IEEE value where
    // neither operand is NaN, and a NaN (any) where either is, which stays NaN; every reduction that keeps extremes ends
    // by making a NaN the default one (Kernels.DefaultNaNs), so these give the same results as Max and Min at every
    // width, in fewer instructions and no blends. maxps/minps give their second operand for a NaN or for equal
    // operands: with both orders, two equal operands come back as a and b, whose AND is the maximum's bits (+0 wins;
    // equal numbers have equal bits) and whose OR the minimum's (-0 wins); a NaN comes back as one of the two, so the OR
    // keeps it a NaN (all exponent bits set, a mantissa bit set), and the maximum ORs in the unordered compare's mask.
    // SM3's pass on [2048, 2048], one core: 0.79 -> 0.74 ns/param (docs/performance-log.md).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxOfReduction(Vector128<float> acc, Vector128<float> x) =>
        Sse.IsSupported ? (Sse.Max(acc, x) & Sse.Max(x, acc)) | Sse.CompareUnordered(acc, x) : Max(acc, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MinOfReduction(Vector128<float> acc, Vector128<float> x) =>
        Sse.IsSupported ? Sse.Min(acc, x) | Sse.Min(x, acc) : Min(acc, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaxOfReduction(Vector256<float> acc, Vector256<float> x) =>
        Avx.IsSupported ? (Avx.Max(acc, x) & Avx.Max(x, acc)) | Avx.CompareUnordered(acc, x) : Max(acc, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MinOfReduction(Vector256<float> acc, Vector256<float> x) =>
        Avx.IsSupported ? Avx.Min(acc, x) | Avx.Min(x, acc) : Min(acc, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxOfReduction(Vector512<float> acc, Vector512<float> x) =>
        Avx512F.IsSupported ? (Avx512F.Max(acc, x) & Avx512F.Max(x, acc)) | Avx512F.CompareUnordered(acc, x)
            : Vector512.Create(MaxOfReduction(acc.GetLower(), x.GetLower()), MaxOfReduction(acc.GetUpper(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MinOfReduction(Vector512<float> acc, Vector512<float> x) =>
        Avx512F.IsSupported ? Avx512F.Min(acc, x) | Avx512F.Min(x, acc)
            : Vector512.Create(MinOfReduction(acc.GetLower(), x.GetLower()), MinOfReduction(acc.GetUpper(), x.GetUpper()));

    // The maximum with a number c that is not NaN and not +0 (the minimum: not NaN, not −0): "maxps c, x" is
    // "c > x ? c : x", so a NaN x comes back as itself and x == c (the zeros included: c is −0 or x is +0 there) gives
    // x, which the IEEE maximum also gives; every other pair is ordered. Operand order matters: c first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxOrdinary(Vector128<float> x, Vector128<float> c) => Sse.IsSupported ? Sse.Max(c, x) : Vector128.Max(x, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MinOrdinary(Vector128<float> x, Vector128<float> c) => Sse.IsSupported ? Sse.Min(c, x) : Vector128.Min(x, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaxOrdinary(Vector256<float> x, Vector256<float> c) => Avx.IsSupported ? Avx.Max(c, x) : Vector256.Max(x, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MinOrdinary(Vector256<float> x, Vector256<float> c) => Avx.IsSupported ? Avx.Min(c, x) : Vector256.Min(x, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxOrdinary(Vector512<float> x, Vector512<float> c) =>
        Avx512F.IsSupported ? Avx512F.Max(c, x) : Vector512.Create(MaxOrdinary(x.GetLower(), c.GetLower()), MaxOrdinary(x.GetUpper(), c.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MinOrdinary(Vector512<float> x, Vector512<float> c) =>
        Avx512F.IsSupported ? Avx512F.Min(c, x) : Vector512.Create(MinOrdinary(x.GetLower(), c.GetLower()), MinOrdinary(x.GetUpper(), c.GetUpper()));
}

public static partial class Kernels
{
    /// <summary>Whether <c>max(x, c)</c> may be one <c>maxps</c> (<see cref="IFloatVector{TSelf}.MaxOrdinary"/>): c is neither NaN nor +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // in a kernel's Splat: a call there spills what the vector loop keeps
    public static bool IsOrdinaryForMax(float c) => !float.IsNaN(c) && BitConverter.SingleToInt32Bits(c) != 0;

    /// <summary>Whether <c>min(x, c)</c> may be one <c>minps</c> (<see cref="IFloatVector{TSelf}.MinOrdinary"/>): c is neither NaN nor −0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // as IsOrdinaryForMax
    public static bool IsOrdinaryForMin(float c) => !float.IsNaN(c) && BitConverter.SingleToInt32Bits(c) != int.MinValue;

    /// <summary>
    /// <see cref="IsOrdinaryForMax(float)"/> of <c>source[index]</c>: a per-row or per-matrix value an axis kernel
    /// broadcasts, checked in its <c>BeginRow</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsOrdinaryForMax(ref float source, nint index) => IsOrdinaryForMax(Unsafe.Add(ref source, index));

    /// <summary>As <see cref="IsOrdinaryForMax(ref float, nint)"/>, for the minimum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsOrdinaryForMin(ref float source, nint index) => IsOrdinaryForMin(Unsafe.Add(ref source, index));
}
