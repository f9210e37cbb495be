using static OptGen.Runtime.Tests.References.Whole;

namespace OptGen.Runtime.Tests.References;

/// <summary>Reference for <see cref="TestLamb"/>: the trust ratio uses the weights before the update.</summary>
public sealed class LambReference(TestLamb opt) : ReferenceOptimizer([("m", 0), ("v", 0)], [])
{
    protected override void Update(double[][] grads, double lr)
    {
        double b1 = opt.Beta1, b2 = opt.Beta2, eps = opt.Eps, wd = opt.WeightDecay, t = T;
        for (int k = 0; k < W.Length; k++)
        {
            double[] w = W[k], g = grads[k], m = Buffer("m", k), v = Buffer("v", k);
            int n = w.Length;
            Assign(m, i => b1 * m[i] + (1 - b1) * g[i]);
            Assign(v, i => b2 * v[i] + (1 - b2) * g[i] * g[i]);
            double[] u = New(n, i => (m[i] / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(b2, t))) + eps) + wd * w[i]);
            double wn = Norm(n, i => w[i]);
            double un = Norm(n, i => u[i]);
            double ratio = wn > 0 && un > 0 ? wn / un : 1;
            Assign(w, i => w[i] - lr * ratio * u[i]);
        }
    }
}
