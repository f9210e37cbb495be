using System;
using System.ComponentModel;

namespace OptGen.Internal;

/// <summary>
/// Counter-based random numbers for schedules: a draw is a pure function of (seed, step, site), so a
/// schedule is reproducible from its seed, needs no mutable state, and resumes exactly after a checkpoint.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DslRandom
{
    /// <summary>Uniform on [0, 1) for draw <paramref name="site"/> at step <paramref name="step"/>.</summary>
    public static double Uniform(ulong seed, long step, int site)
    {
        ulong h = Mix(seed ^ Mix((ulong)step * 0x9E3779B97F4A7C15UL + (ulong)site));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Standard normal for draw <paramref name="site"/> at step <paramref name="step"/> (Box-Muller).</summary>
    public static double Normal(ulong seed, long step, int site)
    {
        double u1 = 1.0 - Uniform(seed, step, 2 * site + 1_000_003);
        double u2 = Uniform(seed, step, 2 * site + 1_000_004);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// The key of an update's draws for tensor <paramref name="tensor"/> at step <paramref name="step"/> (1 on the first
    /// step): the per-tensor half of the counter, so a kernel hashes only the element and the site per lane.
    /// </summary>
    public static ulong Key(ulong seed, long step, int tensor) =>
        Mix(seed ^ Mix((ulong)step * 0x9E3779B97F4A7C15UL ^ Mix((ulong)(uint)tensor + 0xD1B54A32D192ED03UL)));

    /// <summary>
    /// <c>uniform()</c> in an update: for the lanes <c>index … index + V.Count − 1</c>, uniform on [0, 1) with 24 random
    /// bits (every value a float). Each lane is computed on its own, so the result does not depend on the width.
    /// </summary>
    public static V Uniform<V>(ulong key, nint index, int site) where V : struct, IFloatVector<V>
    {
        Span<float> lanes = stackalloc float[V.Count];
        for (int j = 0; j < lanes.Length; j++)
            lanes[j] = (Bits(key, index + j, 2 * site) >> 40) * (1f / (1 << 24));
        return V.Load(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(lanes), 0);
    }

    /// <summary>
    /// <c>normal()</c> in an update: a standard normal per lane, Box–Muller on two 53-bit uniforms in double, rounded to
    /// float once. Lane by lane, as <see cref="Uniform{V}"/>.
    /// </summary>
    public static V Normal<V>(ulong key, nint index, int site) where V : struct, IFloatVector<V>
    {
        Span<float> lanes = stackalloc float[V.Count];
        for (int j = 0; j < lanes.Length; j++)
        {
            double u1 = 1.0 - (Bits(key, index + j, 2 * site) >> 11) * (1.0 / (1UL << 53)); // (0, 1]: the log is finite
            double u2 = (Bits(key, index + j, 2 * site + 1) >> 11) * (1.0 / (1UL << 53));
            lanes[j] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
        return V.Load(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(lanes), 0);
    }

    // 64 random bits for one element and stream (a site's uniform uses stream 2·site; its normal 2·site and 2·site + 1).
    private static ulong Bits(ulong key, nint index, int stream) =>
        Mix(key ^ Mix((ulong)(long)index * 0xBF58476D1CE4E5B9UL + (ulong)(uint)stream * 0x94D049BB133111EBUL + 0x2545F4914F6CDD1DUL));

    // SplitMix64's finaliser: a bijective avalanche of 64 bits.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
