#pragma warning disable CS1591 // the operations are documented once, on IFloatVector; the lanes, on the types
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OptGen.Internal;

/// <summary>
/// The element work of one pass of a generated optimizer: a <c>ref struct</c> holding references to the tensor's
/// streams (its <c>w</c>, <c>g</c>, state and scratch memory) and the pass's per-step and per-tensor scalars, with one
/// generic body. <see cref="Kernels.Run{TKernel}(ref TKernel, int)"/> owns everything else: vector width, peeling to
/// alignment, the ragged tail, chunks across cores and the reductions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IElementKernel
{
    /// <summary>How many sum reductions the pass accumulates: terms <c>T0 … T(SumCount−1)</c>.</summary>
    static abstract int SumCount { get; }

    /// <summary>How many maximum reductions follow them (each term is already non-negative, e.g. <c>|x|</c>).</summary>
    static abstract int MaxCount { get; }

    /// <summary>
    /// Whether the pass loads or stores a bfloat16 stream: the driver's prefetching depends on it, and with 16 vector
    /// registers where the loop keeps its numbers.
    /// </summary>
    static abstract bool HasBFloat16Stream { get; }

    /// <summary>
    /// Whether the pass has no reductions and its numbers, with the values it loads, are more than 16 vector registers
    /// hold (the generator counts them): with 16 (AVX2) the driver's element-wise loop then keeps the numbers in memory,
    /// where it reads them as operands.
    /// </summary>
    static virtual bool NumbersInMemory => false;

    /// <summary>The stream whose alignment the driver peels for (the first one the pass writes, else one it reads).</summary>
    ref float Anchor { get; }

    /// <summary>
    /// Elements <c>i … i + V.Count − 1</c>: loads, arithmetic, stores, and the terms of the pass's reductions for those
    /// elements into <paramref name="terms"/>.
    /// </summary>
    void Run<V>(nint i, ref Terms<V> terms) where V : struct, IFloatVector<V>;

    /// <summary>
    /// Hints the processor to fetch the cache line of element <paramref name="i"/> of every stream the pass reads or
    /// writes (<see cref="Kernels.Prefetch(ref float, nint)"/>). The driver calls it once per 16 elements, a fixed
    /// distance ahead of its loop, on ranges too long for the caches.
    /// </summary>
    void Prefetch(nint i);

    /// <summary>
    /// Broadcasts the pass's per-step and per-tensor numbers into the splat slots of <paramref name="terms"/>
    /// (<see cref="Terms{V}.S0"/> …), which <see cref="Run{V}"/> reads. The driver calls it once before its loop.
    /// </summary>
    void Splat<V>(ref Terms<V> terms) where V : struct, IFloatVector<V>;
}

/// <summary>
/// The per-element terms of a pass's reductions (at most <see cref="Capacity"/>), sums first; and the pass's numbers
/// broadcast once per loop (at most <see cref="SplatCapacity"/>, filled by the kernel's <c>Splat</c>).
/// </summary>
/// <remarks>
/// The JIT does not hoist a broadcast of a kernel field out of the driver's loop: written in <c>Run</c> as
/// <c>V.Splat(field)</c>, each vector of elements paid one broadcast per number (7 of Adam's 26 vector instructions).
/// Broadcast once into these slots, they stay in registers or are read as memory operands of the arithmetic.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct Terms<V> where V : struct, IFloatVector<V>
{
    /// <summary>Most reductions one pass can accumulate; the planner starts another pass beyond that.</summary>
    public const int Capacity = 4;

    /// <summary>Most numbers a kernel keeps broadcast in the splat slots; the generator broadcasts any further ones in <c>Run</c>.</summary>
    public const int SplatCapacity = 12;

    public V T0, T1, T2, T3;

    /// <summary>
    /// Bit k set: slot <c>Sk</c> holds a number <see cref="IFloatVector{TSelf}.MaxOrdinary"/> may take (set by the
    /// kernel's <c>Splat</c> for the slots its <c>max</c>es read; <see cref="OrdinaryMin"/> for its <c>min</c>s).
    /// </summary>
    public int OrdinaryMax, OrdinaryMin;

    /// <summary>
    /// Bit k set: the k-th per-row or per-matrix value an axis kernel's <c>max</c>es and <c>min</c>s read (through
    /// <see cref="IFloatVector{TSelf}.MaxSplat"/> / <see cref="IFloatVector{TSelf}.MinSplat"/>) is ordinary in the row at
    /// hand (set by <see cref="IAxisKernel.BeginRow{V}"/>).
    /// </summary>
    public int OrdinaryInRow;

    public V S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11;

    // By offset, not by a switch: .NET 10's JIT, inlining a switch on a constant term index with a profile in which
    // one case dominated (this helper is shared by every kernel of a width), peeled that case and then read term 0 for
    // term 1 (HardwarePathTests.KernelsMatchAfterProfiledShapedSteps). The driver's helpers index without switches.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly V Get(int j) => Unsafe.Add(ref Unsafe.AsRef(in T0), j);
}

/// <summary>The reductions of one pass over one tensor, in the order of the kernel's terms (sums, then maxima).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct Reductions
{
    public double R0, R1, R2, R3;

    [UnscopedRef]
    internal ref double this[int j] => ref Unsafe.Add(ref R0, j);
}
