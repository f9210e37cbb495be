using System;

namespace OptGen.Samples;

/// <summary>SplitMix64 with Box-Muller normals: the same numbers for a seed on every platform and .NET version.</summary>
public sealed class SampleRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Standard normal.</summary>
    public float NextNormal()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>An array of standard normals.</summary>
    public float[] Normals(int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = NextNormal();
        return values;
    }
}
