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
}
