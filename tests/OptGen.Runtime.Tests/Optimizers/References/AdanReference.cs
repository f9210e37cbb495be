namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.adan = chain(scale_by_adan, add_decayed_weights, scale_by_learning_rate). diff = g − g_prev (0 on the
/// first step); m ← b1 m + (1 − b1) g; v ← b2 v + (1 − b2) diff; n ← b3 n + (1 − b3)(g + (1 − b2) diff)²;
/// each is bias-corrected with its own decay; update = (m̂ + (1 − b2) v̂) / (√(n̂ + ε_root) + ε) + λ w;
/// w ← w − lr · update; g_prev ← g.
/// </summary>
public sealed class AdanReference(Adan o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _b3 = F(o.Beta3), _eps = F(o.Eps), _epsRoot = F(o.EpsRoot), _weightDecay = F(o.WeightDecay);
    private readonly double[] _m = new double[length], _v = new double[length], _n = new double[length], _prev = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double bc1 = 1 - Math.Pow(_b1, t), bc2 = 1 - Math.Pow(_b2, t), bc3 = 1 - Math.Pow(_b3, t);
        for (int i = 0; i < Length; i++)
        {
            double g = grad[i];
            double diff = t == 1 ? 0 : g - _prev[i];
            _m[i] = (1 - _b1) * g + _b1 * _m[i];
            _v[i] = (1 - _b2) * diff + _b2 * _v[i];
            double sq = g + (1 - _b2) * diff;
            _n[i] = (1 - _b3) * sq * sq + _b3 * _n[i];
            double update = (_m[i] / bc1 + (1 - _b2) * (_v[i] / bc2)) / (Math.Sqrt(_n[i] / bc3 + _epsRoot) + _eps);
            w[i] -= lr * (update + _weightDecay * w[i]);
            _prev[i] = g;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _m), ("v", _v), ("nu", _n), ("gPrev", _prev)];
}
