using System;

namespace OptGen.Nn;

/// <summary>
/// SplitMix64: a tiny, fast generator whose output is fixed by its seed on every platform and .NET version,
/// which <see cref="System.Random"/> does not promise. Used for initialisation, dropout masks and shuffling.
/// </summary>
internal sealed class NnRandom(ulong seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state = seed;

    /// <summary>A seed for the <paramref name="index"/>-th component derived from one user seed.</summary>
    public static ulong Derive(ulong seed, ulong index) => Mix(seed ^ Mix(index + Gamma));

    /// <summary>The generator's whole state: setting a saved value resumes the sequence exactly (checkpoints).</summary>
    public ulong State
    {
        get => _state;
        set => _state = value;
    }

    public ulong NextUInt64() => Mix(_state += Gamma);

    /// <summary>Uniform in [0, 1) with 24 random bits: every value is exactly representable as a float.</summary>
    public float NextFloat() => ToFloat(NextUInt64());

    /// <summary>
    /// The <see cref="NextFloat"/> that a generator in <paramref name="state"/> returns after skipping
    /// <paramref name="index"/> draws. SplitMix64 is a counter passed through a mix, so any draw can be computed
    /// directly: a pass split across threads draws exactly the numbers one thread would.
    /// </summary>
    public static float FloatAt(ulong state, long index) => ToFloat(Mix(state + (ulong)(index + 1) * Gamma));

    /// <summary>Skips <paramref name="count"/> draws, as many calls of <see cref="NextUInt64"/> would.</summary>
    public void Advance(long count) => _state += (ulong)count * Gamma;

    private static float ToFloat(ulong bits) => (bits >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="n"/>) by multiply-shift (bias below 2^-32 for the sizes used here).</summary>
    public int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>Standard normal by Box-Muller (one of the pair is dropped: simplicity over speed at init time).</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
