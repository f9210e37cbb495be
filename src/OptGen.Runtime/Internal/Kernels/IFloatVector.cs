#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace OptGen.Internal;

/// <summary>
/// One vector width of float lanes (<see cref="F32x16"/>, <see cref="F32x8"/>, <see cref="F32x4"/>, <see cref="F32x1"/>):
/// the operations a generated element kernel is written with, once, generically. The driver (<see cref="Kernels"/>)
/// picks the width; the kernel never knows it.
/// </summary>
/// <remarks>
/// Every operation gives the same bits in a lane at every width: the arithmetic is IEEE per lane, fused multiply-add
/// is the same instruction at every width, and the functions that are not a single instruction (exp, log, sin, cos,
/// tanh, pow) are computed by one 128-bit implementation applied to each 128-bit part (<see cref="Transcendental128"/>).
/// A condition is a mask: all bits set in a lane where it holds, zero where it does not.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IFloatVector<TSelf> where TSelf : struct, IFloatVector<TSelf>
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TSelf Load(ref float source, nint index);
    static abstract void Store(ref float destination, nint index, TSelf value);

    /// <summary>Loads bfloat16 values (the upper halves of floats) widened to float.</summary>
    static abstract TSelf LoadBf16(ref ushort source, nint index);

    /// <summary>Stores floats as bfloat16, rounded to nearest-even (NaN stays NaN).</summary>
    static abstract void StoreBf16(ref ushort destination, nint index, TSelf value);

    /// <summary>
    /// Two <see cref="StoreBf16"/>s at one index. A width overrides it where one NaN check (and at 256 bits one
    /// narrowing) can serve both values (<see cref="F32x16"/>, <see cref="F32x8"/>); 128 bits keeps two stores.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    static virtual void StoreBf16Pair(ref ushort first, ref ushort second, nint index, TSelf a, TSelf b)
    {
        TSelf.StoreBf16(ref first, index, a);
        TSelf.StoreBf16(ref second, index, b);
    }

    static abstract TSelf Splat(float value);

    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);

    /// <summary>a·b + c, fused where the hardware has FMA (then at every width).</summary>
    static abstract TSelf Fma(TSelf a, TSelf b, TSelf c);
    static abstract TSelf Sqrt(TSelf x);
    static abstract TSelf Abs(TSelf x);

    /// <summary>IEEE 754-2019 minimum: NaN if either is NaN, −0 below +0.</summary>
    static abstract TSelf Min(TSelf a, TSelf b);

    /// <summary>IEEE 754-2019 maximum: NaN if either is NaN, +0 above −0.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>
    /// <see cref="Max"/> of <paramref name="x"/> and a number <paramref name="c"/> in every lane that is neither NaN nor +0
    /// (<see cref="Kernels.IsOrdinaryForMax(float)"/>): then <c>maxps c, x</c> alone has the IEEE bits (one instruction for six).
    /// </summary>
    static abstract TSelf MaxOrdinary(TSelf x, TSelf c);

    /// <summary><see cref="Min"/> of <paramref name="x"/> and a number <paramref name="c"/> that is neither NaN nor −0 (<c>minps c, x</c>).</summary>
    static abstract TSelf MinOrdinary(TSelf x, TSelf c);

    /// <summary>
    /// A reduction's running maximum: <see cref="Max"/> where neither is NaN, a NaN (not necessarily either operand's) where
    /// one is. The driver makes a reduction's NaN the default NaN at its end, so only that it is NaN matters there.
    /// </summary>
    static abstract TSelf MaxOfReduction(TSelf acc, TSelf x);

    /// <summary>As <see cref="MaxOfReduction"/>, for a running minimum.</summary>
    static abstract TSelf MinOfReduction(TSelf acc, TSelf x);

    /// <summary>
    /// <see cref="Max"/> of <paramref name="x"/> and a broadcast number <paramref name="c"/>: <see cref="MaxOrdinary"/>
    /// when <paramref name="c"/> is ordinary (found by the kernel's <c>Splat</c>, or where a per-row value is read: a branch
    /// the same for every vector of the loop or the row), else the full IEEE maximum, of <c>(c, x)</c> where the formula
    /// wrote <paramref name="c"/> first (<paramref name="numberFirst"/>, a constant: which NaN two NaNs give).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf MaxSplat(TSelf x, TSelf c, bool ordinary, bool numberFirst = false) =>
        ordinary ? TSelf.MaxOrdinary(x, c) : numberFirst ? TSelf.Max(c, x) : TSelf.Max(x, c);

    /// <summary>As <see cref="MaxSplat"/>, for the minimum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf MinSplat(TSelf x, TSelf c, bool ordinary, bool numberFirst = false) =>
        ordinary ? TSelf.MinOrdinary(x, c) : numberFirst ? TSelf.Min(c, x) : TSelf.Min(x, c);
    static abstract TSelf Floor(TSelf x);
    static abstract TSelf Exp(TSelf x);
    static abstract TSelf Log(TSelf x);
    static abstract TSelf Cos(TSelf x);
    static abstract TSelf Sin(TSelf x);
    static abstract TSelf Tanh(TSelf x);
    static abstract TSelf Pow(TSelf x, TSelf y);
    /// <summary><c>Pow(x, 1/3)</c>, computed as a cube root (the generator's spelling of a constant exponent 1 / 3).</summary>
    static abstract TSelf PowOneThird(TSelf x);

    /// <summary>
    /// <paramref name="x"/> to the power of a number known only when the step runs (a hyperparameter, a per-step or
    /// per-tensor value): for 0.5 and −0.5 the square root and its reciprocal, the forms of those constant exponents
    /// (docs/dsl.md §4), else <see cref="Pow"/>. Two compares a vector, the same branch for every vector of the step: Keras's
    /// FTRL raises its accumulator to −<c>learning_rate_power</c>, −0.5 unless changed, and ran 14.4 ns a parameter with
    /// pow, 1.06 with this (0.70 with a square root written in the formula; the fallback's call, never taken, costs the
    /// rest). Each further constant form checked here cost more than it could save (all seven: 1.8 ns).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf PowBy(TSelf x, float y)
    {
        if (y == 0.5f)
            return TSelf.Sqrt(x);
        if (y == -0.5f)
            return TSelf.Splat(1f) / TSelf.Sqrt(x);
        return TSelf.Pow(x, TSelf.Splat(y));
    }

    static abstract TSelf Lt(TSelf a, TSelf b);
    static abstract TSelf Le(TSelf a, TSelf b);
    static abstract TSelf Eq(TSelf a, TSelf b);
    static abstract TSelf And(TSelf a, TSelf b);
    static abstract TSelf Or(TSelf a, TSelf b);
    static abstract TSelf Not(TSelf mask);

    /// <summary>Lanes of <paramref name="whenTrue"/> where <paramref name="mask"/> is set, else of <paramref name="whenFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>
    /// Adds the lanes of <paramref name="term"/>, widened to double, to lanes <c>part·Count … part·Count + Count − 1</c>
    /// of <paramref name="sums"/> (the driver's reductions; <paramref name="part"/> is a constant where it is called).
    /// </summary>
    static abstract void AddTo(ref SumLanes sums, TSelf term, int part);

    /// <summary>The largest lane (NaN if any lane is NaN).</summary>
    static abstract float MaxLane(TSelf x);

    /// <summary>The first lane (the only one of <see cref="F32x1"/>).</summary>
    static abstract float First(TSelf x);

    /// <summary><c>source[index]</c> in every lane: a per-row or per-matrix value read by an element kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Broadcast(ref float source, nint index) => TSelf.Splat(Unsafe.Add(ref source, index));

    /// <summary><c>destination[index …] += term</c> (a column sum's floats for the current group of rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void AddInto(ref float destination, nint index, TSelf term) => TSelf.Store(ref destination, index, TSelf.Load(ref destination, index) + term);

    /// <summary><c>destination[index …] = max(destination[index …], term)</c>, a column's running maximum (<see cref="MaxOfReduction"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void MaxInto(ref float destination, nint index, TSelf term) => TSelf.Store(ref destination, index, TSelf.MaxOfReduction(TSelf.Load(ref destination, index), term));

    /// <summary><c>destination[index …] = min(destination[index …], term)</c>, a column's running minimum (<see cref="MinOfReduction"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void MinInto(ref float destination, nint index, TSelf term) => TSelf.Store(ref destination, index, TSelf.MinOfReduction(TSelf.Load(ref destination, index), term));

    // Derived operations, written once for every width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] static virtual TSelf Gt(TSelf a, TSelf b) => TSelf.Lt(b, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] static virtual TSelf Ge(TSelf a, TSelf b) => TSelf.Le(b, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] static virtual TSelf Ne(TSelf a, TSelf b) => TSelf.Not(TSelf.Eq(a, b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] static virtual TSelf Clamp(TSelf x, TSelf lo, TSelf hi) => TSelf.Min(TSelf.Max(x, lo), hi);

    /// <summary>+1 / −1 where x is positive / negative; x itself (0, −0 or NaN) elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Sign(TSelf x)
    {
        TSelf zero = TSelf.Splat(0f), one = TSelf.Splat(1f);
        return TSelf.Select(TSelf.Lt(zero, x), one, TSelf.Select(TSelf.Lt(x, zero), -one, x));
    }

    /// <summary>A per-step condition as a mask: every lane set, or none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Mask(bool condition) => TSelf.Splat(condition ? BitConverter.Int32BitsToSingle(-1) : 0f);
}
