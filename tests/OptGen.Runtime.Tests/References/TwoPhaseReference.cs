using static OptGen.Runtime.Tests.References.Whole;

namespace OptGen.Runtime.Tests.References;

/// <summary>Reference for <see cref="TestTwoPhase"/>.</summary>
public sealed class TwoPhaseReference(TestTwoPhase opt) : ReferenceOptimizer([], [("p", 1)])
{
    protected override void Update(double[][] grads, double lr)
    {
        int count = W.Length;
        var nw = new double[count];
        var c = new double[count][];
        for (int k = 0; k < count; k++)
        {
            double[] w = W[k], g = grads[k];
            Scalar("p", k) *= opt.Decay;
            nw[k] = Norm(w.Length, i => w[i]);
            double nwk = nw[k];
            c[k] = New(w.Length, i => g[i] * nwk);
        }
        double gm = 0, gs = 0;
        for (int k = 0; k < count; k++)
        {
            double[] ck = c[k], g = grads[k];
            gm = Math.Max(gm, MaxAbs(ck.Length, i => ck[i]));
            gs += Sum(g.Length, i => g[i] * g[i]);
        }
        for (int k = 0; k < count; k++)
        {
            double[] w = W[k], ck = c[k];
            double p = Scalar("p", k), nwk = nw[k];
            Assign(w, i => w[i] - lr * (1 - p) * (ck[i] / (gm + 1e-6) + gs / (1 + gs) * Sign(w[i]) * nwk / (1 + nwk)));
        }
    }
}
