#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>Lanes <c>rotation … 15, 0 … rotation − 1</c> of <paramref name="lanes"/> into lanes 0 … 15 of <paramref name="rotated"/>.</summary>
    private static void Rotate(ReadOnlySpan<double> lanes, Span<double> rotated, int rotation)
    {
        for (int q = 0; q < 16; q++)
            rotated[q] = lanes[(rotation + q) & 15];
    }

    /// <summary>The inverse of <see cref="Rotate"/>: lane q of <paramref name="rotated"/> to <c>lanes[(rotation + q) mod 16]</c>.</summary>
    private static void Unrotate(ReadOnlySpan<double> rotated, Span<double> lanes, int rotation)
    {
        for (int q = 0; q < 16; q++)
            lanes[(rotation + q) & 15] = rotated[q];
    }

    // A vector loop (the element driver's and the axis driver's) keeps up to four sums, term j's sixteen lanes at 16 j
    // of its lanes and of a 'held' buffer; 'terms' has bit j set where term j is such a sum (a constant of the kernel).
    // Its lane q holds lane (rotation + q) mod 16 of a sum, so its accumulators come in rotated and go back unrotated:
    // by one call each, before the loop's locals are made and after its accumulators are stored. On x64 Linux no vector
    // register survives a call, and a loop local live across one went to the stack (see the drivers); and inlined, the
    // rotations' loops counted against the JIT's limit of tracked locals, past which SM3's loop kept its accumulators on
    // the stack.

    /// <summary>The lanes of every sum in <paramref name="terms"/>, rotated, into <paramref name="held"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void RotateAll(ReadOnlySpan<double> lanes, Span<double> held, int rotation, int terms)
    {
        for (int j = 0; j < 4; j++)
        {
            if ((terms & (1 << j)) != 0)
                Rotate(lanes.Slice(16 * j, 16), held.Slice(16 * j, 16), rotation);
        }
    }

    /// <summary>The inverse of <see cref="RotateAll"/>: the held accumulators back into the lanes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void UnrotateAll(ReadOnlySpan<double> held, Span<double> lanes, int rotation, int terms)
    {
        for (int j = 0; j < 4; j++)
        {
            if ((terms & (1 << j)) != 0)
                Unrotate(held.Slice(16 * j, 16), lanes.Slice(16 * j, 16), rotation);
        }
    }

    /// <summary>Term <paramref name="j"/>'s accumulators from <paramref name="held"/>; zero where it is not a sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SumLanes Held(ReadOnlySpan<double> held, int j, int terms) =>
        (terms & (1 << j)) != 0 ? Load(held.Slice(16 * j, 16)) : default;

    /// <summary>
    /// Sixteen lanes from memory. Inlined, so that a loop's accumulators are plain locals the JIT can keep in registers:
    /// a <see cref="SumLanes"/> returned by a call that is not inlined arrives through memory, and the JIT then kept
    /// the loop's accumulators on the stack (a load and a store per add).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SumLanes Load(ReadOnlySpan<double> lanes)
    {
        ref double at = ref MemoryMarshal.GetReference(lanes[..16]);
        return new SumLanes
        {
            L0 = Vector256.LoadUnsafe(ref at),
            L1 = Vector256.LoadUnsafe(ref at, 4),
            L2 = Vector256.LoadUnsafe(ref at, 8),
            L3 = Vector256.LoadUnsafe(ref at, 12),
        };
    }

    /// <summary>Lanes 0 to 15 summed in order.</summary>
    internal static double Fold(ReadOnlySpan<double> lanes)
    {
        double sum = lanes[0];
        for (int q = 1; q < 16; q++)
            sum += lanes[q];
        return sum;
    }

    /// <summary>Adds <paramref name="x"/> to lanes <c>4 quarter … 4 quarter + 3</c>.</summary>
    /// <remarks>
    /// Conditions, not a switch (see <see cref="Terms{V}.Get"/>), and not an offset from <see cref="L0"/> either: the
    /// loops call this with a constant quarter, and the conditions fold to one field, so the accumulators stay in
    /// registers; an address taken of a field would keep all sixteen lanes in memory, one load and store per add.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(int quarter, Vector256<double> x)
    {
        if (quarter == 0)
            L0 += x;
        else if (quarter == 1)
            L1 += x;
        else if (quarter == 2)
            L2 += x;
        else
            L3 += x;
    }
}
