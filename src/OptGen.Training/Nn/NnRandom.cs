using System;
using OptGen.Internal;

namespace OptGen.Nn;

/// <summary>
/// <see cref="SplitMix64"/> as a stateful generator: output fixed by its seed on every platform and .NET version,
/// which <see cref="System.Random"/> does not promise. Used for initialisation, dropout masks and shuffling.
/// </summary>
internal sealed class NnRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A seed for the <paramref name="index"/>-th component derived from one user seed.</summary>
    public static ulong Derive(ulong seed, ulong index) => SplitMix64.Mix(seed ^ SplitMix64.Mix(index + SplitMix64.Gamma));

    /// <summary>The generator's whole state: setting a saved value resumes the sequence exactly (checkpoints).</summary>
    public ulong State
    {
        get => _state;
        set => _state = value;
    }

    public ulong NextUInt64() => SplitMix64.Next(ref _state);

    /// <summary>Uniform in [0, 1) with 24 random bits: every value is exactly representable as a float.</summary>
    public float NextFloat() => SplitMix64.ToUnitFloat(NextUInt64());

    /// <summary>
    /// The <see cref="NextFloat"/> that a generator in <paramref name="state"/> returns after skipping
    /// <paramref name="index"/> draws. SplitMix64 is a counter passed through a mix, so any draw can be computed
    /// directly: a pass split across threads draws exactly the numbers one thread would.
    /// </summary>
    public static float FloatAt(ulong state, long index) => SplitMix64.ToUnitFloat(SplitMix64.At(state, index));

    /// <summary>Skips <paramref name="count"/> draws, as many calls of <see cref="NextUInt64"/> would.</summary>
    public void Advance(long count) => _state += (ulong)count * SplitMix64.Gamma;

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => SplitMix64.ToUnitDouble(NextUInt64());

    /// <summary>Uniform integer in [0, <paramref name="n"/>) by multiply-shift (bias below 2^-32 for the sizes used here).</summary>
    public int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>Standard normal by Box-Muller (one of the pair is dropped: simplicity over speed at init time).</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        double u2 = NextDouble();
        return SplitMix64.BoxMuller(u1, u2);
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
}
