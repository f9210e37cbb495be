using static OptGen.Runtime.Tests.References.Whole;

namespace OptGen.Runtime.Tests.References;

/// <summary>Reference for <see cref="TestSgd"/> (PyTorch's SGD: the first step sets the momentum buffer to g).</summary>
public sealed class SgdReference(TestSgd opt) : ReferenceOptimizer([("b", 0)], [])
{
    protected override void Update(double[][] grads, double lr)
    {
        double mu = opt.Momentum, dampening = opt.Dampening, wd = opt.WeightDecay;
        for (int k = 0; k < W.Length; k++)
        {
            double[] w = W[k], b = Buffer("b", k);
            double[] g = grads[k];
            int n = w.Length;
            g = New(n, i => g[i] + wd * w[i]);
            double[] g1 = g;
            if (T == 1)
                Assign(b, i => g1[i]);
            else
                Assign(b, i => mu * b[i] + (1 - dampening) * g1[i]);
            g = opt.Nesterov ? New(n, i => g1[i] + mu * b[i]) : New(n, i => b[i]);
            double[] g2 = g;
            Assign(w, i => w[i] - lr * g2[i]);
        }
    }
}
