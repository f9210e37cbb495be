using System;
using OptGen.Internal;

namespace OptGen.Data;

/// <summary>
/// A small deterministic generator (SplitMix64) for shuffles and splits, so that a seed gives the same result on
/// every platform and .NET version (unlike <see cref="Random"/>, whose algorithm is not specified).
/// </summary>
internal struct SeededRandom(long seed)
{
    private ulong _state = (ulong)seed ^ 0x6A09E667F3BCC909UL;

    public ulong NextUInt64() => SplitMix64.Next(ref _state);

    /// <summary>Uniform in [0, <paramref name="bound"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 1)
            return 0;
        ulong b = (ulong)bound;
        ulong threshold = (0UL - b) % b;
        while (true)
        {
            ulong r = NextUInt64();
            ulong hi = Math.BigMul(r, b, out ulong lo);
            if (lo >= threshold)
                return (int)hi;
        }
    }

    /// <summary>Fisher–Yates shuffle.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
