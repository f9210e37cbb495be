using System;
using System.Linq;

namespace OptGen.TestSupport;

/// <summary>Deterministic parameters, gradients and training steps, and exact (bitwise) views of float data.</summary>
public static class TestTraining
{
    /// <summary>A deterministic "gradient" (from the step and the current values), then a step; repeated.</summary>
    public static void Train(IOptimizer opt, Parameter[] ps, int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            long t = opt.StepCount;
            for (int k = 0; k < ps.Length; k++)
            {
                Span<float> w = ps[k].Value, g = ps[k].Grad;
                for (int i = 0; i < w.Length; i++)
                    g[i] = (float)(Math.Sin(0.37 * t + 1.3 * i + k) * 0.5 + 0.1 * w[i]);
            }
            opt.Step(ps);
        }
    }

    /// <summary>The bit patterns, so that comparisons are exact (NaN and -0 included).</summary>
    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var b = new int[values.Length];
        for (int i = 0; i < b.Length; i++)
            b[i] = BitConverter.SingleToInt32Bits(values[i]);
        return b;
    }

    /// <summary>Parameters of the given shapes, filled uniformly in [-1, 1) from <paramref name="seed"/>, named <c>p0</c>, <c>p1</c>, ...</summary>
    public static Parameter[] Model(int seed, params int[][] shapes)
    {
        var rng = new Random(seed);
        return shapes.Select((shape, i) =>
        {
            var p = new Parameter(shape, $"p{i}");
            for (int j = 0; j < p.Length; j++)
                p.Value[j] = (float)(rng.NextDouble() * 2 - 1);
            return p;
        }).ToArray();
    }

    /// <summary>A parameter of <paramref name="length"/> elements with non-zero values and gradients.</summary>
    public static Parameter Param(int length, string name, float seed = 1)
    {
        var p = new Parameter(length, name);
        for (int i = 0; i < length; i++)
        {
            p.Value[i] = MathF.Sin(seed + i);
            p.Grad[i] = MathF.Cos(seed * 2 + i);
        }
        return p;
    }
}
