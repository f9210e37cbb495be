using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace OptGen.Internal;

public static unsafe partial class Kernels
{
    // How far ahead of the loop the streams are fetched, in elements: 256 floats (1 KiB, 16 cache lines) of each stream.
    // Measured on the 2-core AMD EPYC (Zen 3, AVX2) with a hand-fused Adam at 16 Mi (four streams): 128 −7%, 256 −10%,
    // 512 −5%, 1,024 −3%; one stream alone −2%. The hardware prefetcher alone keeps too few lines in flight once the
    // loop's arithmetic fills the core's window.
    private const int PrefetchDistance = 256;

    // Ranges shorter than this are not prefetched: they sit in the caches already, and the hints would only cost
    // instructions. (A chunk of a split pass, SimdPolicy.ChunkLength = 64 Ki by default, is long enough.)
    private const int PrefetchMinLength = 32 << 10;

    /// <summary>Asks for the cache line of element <paramref name="i"/> of a stream: a hint, never a fault (x86; elsewhere nothing).</summary>
    [MethodImpl(Inline)]
    public static void Prefetch(ref float a, nint i)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref a, i)));
    }

    /// <summary>As <see cref="Prefetch(ref float, nint)"/>, for a bfloat16 stream.</summary>
    [MethodImpl(Inline)]
    public static void Prefetch(ref ushort a, nint i)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref a, i)));
    }

    /// <summary>Two streams (the generated kernels call one of these with all their streams, up to four per call).</summary>
    [MethodImpl(Inline)]
    public static void Prefetch(ref float a, ref float b, nint i)
    {
        Prefetch(ref a, i);
        Prefetch(ref b, i);
    }

    /// <summary>Three streams.</summary>
    [MethodImpl(Inline)]
    public static void Prefetch(ref float a, ref float b, ref float c, nint i)
    {
        Prefetch(ref a, i);
        Prefetch(ref b, i);
        Prefetch(ref c, i);
    }

    /// <summary>Four streams.</summary>
    [MethodImpl(Inline)]
    public static void Prefetch(ref float a, ref float b, ref float c, ref float d, nint i)
    {
        Prefetch(ref a, i);
        Prefetch(ref b, i);
        Prefetch(ref c, i);
        Prefetch(ref d, i);
    }

    // Where the loop stops prefetching: PrefetchDistance before the end of a long range, and at once in a short one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint PrefetchEnd(nint i, nint end) => end - i >= PrefetchMinLength ? end - PrefetchDistance : i;
}
