using static OptGen.Runtime.Tests.References.Whole;

namespace OptGen.Runtime.Tests.References;

/// <summary>Reference for <see cref="TestAdam"/>.</summary>
public sealed class AdamReference(TestAdam opt) : ReferenceOptimizer([("m", 0), ("v", 0)], [])
{
    protected override void Update(double[][] grads, double lr)
    {
        double b1 = opt.Beta1, b2 = opt.Beta2, eps = opt.Eps, t = T;
        for (int k = 0; k < W.Length; k++)
        {
            double[] w = W[k], g = grads[k], m = Buffer("m", k), v = Buffer("v", k);
            Assign(m, i => b1 * m[i] + (1 - b1) * g[i]);
            Assign(v, i => b2 * v[i] + (1 - b2) * g[i] * g[i]);
            Assign(w, i => w[i] - lr * (m[i] / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(b2, t))) + eps));
        }
    }
}
