using static OptGen.Runtime.Tests.References.Whole;

namespace OptGen.Runtime.Tests.References;

/// <summary>Reference for <see cref="TestClippedSgd"/>: one norm over every tensor of the step.</summary>
public sealed class ClippedSgdReference(TestClippedSgd opt) : ReferenceOptimizer([], [])
{
    protected override void Update(double[][] grads, double lr)
    {
        double sumOfSquares = 0;
        for (int k = 0; k < W.Length; k++)
        {
            double[] g0 = grads[k];
            sumOfSquares += Sum(g0.Length, i => g0[i] * g0[i]);
        }
        double gn = Math.Sqrt(sumOfSquares);
        double scale = Math.Min(1, opt.MaxNorm / (gn + 1e-6));
        for (int k = 0; k < W.Length; k++)
        {
            double[] w = W[k], g0 = grads[k];
            double[] g = New(w.Length, i => g0[i] * scale);
            Assign(w, i => w[i] - lr * g[i]);
        }
    }
}
