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
    /// costs more than it saves. Default 2^18 (256K).
    /// </summary>
    public static int ParallelThreshold { get; set; } = 1 << 18;
}
