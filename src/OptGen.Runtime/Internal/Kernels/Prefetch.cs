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

    /// <summary>
    /// Whether an element pass without reductions prefetches by default (<see cref="ElementPassPrefetches"/> adds the
    /// setting that overrides it): at 512 bits only a kernel with a bfloat16 stream; below, every kernel. Measured on
    /// the Zen 4 (AVX-512, huge pages, streams spread over the page), `driver-ratios`, generated ÷ memory-only: fp32
    /// Adam 1 Mi 1.14–1.17 with, 1.00–1.01 without; 16 Mi 1.04–1.07 with, 1.00–1.01 without; 64 Mi 1.08–1.09 with,
    /// 0.98–1.02 without: the hardware prefetcher keeps up and the hints only cost. bfloat16 Adam, whose conversions make
    /// it nearly as much arithmetic as memory, needs them: 16 Mi 0.76 with, 0.82–0.87 without. On the Zen 3 (AVX2) fp32
    /// Adam gained 10% at 16 Mi from them. Passes with reductions and axis passes prefetch as before (Adafactor and SM3
    /// measured faster with).
    /// </summary>
    internal static bool DefaultElementPassPrefetch(bool hasBFloat16Stream, int lanes) => hasBFloat16Stream || lanes < 16;

    /// <summary>
    /// Whether an element pass prefetches now: <see cref="SimdPolicy.PrefetchElementPasses"/> where set, else
    /// <see cref="DefaultElementPassPrefetch"/>. Inlined into the loop's method, where the setting is one load (read there
    /// through the nullable property, the test stayed a call, which changed the loop's registers: fp32 Adam at 4 Ki
    /// 0.292 → 0.30–0.315 ns/param).
    /// </summary>
    [MethodImpl(Inline)]
    internal static bool ElementPassPrefetches(bool hasBFloat16Stream, int lanes)
    {
        int forced = PrefetchSetting.Forced;
        return forced == 0 ? DefaultElementPassPrefetch(hasBFloat16Stream, lanes) : forced > 0;
    }
}

/// <summary>
/// <see cref="SimdPolicy.PrefetchElementPasses"/> as the driver reads it (Kernels.ElementPassPrefetches): 0 for the
/// policy, 1 forced on, −1 forced off; a plain int in a class without a static constructor, so a read is one load.
/// </summary>
internal static class PrefetchSetting
{
    internal static int Forced;
}
