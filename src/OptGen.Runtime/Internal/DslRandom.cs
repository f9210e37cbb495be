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

    // SplitMix64's finaliser: a bijective avalanche of 64 bits.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
