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
        ulong h = SplitMix64.Mix(seed ^ SplitMix64.Mix((ulong)step * SplitMix64.Gamma + (ulong)site));
        return SplitMix64.ToUnitDouble(h);
    }

    /// <summary>Standard normal for draw <paramref name="site"/> at step <paramref name="step"/> (Box-Muller).</summary>
    public static double Normal(ulong seed, long step, int site)
    {
        double u1 = 1.0 - Uniform(seed, step, 2 * site + 1_000_003);
        double u2 = Uniform(seed, step, 2 * site + 1_000_004);
        return SplitMix64.BoxMuller(u1, u2);
    }

    /// <summary>
    /// The key of an update's draws for tensor <paramref name="tensor"/> at step <paramref name="step"/> (1 on the first
    /// step): the per-tensor half of the counter, so a kernel hashes only the element and the site per lane.
    /// </summary>
    public static ulong Key(ulong seed, long step, int tensor) =>
        SplitMix64.Mix(seed ^ SplitMix64.Mix((ulong)step * SplitMix64.Gamma ^ SplitMix64.Mix((ulong)(uint)tensor + 0xD1B54A32D192ED03UL)));

    /// <summary>
    /// <c>uniform()</c> in an update: for the lanes <c>index … index + V.Count − 1</c>, uniform on [0, 1) with 24 random
    /// bits (every value a float). Each lane is computed on its own, so the result does not depend on the width.
    /// </summary>
    public static V Uniform<V>(ulong key, nint index, int site) where V : struct, IFloatVector<V>
    {
        Span<float> lanes = stackalloc float[V.Count];
        for (int j = 0; j < lanes.Length; j++)
            lanes[j] = SplitMix64.ToUnitFloat(Bits(key, index + j, 2 * site));
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
            double u1 = 1.0 - SplitMix64.ToUnitDouble(Bits(key, index + j, 2 * site)); // (0, 1]: the log is finite
            double u2 = SplitMix64.ToUnitDouble(Bits(key, index + j, 2 * site + 1));
            lanes[j] = (float)SplitMix64.BoxMuller(u1, u2);
        }
        return V.Load(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(lanes), 0);
    }

    // 64 random bits for one element and stream (a site's uniform uses stream 2·site; its normal 2·site and 2·site + 1).
    private static ulong Bits(ulong key, nint index, int stream) =>
        SplitMix64.Mix(key ^ SplitMix64.Mix((ulong)(long)index * 0xBF58476D1CE4E5B9UL + (ulong)(uint)stream * 0x94D049BB133111EBUL + 0x2545F4914F6CDD1DUL));
}
