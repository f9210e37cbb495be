namespace OptGen.Runtime.Tests.Schedules;

public enum Rule { Momentum, Adam, Rms }

/// <summary>
/// A plain float64 model of transforms + update, written from the comment in TransformAttributes.cs: skip, accumulate,
/// clip value, clip global norm, L2, decoupled decay, the update, clip weights, weight EMA.
/// </summary>
internal sealed class TransformReference(Rule rule, double[][] w0)
{
    public double Lr { get; init; } = 0.01;
    public Func<long, double, double>? Schedule { get; init; }
    public bool Skip { get; init; }
    public int Accumulate { get; init; } = 1;
    public double? ClipValue { get; init; }
    public double? MaxNorm { get; init; }
    public bool PerTensorNorm { get; init; } // deliberately wrong variant: tests show the real one is global
    public double? L2 { get; init; }
    public double? Decay { get; init; }
    public double? WeightClip { get; init; }
    public double? EmaDecay { get; init; }

    public double[][] W { get; } = w0.Select(a => (double[])a.Clone()).ToArray();
    public double[][] Ema { get; } = w0.Select(a => new double[a.Length]).ToArray();
    private readonly double[][] _b = w0.Select(a => new double[a.Length]).ToArray();
    private readonly double[][] _v = w0.Select(a => new double[a.Length]).ToArray();
    private readonly double[][] _acc = w0.Select(a => new double[a.Length]).ToArray();
    public long StepCount { get; private set; }
    public long Skipped { get; private set; }
    public bool LastStepClippedNorm { get; private set; }
    private int _micro;

    public void Step(float[][] grads)
    {
        double[][] g = grads.Select(a => a.Select(x => (double)x).ToArray()).ToArray();
        if (Skip && g.Any(a => a.Any(x => !double.IsFinite(x))))
        {
            Skipped++;
            return;
        }
        if (Accumulate > 1)
        {
            if (_micro + 1 < Accumulate)
            {
                ForEach((k, i) => _acc[k][i] += g[k][i]);
                _micro++;
                return;
            }
            ForEach((k, i) => { g[k][i] = (_acc[k][i] + g[k][i]) / Accumulate; _acc[k][i] = 0; });
            _micro = 0;
        }
        long t = StepCount + 1;
        double lr = Schedule?.Invoke(t - 1, Lr) ?? Lr;
        if (ClipValue is double c)
            ForEach((k, i) => g[k][i] = Math.Clamp(g[k][i], -c, c));
        if (MaxNorm is double max)
        {
            double global = Math.Sqrt(g.Sum(a => a.Sum(x => x * x)));
            LastStepClippedNorm = global > max;
            for (int k = 0; k < g.Length; k++)
            {
                double norm = PerTensorNorm ? Math.Sqrt(g[k].Sum(x => x * x)) : global;
                double scale = Math.Min(1, max / (norm + 1e-6));
                for (int i = 0; i < g[k].Length; i++)
                    g[k][i] *= scale;
            }
        }
        if (L2 is double l2)
            ForEach((k, i) => g[k][i] += l2 * W[k][i]);
        if (Decay is double decay)
            ForEach((k, i) => W[k][i] *= 1 - lr * decay);
        for (int k = 0; k < g.Length; k++)
            Update(k, g[k], t, lr);
        if (WeightClip is double wc)
            ForEach((k, i) => W[k][i] = Math.Clamp(W[k][i], -wc, wc));
        if (EmaDecay is double d)
            ForEach((k, i) => Ema[k][i] = t == 1 ? W[k][i] : d * Ema[k][i] + (1 - d) * W[k][i]);
        StepCount++;
    }

    private void Update(int k, double[] g, long t, double lr)
    {
        double[] w = W[k], b = _b[k], v = _v[k];
        double rms = Math.Sqrt(g.Average(x => x * x) + 0.01);
        for (int i = 0; i < w.Length; i++)
        {
            switch (rule)
            {
                case Rule.Momentum:
                    b[i] = t == 1 ? g[i] : 0.9 * b[i] + g[i];
                    w[i] -= lr * b[i];
                    break;
                case Rule.Adam:
                    b[i] = 0.9 * b[i] + 0.1 * g[i];
                    v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                    w[i] -= lr / (1 - Math.Pow(0.9, t)) * b[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999, t)) + 1e-8);
                    break;
                default:
                    w[i] -= lr * g[i] / rms;
                    break;
            }
        }
    }

    private void ForEach(Action<int, int> f)
    {
        for (int k = 0; k < W.Length; k++)
            for (int i = 0; i < W[k].Length; i++)
                f(k, i);
    }
}

/// <summary>Deterministic test data: weights of either sign away from 0, gradients whose size varies by step.</summary>
internal static class Data
{
    public static readonly int[] Sizes = [1, 37, 70];

    public static float[][] Weights(int seed = 1)
    {
        var rng = new Random(seed);
        return Sizes.Select(n => Enumerable.Range(0, n).Select(_ => (float)((rng.Next(2) * 2 - 1) * (0.3 + 0.7 * rng.NextDouble()))).ToArray()).ToArray();
    }

    /// <summary>Step s: amplitude 0.02, 0.1, 0.3 or 0.6 (global norm about 0.1 to 4), per-tensor scales differ.</summary>
    public static float[][] Grads(int s) =>
        Sizes.Select((n, k) => Enumerable.Range(0, n)
            .Select(i => (float)(new[] { 0.02, 0.1, 0.3, 0.6 }[s % 4] * (1 + k) / 3 * Math.Sin(1.3 * i + 0.7 * s + k))).ToArray()).ToArray();

    public static Parameter[] Parameters(float[][] w) => w.Select(a => new Parameter((float[])a.Clone())).ToArray();

    public static double[][] ToDouble(float[][] w) => w.Select(a => a.Select(x => (double)x).ToArray()).ToArray();

    public static void SetGrads(Parameter[] ps, float[][] g)
    {
        for (int k = 0; k < ps.Length; k++)
            g[k].CopyTo(ps[k].Grad);
    }
}
