using System;
using System.Runtime.CompilerServices;

namespace OptGen.Internal;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014), the one copy every seeded generator in OptGen builds on: a Weyl counter
/// that steps by <see cref="Gamma"/>, passed through <see cref="Mix"/>. Its numbers are fixed by the seed on every
/// platform and .NET version (which <see cref="Random"/> does not promise), and draw <c>n</c> is a pure function of the
/// state, so a pass split across threads, or a run resumed from a checkpoint, draws exactly the same numbers.
/// Also the conversions its users share, so that a bit pattern becomes the same float or double everywhere.
/// </summary>
internal static class SplitMix64
{
    /// <summary>The counter's step: 2^64 divided by the golden ratio, odd.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64's finaliser: a bijective avalanche of 64 bits (each input bit flips about half the output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Advances <paramref name="state"/> by one step and returns the draw there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Next(ref ulong state) => Mix(state += Gamma);

    /// <summary>The draw that <see cref="Next"/> returns after skipping <paramref name="index"/> draws from <paramref name="state"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong At(ulong state, long index) => Mix(state + (ulong)(index + 1) * Gamma);

    /// <summary>Uniform on [0, 1) from the top 53 bits: every value a double, evenly spaced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnitDouble(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [0, 1) from the top 24 bits: every value exactly a float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToUnitFloat(ulong bits) => (bits >> 40) * (1f / (1 << 24));

    /// <summary>
    /// A standard normal by Box–Muller from two uniforms, <paramref name="u1"/> in (0, 1] (so the log is finite) and
    /// <paramref name="u2"/> in [0, 1); the cosine half only (the sine half is dropped: one draw, one pair).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BoxMuller(double u1, double u2) => Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
}
