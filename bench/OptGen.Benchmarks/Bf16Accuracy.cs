using System;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// How much bfloat16 moments change Adam's result: both run 2,000 steps on the same noisy ill-conditioned quadratic
/// (100K parameters, gradients from each one's own weights); prints the final losses and the weights' relative gap.
/// </summary>
public static class Bf16Accuracy
{
    public static void Run()
    {
        const int n = 100_000;
        var rng = new Random(3);
        var target = new float[n];
        var scale = new float[n];
        for (int i = 0; i < n; i++)
        {
            target[i] = (float)(rng.NextDouble() * 2 - 1);
            scale[i] = (float)Math.Pow(10, rng.NextDouble() * 3 - 2); // curvature 0.01 .. 10
        }
        var p32 = new Parameter(new float[n]);
        var p16 = new Parameter(new float[n]);
        var a32 = new Adam { LearningRate = 1e-2f };
        var a16 = new AdamBf16 { LearningRate = 1e-2f };
        var noise = new Random(5);
        for (int step = 0; step < 2000; step++)
        {
            for (int i = 0; i < n; i++)
            {
                float e = (float)(noise.NextDouble() - 0.5) * 0.1f;
                p32.Grad[i] = scale[i] * (p32.Value[i] - target[i]) + e;
                p16.Grad[i] = scale[i] * (p16.Value[i] - target[i]) + e;
            }
            a32.Step(p32);
            a16.Step(p16);
        }
        double loss32 = 0, loss16 = 0, gap = 0, norm = 0;
        for (int i = 0; i < n; i++)
        {
            loss32 += 0.5 * scale[i] * Math.Pow(p32.Value[i] - target[i], 2);
            loss16 += 0.5 * scale[i] * Math.Pow(p16.Value[i] - target[i], 2);
            gap += Math.Pow(p32.Value[i] - p16.Value[i], 2);
            norm += Math.Pow(p32.Value[i], 2);
        }
        Console.WriteLine($"final loss, fp32 moments: {loss32 / n:G6}");
        Console.WriteLine($"final loss, bf16 moments: {loss16 / n:G6}");
        Console.WriteLine($"relative gap of the weights ‖w16 − w32‖ / ‖w32‖: {Math.Sqrt(gap / norm):G4}");
    }
}
