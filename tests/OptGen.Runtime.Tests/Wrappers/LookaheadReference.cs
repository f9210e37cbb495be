namespace OptGen.Runtime.Tests.Wrappers;

/// <summary>
/// timm's <c>Lookahead.step</c>, written plainly in float64 over a plain inner update: the inner step, then
/// <c>lookahead_step += 1</c>, and when it is a multiple of k, <c>slow += alpha * (fast - slow); fast = slow</c>. The slow
/// weights start as the initial weights (the paper and optax; timm copies them lazily at the first synchronisation).
/// </summary>
internal sealed class LookaheadReference(Func<int, LookaheadReference.InnerStep> inner, int k, double alpha)
{
    /// <summary>One inner update of a tensor's weights <c>w</c> with gradients <c>g</c> at inner step <c>t</c> (1-based).</summary>
    public delegate void InnerStep(double[] w, double[] g, int t);

    public double[][] Fast { get; } = Initial();

    public double[][] Slow { get; } = Initial();

    private readonly InnerStep[] _inner = Array.ConvertAll(LookaheadFixture.Layout, _ => (InnerStep)null!);
    private int _step;

    public void Run(int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            _step++;
            for (int t = 0; t < Fast.Length; t++)
            {
                _inner[t] ??= inner(Fast[t].Length);
                var g = new double[Fast[t].Length];
                for (int i = 0; i < g.Length; i++)
                    g[i] = LookaheadFixture.Gradient(_step - 1, t, i, Fast[t][i]);
                _inner[t](Fast[t], g, _step);
            }
            if (_step % k != 0)
                continue;
            for (int t = 0; t < Fast.Length; t++)
            {
                for (int i = 0; i < Fast[t].Length; i++)
                {
                    Slow[t][i] += alpha * (Fast[t][i] - Slow[t][i]);
                    Fast[t][i] = Slow[t][i];
                }
            }
        }
    }

    /// <summary>torch.optim.SGD with momentum and weight decay (dampening 0).</summary>
    public static Func<int, InnerStep> Sgd(double lr, double momentum, double weightDecay) => length =>
    {
        var buf = new double[length];
        return (w, g, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                double d = g[i] + weightDecay * w[i];
                buf[i] = t == 1 ? d : momentum * buf[i] + d;
                w[i] -= lr * buf[i];
            }
        };
    };

    /// <summary>torch.optim.AdamW (no amsgrad).</summary>
    public static Func<int, InnerStep> AdamW(double lr, double beta1, double beta2, double eps, double weightDecay) => length =>
    {
        var m = new double[length];
        var v = new double[length];
        return (w, g, t) =>
        {
            double bias1 = 1 - Math.Pow(beta1, t), bias2 = 1 - Math.Pow(beta2, t);
            for (int i = 0; i < w.Length; i++)
            {
                w[i] *= 1 - lr * weightDecay;
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                w[i] -= lr / bias1 * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(bias2) + eps);
            }
        };
    };

    private static double[][] Initial()
    {
        var tensors = new double[LookaheadFixture.Layout.Length][];
        for (int t = 0; t < tensors.Length; t++)
        {
            int length = 1;
            foreach (int d in LookaheadFixture.Layout[t].Shape)
                length *= d;
            tensors[t] = new double[length];
            for (int i = 0; i < length; i++)
                tensors[t][i] = LookaheadFixture.InitialValue(t, i);
        }
        return tensors;
    }
}
