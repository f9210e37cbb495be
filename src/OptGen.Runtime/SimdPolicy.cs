using System;

namespace OptGen;

/// <summary>
/// Process-wide cap on the vector width generated loops use. Meant for tests and benchmarks that compare
/// the Vector512 / Vector256 / Vector128 / scalar paths on one machine; the default uses the widest
/// accelerated width.
/// </summary>
public static class SimdPolicy
{
    /// <summary>Largest vector width in bits (512, 256, 128), or 0 for the scalar path only.</summary>
    public static int MaxVectorBits { get; set; } = 512;

    /// <summary>
    /// Largest number of cores one optimizer step may use for a large tensor (1 = single-threaded). The default
    /// uses every core.
    /// </summary>
    public static int MaxThreads { get; set; } = int.MaxValue;

    /// <summary>
    /// Elements a tensor must have before a pass over it is split across cores: below this, waking another core
    /// costs more than it saves. Default 2^18 (256K). A pass of at least a quarter of it (and of two chunks) is split
    /// too while the workers are still awake from a split just before, which costs no wake-up.
    /// </summary>
    public static int ParallelThreshold { get; set; } = 1 << 18;

    /// <summary>
    /// Elements per chunk when a pass over a large tensor is cut for several cores (default 2^16). A pass with
    /// reductions is cut by length alone, never by the thread count, and a sum adds up its chunks in order: so one core
    /// and sixteen give the same bits. (A pass without reductions, whose bits do not depend on the cut, is cut into
    /// about four chunks per thread, of at most this length.) Changing this changes the order in which a reduction adds
    /// (in the last bits). A positive multiple of 64.
    /// </summary>
    public static int ChunkLength
    {
        get => s_chunkLength;
        set
        {
            if (value <= 0 || value % 64 != 0)
                throw new ArgumentOutOfRangeException(nameof(value), value, "ChunkLength must be a positive multiple of 64.");
            s_chunkLength = value;
        }
    }

    private static int s_chunkLength = 1 << 16;

    /// <summary>
    /// Whether passes that only compute element by element (Adam's, SGD's: no reductions, no rows or columns) hint the
    /// next lines of their streams to the core with software prefetches. <see langword="null"/>, the default, leaves it to
    /// the policy measured on the machines we have (docs/performance-log.md): at 512 bits only passes with a bfloat16 stream
    /// prefetch, at narrower widths every pass. Hardware prefetchers differ from core to core; set it after measuring on
    /// yours. Results do not depend on it.
    /// </summary>
    public static bool? PrefetchElementPasses
    {
        get => Internal.PrefetchSetting.Forced switch { 0 => null, > 0 => true, _ => false };
        set => Internal.PrefetchSetting.Forced = value switch { null => 0, true => 1, false => -1 };
    }

    /// <summary>
    /// For tests: run the widths <see cref="MaxVectorBits"/> allows even where the hardware does not accelerate them
    /// (e.g. the 512-bit path on an AVX2 machine, emulated by the JIT), so every width's code is checked on one machine.
    /// </summary>
    internal static bool UseUnacceleratedWidths { get; set; }
}
