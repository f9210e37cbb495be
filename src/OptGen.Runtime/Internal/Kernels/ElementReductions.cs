using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics; // StoreUnsafe

namespace OptGen.Internal;

// The driver's passes with reductions: sums added element by element into sixteen double lanes (element i of a chunk
// into lane i mod 16, in index order), maxima and minima kept per lane; see Kernels' remarks.
public static unsafe partial class Kernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RunRange<K, V>
    private static void Reduce<K, V>(ref K kernel, nint start, nint end, ref Reductions results)
        where K : IElementKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        // 'start' is a multiple of 16 (0 or a chunk start), so element i belongs to lane (i - start) mod 16.
        K k = kernel;
        Span<double> lanes = stackalloc double[BlockLength * Terms<F32x1>.Capacity];
        Span<float> maxima = stackalloc float[Terms<F32x1>.Capacity];
        Terms<F32x1> t1 = default;
        k.Splat(ref t1);
        nint i = start;
        if (V.Count > 1)
        {
            nint head = start + Peel(ref k.Anchor, start, end - start);
            for (; i < head; i++)
                ReduceOne(ref k, i, (int)(i - start) & 15, ref t1, lanes, maxima);
            if (end - i >= BlockLength)
                i = ReduceVectors<K, V>(ref k, i, end, (int)(i - start) & 15, lanes, maxima);
        }
        for (; i < end; i++)
            ReduceOne(ref k, i, (int)(i - start) & 15, ref t1, lanes, maxima);
        for (int j = 0; j < K.SumCount; j++)
            results[j] = SumLanes.Fold(lanes.Slice(BlockLength * j, BlockLength));
        for (int j = 0; j < K.MaxCount; j++)
            results[K.SumCount + j] = maxima[j];
    }

    // Elements i … in blocks of 16 while a whole block is left; returns the first element it left. Element i is in lane
    // 'lane'. A method of its own, as AxisVectors: nothing in its loop has its address taken, so the sums' sixteen lanes
    // stay in registers. Laid out as AxisVectors is, for the same reason: a local live across a call goes to the stack
    // on x64 Linux (no vector register survives one), so the calls come before the loop's locals are made (the lanes'
    // rotation) and after its accumulators are stored (their unrotation, the maxima). Before, with the lanes rotated
    // and unrotated term by term around the loop, LAMB's first pass stored and reloaded its eight accumulators in
    // every block.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RunRange<K, V>
    [SkipLocalsInit] // 'held' is written before it is read
    private static nint ReduceVectors<K, V>(ref K kernel, nint i, nint end, int lane, scoped Span<double> lanes, scoped Span<float> maxima)
        where K : IElementKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        // The vector loop's lane q holds element i + 16 b + q, i.e. lane (lane + q) mod 16: its accumulators start from
        // the head's sums rotated that way (into 'held', term j at 16 j), and go back the same way.
        Span<double> held = stackalloc double[Terms<F32x1>.Capacity * BlockLength];
        ref double h = ref MemoryMarshal.GetReference(held); // here, while the inliner has budget (after the loop it has none)
        int sums = (1 << K.SumCount) - 1; // the kernel's sums are its first terms
        if (sums != 0)
            SumLanes.RotateAll(lanes, held, lane, sums);
        SumLanes s0 = SumLanes.Held(held, 0, sums), s1 = SumLanes.Held(held, 1, sums), s2 = SumLanes.Held(held, 2, sums), s3 = SumLanes.Held(held, 3, sums);
        V m0 = default, m1 = default, m2 = default, m3 = default;
        nint prefetchEnd = PrefetchEnd(i, end);
        K k = kernel;
        Terms<V> t = default;
        k.Splat(ref t);
        for (; i <= end - BlockLength; i += BlockLength)
        {
            if (i < prefetchEnd)
                k.Prefetch(i + PrefetchDistance);
            // One, two or four parts per block of 16; V.Count is a constant, so the JIT keeps only the parts it needs.
            k.Run(i, ref t);
            Accumulate<K, V>(ref t, 0, ref s0, ref s1, ref s2, ref s3, ref m0, ref m1, ref m2, ref m3);
            if (V.Count <= 8)
            {
                k.Run(i + V.Count, ref t);
                Accumulate<K, V>(ref t, 1, ref s0, ref s1, ref s2, ref s3, ref m0, ref m1, ref m2, ref m3);
            }
            if (V.Count <= 4)
            {
                k.Run(i + 2 * V.Count, ref t);
                Accumulate<K, V>(ref t, 2, ref s0, ref s1, ref s2, ref s3, ref m0, ref m1, ref m2, ref m3);
                k.Run(i + 3 * V.Count, ref t);
                Accumulate<K, V>(ref t, 3, ref s0, ref s1, ref s2, ref s3, ref m0, ref m1, ref m2, ref m3);
            }
        }
        // Plain stores (no call) of every accumulator, then one call for the lanes and one for the maxima.
        if (sums != 0)
        {
            // The fields' stores written out: intrinsics, always expanded; a helper here is past the inliner's budget,
            // and a call taking the accumulators kept them on the stack through the whole loop.
            if ((sums & 1) != 0)
            {
                s0.L0.StoreUnsafe(ref h, 0); s0.L1.StoreUnsafe(ref h, 4); s0.L2.StoreUnsafe(ref h, 8); s0.L3.StoreUnsafe(ref h, 12);
            }
            if ((sums & 2) != 0)
            {
                s1.L0.StoreUnsafe(ref h, 16); s1.L1.StoreUnsafe(ref h, 20); s1.L2.StoreUnsafe(ref h, 24); s1.L3.StoreUnsafe(ref h, 28);
            }
            if ((sums & 4) != 0)
            {
                s2.L0.StoreUnsafe(ref h, 32); s2.L1.StoreUnsafe(ref h, 36); s2.L2.StoreUnsafe(ref h, 40); s2.L3.StoreUnsafe(ref h, 44);
            }
            if ((sums & 8) != 0)
            {
                s3.L0.StoreUnsafe(ref h, 48); s3.L1.StoreUnsafe(ref h, 52); s3.L2.StoreUnsafe(ref h, 56); s3.L3.StoreUnsafe(ref h, 60);
            }
            SumLanes.UnrotateAll(held, lanes, lane, sums);
        }
        // An absent maximum is passed as zero (ignored there), so that it is not kept alive through the loop.
        if (K.MaxCount > 0)
            MergeMaxima<K, V>(m0, K.MaxCount > 1 ? m1 : default, K.MaxCount > 2 ? m2 : default, K.MaxCount > 3 ? m3 : default, maxima);
        return i;
    }

    // A kernel's counts are constants of its type: the branches for reductions it does not have vanish.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<K, V>(ref Terms<V> t, int part, ref SumLanes s0, ref SumLanes s1, ref SumLanes s2, ref SumLanes s3,
        ref V m0, ref V m1, ref V m2, ref V m3) where K : IElementKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        if (K.SumCount > 0) V.AddTo(ref s0, t.T0, part);
        if (K.SumCount > 1) V.AddTo(ref s1, t.T1, part);
        if (K.SumCount > 2) V.AddTo(ref s2, t.T2, part);
        if (K.SumCount > 3) V.AddTo(ref s3, t.T3, part);
        if (K.MaxCount > 0) m0 = V.MaxOfReduction(m0, t.Get(K.SumCount));
        if (K.MaxCount > 1) m1 = V.MaxOfReduction(m1, t.Get(K.SumCount + 1));
        if (K.MaxCount > 2) m2 = V.MaxOfReduction(m2, t.Get(K.SumCount + 2));
        if (K.MaxCount > 3) m3 = V.MaxOfReduction(m3, t.Get(K.SumCount + 3));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MergeMaxima<K, V>(V m0, V m1, V m2, V m3, Span<float> maxima) where K : IElementKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        MergeMax<K, V>(m0, maxima, 0);
        MergeMax<K, V>(m1, maxima, 1);
        MergeMax<K, V>(m2, maxima, 2);
        MergeMax<K, V>(m3, maxima, 3);
    }

    private static void MergeMax<K, V>(V max, Span<float> maxima, int j) where K : IElementKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        if (j < K.MaxCount)
            maxima[j] = MathF.Max(maxima[j], V.MaxLane(max));
    }

    // One element (a peeled head, a ragged tail, or the scalar path), its terms added to their lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReduceOne<K>(ref K k, nint i, int lane, ref Terms<F32x1> t, scoped Span<double> lanes, scoped Span<float> maxima)
        where K : IElementKernel, allows ref struct
    {
        k.Run(i, ref t);
        for (int j = 0; j < K.SumCount; j++)
            lanes[BlockLength * j + lane] += F32x1.First(t.Get(j));
        for (int j = 0; j < K.MaxCount; j++)
            maxima[j] = MathF.Max(maxima[j], F32x1.First(t.Get(K.SumCount + j)));
    }
}
