#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

/// <summary>
/// Sixteen double accumulators, one per lane of a 16-element block. A reduction adds element <c>i</c> of a chunk to
/// lane <c>i mod 16</c>, always, whatever the vector width (a 512-bit vector fills the block at once, a 256-bit one in
/// two parts, a 128-bit one in four, a single float in sixteen), and the lanes are summed 0 to 15 at the end: so a
/// sum has the same bits at every width.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct SumLanes
{
    /// <summary>Lanes 0–3, 4–7, 8–11, 12–15.</summary>
    public Vector256<double> L0, L1, L2, L3;

    /// <summary>Lanes <c>rotation … 15, 0 … rotation − 1</c> of <paramref name="lanes"/> as lanes 0 … 15.</summary>
    internal static SumLanes Rotated(ReadOnlySpan<double> lanes, int rotation)
    {
        Span<double> r = stackalloc double[16];
        for (int q = 0; q < 16; q++)
            r[q] = lanes[(rotation + q) & 15];
        return new SumLanes
        {
            L0 = Vector256.Create(r[0], r[1], r[2], r[3]),
            L1 = Vector256.Create(r[4], r[5], r[6], r[7]),
            L2 = Vector256.Create(r[8], r[9], r[10], r[11]),
            L3 = Vector256.Create(r[12], r[13], r[14], r[15]),
        };
    }

    /// <summary>Writes lane q to <c>lanes[(rotation + q) mod 16]</c>: the inverse of <see cref="Rotated"/>.</summary>
    internal readonly void Unrotate(Span<double> lanes, int rotation)
    {
        for (int q = 0; q < 4; q++)
        {
            lanes[(rotation + q) & 15] = L0.GetElement(q);
            lanes[(rotation + 4 + q) & 15] = L1.GetElement(q);
            lanes[(rotation + 8 + q) & 15] = L2.GetElement(q);
            lanes[(rotation + 12 + q) & 15] = L3.GetElement(q);
        }
    }

    /// <summary>Lanes 0 to 15 summed in order.</summary>
    internal static double Fold(ReadOnlySpan<double> lanes)
    {
        double sum = lanes[0];
        for (int q = 1; q < 16; q++)
            sum += lanes[q];
        return sum;
    }

    /// <summary>Adds <paramref name="x"/> to lanes <c>4 quarter … 4 quarter + 3</c> (by offset: see <see cref="Terms{V}.Get"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(int quarter, Vector256<double> x) => Unsafe.Add(ref L0, quarter) += x;
}
