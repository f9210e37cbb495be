using static OptGen.Runtime.Tests.References.Whole;

namespace OptGen.Runtime.Tests.References;

/// <summary>Reference for <see cref="TestKitchenSink"/>, one line per statement of its update.</summary>
public sealed class KitchenSinkReference(TestKitchenSink opt) : ReferenceOptimizer([("m", 0.1)], [("p", 1)])
{
    protected override void Update(double[][] grads, double lr)
    {
        double beta = opt.Beta, decay = opt.Decay, thr = opt.Thr, clip = opt.Clip, wd = opt.WeightDecay, eps = opt.Eps, t = T;
        for (int k = 0; k < W.Length; k++)
        {
            double[] w = W[k], m = Buffer("m", k), g0 = grads[k];
            int n = w.Length;
            ref double p = ref Scalar("p", k);
            p = p * beta * (1 - 0.5 * Math.Pow(0.96, t * decay));
            double[] big = New(n, i => Math.Abs(g0[i]) > thr && !(g0[i] > 0.9) ? Math.Sqrt(Math.Abs(g0[i])) : Math.Pow(Math.Abs(g0[i]) + 1, 1.5) - 1);
            double[] f = New(n, i => Math.Floor(g0[i] * 4) / 4 - -(g0[i] * g0[i]));
            double[] g = New(n, i => Clamp(g0[i], -clip, clip) + wd * w[i]);
            Assign(m, i => beta * m[i] + (1 - beta) * g[i]);
            double[] c = New(n, i => Math.Tanh(m[i]) * Math.Exp(-Math.Abs(w[i])) + 0.1 * Sign(g[i]) * Math.Log(1 + g[i] * g[i]) / Math.E
                + 0.01 * Math.Cos(w[i]) * Math.Sin(g[i] * Math.PI));
            double ma = MaxAbs(n, i => c[i]);
            double meanG = Mean(n, i => g[i]);
            double dev = Sum(n, i => Math.Abs(g[i] - meanG)) / n;
            double cov = Dot(n, i => g[i], i => w[i]) / n;
            double[] c0 = c;
            c = New(n, i => c0[i] / (ma + eps));
            double[] u = New(n, i => c[i] + 0.1 * Math.Min(big[i], 1) + 0.05 * Math.Max(f[i], -0.5) + dev - cov);
            double pNow = p;
            Assign(w, i => w[i] - lr * (1 - pNow) * Clamp(u[i], -3, 3));
        }
    }
}
