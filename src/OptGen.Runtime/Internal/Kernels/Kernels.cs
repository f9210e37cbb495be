using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace OptGen.Internal;

/// <summary>
/// The one driver of generated element kernels. It owns how a pass runs over a tensor: the vector width (the widest
/// accelerated one allowed by <see cref="SimdPolicy.MaxVectorBits"/>), peeling single elements until the kernel's
/// anchor stream is 64-byte aligned, the ragged tail, cutting a large tensor into chunks of
/// <see cref="SimdPolicy.ChunkLength"/> elements that run on several cores, and the reductions.
/// </summary>
/// <remarks>
/// A reduction's result does not depend on the width, the alignment or the number of threads: within a chunk,
/// element <c>i</c> is added to lane <c>i mod 16</c> of sixteen double accumulators in index order (see
/// <see cref="SumLanes"/>), the lanes are summed 0 to 15, and the chunks' sums are added in chunk order. Chunks are
/// cut by length alone, so one thread and sixteen cut them the same way.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe partial class Kernels
{
    private const int BlockLength = 16; // elements per block of reduction lanes

    /// <summary>
    /// The options of every kernel member the driver calls in its loops (<c>AggressiveInlining</c>: inlined there, the
    /// kernel's constants fold). A constant here so that the generated attribute is short.
    /// </summary>
    public const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    /// <summary>
    /// Whether the machine has 32 vector registers (AVX-512's encoding, at every width; Arm64) rather than 16 (AVX2): a
    /// constant to the JIT. See <see cref="SlotOrSplat{V}"/>.
    /// </summary>
    internal static bool HasManyVectorRegisters => Avx512F.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>
    /// A number of the kernel's that its <c>Splat</c> broadcast into <paramref name="slot"/>, read from there where the
    /// machine has registers to keep it (<see cref="HasManyVectorRegisters"/>), else broadcast here from
    /// <paramref name="number"/> (and the slot left unused): the generator writes it for the numbers of a kernel with a
    /// bfloat16 store beyond the few it always keeps, since the conversions need registers of their own.
    /// </summary>
    [MethodImpl(Inline)]
    public static V SlotOrSplat<V>(V slot, float number) where V : struct, IFloatVector<V> => HasManyVectorRegisters ? slot : V.Splat(number);

    /// <summary>Runs an element-wise pass (the kernel has no reductions) over elements 0 … <paramref name="length"/> − 1.</summary>
    public static void Run<K>(scoped ref K kernel, int length) where K : IElementKernel, allows ref struct
    {
        Reductions ignored = default;
        RunPass(ref kernel, length, ref ignored);
    }

    /// <summary>Runs a pass over elements 0 … <paramref name="length"/> − 1 and returns its reductions.</summary>
    public static void Run<K>(scoped ref K kernel, int length, out Reductions results) where K : IElementKernel, allows ref struct
    {
        results = default;
        RunPass(ref kernel, length, ref results);
        DefaultNaNs<K>(ref results);
    }

    /// <summary>The default NaN for any NaN among the maxima of <paramref name="results"/> (see <see cref="DefaultNaN"/>).</summary>
    internal static void DefaultNaNs<K>(ref Reductions results) where K : IElementKernel, allows ref struct
    {
        for (int j = K.SumCount; j < K.SumCount + K.MaxCount; j++)
            results[j] = DefaultNaN(results[j]);
    }

    /// <summary>
    /// The default NaN for any NaN. A maximum or minimum over values among which are NaNs of different payloads keeps
    /// the one its lane met first, and which elements a lane meets depends on the width and the chunks (and the running
    /// extremes of <see cref="IFloatVector{TSelf}.MaxOfReduction"/> keep a NaN, not its payload): so a reduction that met
    /// a NaN gives the default one, whatever its payload (ReductionNanTests).
    /// </summary>
    internal static double DefaultNaN(double x) => double.IsNaN(x) ? double.NaN : x;

    /// <summary>As <see cref="DefaultNaN(double)"/>, for each value.</summary>
    internal static void DefaultNaNs(Span<float> values)
    {
        foreach (ref float x in values)
        {
            if (float.IsNaN(x))
                x = float.NaN;
        }
    }

    private static void RunPass<K>(scoped ref K kernel, int length, ref Reductions results) where K : IElementKernel, allows ref struct
    {
        if (length <= 0)
            return;
        int chunkLength = K.SumCount + K.MaxCount == 0 ? ElementChunkLength(length, ParallelRunner.AllowedThreads) : SimdPolicy.ChunkLength;
        int chunks = (int)(((long)length + chunkLength - 1) / chunkLength);
        int threads = t_inTensorGroup ? 1 : ThreadsFor(length, chunks);
        if (threads > 1)
        {
            KernelJob<K>.RunSplit(ref kernel, length, chunkLength, chunks, threads, ref results);
            return;
        }
        RunOnThisThread(ref kernel, length, chunkLength, chunks, ref results);
    }

    // A pass on the calling thread alone, cut into the same chunks as a split one (so its reductions have the same bits).
    // Inlined: RunPass compiles as it did before this was cut out of it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunOnThisThread<K>(scoped ref K kernel, int length, int chunkLength, int chunks, ref Reductions results)
        where K : IElementKernel, allows ref struct
    {
        if (K.SumCount + K.MaxCount == 0)
        {
            RunRange(ref kernel, 0, length, ref results); // element-wise: chunks would change nothing
            return;
        }
        for (int c = 0; c < chunks; c++)
        {
            Reductions part = default;
            int start = c * chunkLength;
            RunRange(ref kernel, start, Math.Min(length, start + chunkLength), ref part);
            Combine<K>(ref results, ref part);
        }
    }

    /// <summary>Shortest chunk of a split pass without reductions (<see cref="ElementChunkLength"/>).</summary>
    internal const int MinElementChunk = 16 << 10;

    /// <summary>
    /// The chunks of a pass without reductions. Such a pass gives the same bits however it is cut, so it is cut for
    /// balance rather than by <see cref="SimdPolicy.ChunkLength"/>: about four chunks for each thread it may use, each a
    /// multiple of 64 elements (whole cache lines, bfloat16 streams too), at least <see cref="MinElementChunk"/> long (a
    /// few microseconds of work; a claim costs tens of nanoseconds) and at most <see cref="SimdPolicy.ChunkLength"/>.
    /// Cut by <see cref="SimdPolicy.ChunkLength"/> alone, Adam's step over the 200,704 weights of an MNIST MLP's first
    /// layer was three chunks and a sliver: two of them on the caller on 2 cores, and no more than four cores of 16.
    /// </summary>
    internal static int ElementChunkLength(int length, int threads)
    {
        int longest = SimdPolicy.ChunkLength;
        if (threads <= 1)
            return longest;
        long balanced = ((long)length + 4L * threads - 1) / (4L * threads);
        balanced = (balanced + 63) & ~63L;
        return (int)Math.Clamp(balanced, Math.Min(MinElementChunk, longest), longest);
    }

    internal static int ThreadsFor(int length, int chunks)
    {
        int threads = chunks < 2 ? 1 : Math.Min(ParallelRunner.AllowedThreads, chunks);
        return ThreadsFor(length, threads, threads > 1 && length < SimdPolicy.ParallelThreshold && ParallelRunner.WorkersAwake(threads - 1));
    }

    // Below the threshold the cost of a split is waking a core (a futex wake, ~8 µs on the 2-core EPYC): so a pass of
    // at least a quarter of it is split while the workers it needs are still awake from a split just before (polling
    // for ParallelRunner.SpinMicroseconds), as in a training step after its parallel products. Adam at 200 Ki elements
    // 89 -> 66 µs, 100 K 30 -> 22 µs that way; with the workers asleep a split made 70 K-131 K elements 3-8 µs slower, so
    // then it stays on one core. Chunks are cut by length alone, so which way this goes never changes a bit.
    internal static int ThreadsFor(int length, int threads, bool workersAwake)
    {
        if (threads <= 1 || length >= SimdPolicy.ParallelThreshold)
            return threads;
        return length >= SimdPolicy.ParallelThreshold / 4 && workersAwake ? threads : 1;
    }

    /// <summary>Adds one chunk's reductions to the running ones (sums in chunk order; maxima).</summary>
    internal static void Combine<K>(ref Reductions total, ref Reductions chunk) where K : IElementKernel, allows ref struct
    {
        for (int j = 0; j < K.SumCount; j++)
            total[j] += chunk[j];
        for (int j = K.SumCount; j < K.SumCount + K.MaxCount; j++)
            total[j] = Math.Max(total[j], chunk[j]);
    }

    /// <summary>Elements <paramref name="start"/> … <paramref name="end"/> − 1 at the widest width allowed.</summary>
    internal static void RunRange<K>(ref K kernel, nint start, nint end, ref Reductions results) where K : IElementKernel, allows ref struct
    {
        int bits = SimdPolicy.MaxVectorBits;
        if (bits >= 512 && (Vector512.IsHardwareAccelerated || SimdPolicy.UseUnacceleratedWidths))
            RunRange<K, F32x16>(ref kernel, start, end, ref results);
        else if (bits >= 256 && (Vector256.IsHardwareAccelerated || SimdPolicy.UseUnacceleratedWidths))
            RunRange<K, F32x8>(ref kernel, start, end, ref results);
        else if (bits >= 128 && (Vector128.IsHardwareAccelerated || SimdPolicy.UseUnacceleratedWidths))
            RunRange<K, F32x4>(ref kernel, start, end, ref results);
        else
            RunRange<K, F32x1>(ref kernel, start, end, ref results);
    }

    // Compiled fully optimized at first call, never tiered: a kernel's loop then has one body for its whole life (no
    // on-stack replacement mid-loop) and no profile of its own. (The wrong reductions once blamed on tiering came from
    // a switch in a shared helper, miscompiled with a skewed profile: see Terms<V>.Get.) Never inlined: inlined, it was
    // compiled again inside its tiered caller with the caller's profile, and a profile taken on long tensors (whose
    // one-lane head and tail hardly run) left the tail's operations as calls past the inliner's budget: after steps on a
    // 1 Mi tensor, a step over 10,000 tensors of 100 (a ragged tail each) on two cores ran at 0.8 of one core.
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void RunRange<K, V>(ref K kernel, nint start, nint end, ref Reductions results)
        where K : IElementKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        if (K.SumCount + K.MaxCount == 0)
            ElementWise<K, V>(ref kernel, start, end);
        else
            Reduce<K, V>(ref kernel, start, end, ref results);
    }

    // Elements until the anchor reaches a 64-byte boundary (a vector of any width then never straddles a cache line).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Peel(ref float anchor, nint start, nint count)
    {
        nint misalignment = (nint)Unsafe.AsPointer(ref Unsafe.Add(ref anchor, start)) & (AlignedMemory.Alignment - 1);
        nint peel = ((AlignedMemory.Alignment - misalignment) & (AlignedMemory.Alignment - 1)) / sizeof(float);
        return Math.Min(peel, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ElementWise<K, V>(ref K kernel, nint start, nint end)
        where K : IElementKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        K k = kernel; // a local copy: its stream references and scalars stay in registers in the loop
        Terms<V> t = default;
        k.Splat(ref t);
        // With 16 vector registers (AVX2) a bfloat16 loop keeps its numbers in memory, read where used (its conversions
        // need registers of their own, and with the numbers held in registers the JIT spilled the loop's values instead:
        // bfloat16 Adam, untiered as under Native AOT, 4 Ki 0.62 -> 0.53-0.56 ns/param), except at 256 bits, where it
        // runs one vector per iteration with its numbers in registers and no prefetch: with the paired stores of
        // BFloat16.StorePair256, bfloat16 Adam on the Zen 3 (one core) 4 Ki 0.70-0.71 -> 0.63, 16 Mi 0.67-0.70 ->
        // 0.62-0.65 ns/param (unrolled twice, in memory or not, the JIT spilled; the loop is bound by its conversions,
        // not by memory, so prefetching only took issue slots). Elsewhere (AVX-512, Arm64, kernels without a bfloat16
        // stream) the branches fold away and the loop's code is as before. The intrinsics are tested here rather than
        // HasManyVectorRegisters: with that call in the condition (not inlined this deep) the terms' address was taken at
        // 512 bits too (bfloat16 Adam 0.31 -> 0.35-0.39).
        // An fp32 kernel whose numbers and loads would fill 16 registers (K.NumbersInMemory, the generator's count) keeps
        // its numbers in memory there too, read as operands: held in registers, the JIT spilled the loop's values
        // instead, storing and reloading nearly every one (AdEMAMix on the Zen 3, one core, 4 Mi 1.37-1.47 -> 0.94-1.01
        // ns/param).
        bool sixteenRegisters = !Avx512F.IsSupported && !AdvSimd.Arm64.IsSupported;
        bool bfloat16OnFewRegisters = sixteenRegisters && K.HasBFloat16Stream;
        if ((bfloat16OnFewRegisters && V.Count != 8) || (sixteenRegisters && !K.HasBFloat16Stream && K.NumbersInMemory))
            KeepInMemory(ref t);
        nint i = start;
        if (V.Count > 1)
        {
            nint head = start + Peel(ref k.Anchor, start, end - start);
            if (i < head)
                RunOneByOne(ref k, i, head);
            i = head;
            if (bfloat16OnFewRegisters && V.Count == 8)
            {
                for (; i <= end - V.Count; i += V.Count)
                    k.Run(i, ref t);
            }
            else
            {
                nint prefetchEnd = ElementPassPrefetches(K.HasBFloat16Stream, V.Count) ? PrefetchEnd(i, end) : i;
                for (; i <= end - 2 * V.Count; i += 2 * V.Count)
                {
                    // One line of each stream per 16 elements; i + PrefetchDistance is on a line boundary of the anchor.
                    if (i < prefetchEnd)
                    {
                        k.Prefetch(i + PrefetchDistance);
                        if (V.Count == 16)
                            k.Prefetch(i + PrefetchDistance + 16);
                    }
                    k.Run(i, ref t);
                    k.Run(i + V.Count, ref t);
                }
                for (; i <= end - V.Count; i += V.Count)
                    k.Run(i, ref t);
            }
        }
        if (i < end)
            RunOneByOne(ref k, i, end);
    }

    // Elements start … end − 1 one at a time (the head and the tail of the element-wise loop), with numbers of their
    // own: scalar numbers made before the vector loop and kept for the tail held as many registers as the loop's
    // vectors (AdaBelief's nine and nine left the loop three, and it spilled).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunOneByOne<K>(ref K k, nint start, nint end) where K : IElementKernel, allows ref struct
    {
        Terms<F32x1> t1 = default;
        k.Splat(ref t1);
        for (nint i = start; i < end; i++)
            k.Run(i, ref t1);
    }

    // Does nothing, but takes the terms' address: the JIT then keeps them in the frame, not in registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void KeepInMemory<V>(ref Terms<V> terms) where V : struct, IFloatVector<V> { }
}
