using static OptGen.Runtime.Tests.References.Whole;

namespace OptGen.Runtime.Tests.References;

/// <summary>Reference for <see cref="TestPowers"/>: Math.Pow's meaning (negative bases allowed with integer exponents; NaN otherwise).</summary>
public sealed class PowersReference() : ReferenceOptimizer([], [])
{
    protected override void Update(double[][] grads, double lr)
    {
        double t = T;
        for (int k = 0; k < W.Length; k++)
        {
            double[] w = W[k], g = grads[k];
            int n = w.Length;
            double[] a = New(n, i => Math.Pow(g[i], 2) - Math.Pow(g[i], 3) + Math.Pow(g[i], t) + Math.Pow(w[i], 5) / 10);
            double[] b = New(n, i => Math.Pow(Math.Abs(g[i]) + 0.5, -1.5) + Math.Pow(g[i] - 0.2, 1.5) + Math.Pow(g[i], 0) + Math.Pow(g[i], 2.5));
            Assign(w, i => w[i] - lr * (a[i] + (b[i] == b[i] ? b[i] : 7)));
        }
    }
}
