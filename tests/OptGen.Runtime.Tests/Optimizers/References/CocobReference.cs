namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.cocob = chain(add_decayed_weights, scale_by_learning_rate(lr, flip_sign=False), scale_by_cocob).
/// With c = lr (g + λ w): L ← max(L, |c|) (L starts at ε), G ← G + |c|, R ← max(R − c (w − w0), 0), C ← C − c; the
/// update is −w + w0 + C / (L · max(G + L, α L)) · (L + R), so the new weights are w0 + C / (…) · (L + R).
/// </summary>
public sealed class CocobReference(Cocob o, int length) : TensorReference(length)
{
    private readonly double _alpha = F(o.Alpha), _weightDecay = F(o.WeightDecay);
    private readonly double[] _scale = Filled(length, F(o.Eps)), _subgradients = new double[length], _reward = new double[length], _cumulative = new double[length];
    private double[]? _x0;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        _x0 ??= (double[])w.Clone();
        for (int i = 0; i < Length; i++)
        {
            double c = lr * (grad[i] + _weightDecay * w[i]);
            _scale[i] = Math.Max(_scale[i], Math.Abs(c));
            _subgradients[i] += Math.Abs(c);
            _reward[i] = Math.Max(_reward[i] - c * (w[i] - _x0[i]), 0);
            _cumulative[i] -= c;
            double l = _scale[i];
            w[i] = _x0[i] + _cumulative[i] / (l * Math.Max(_subgradients[i] + l, _alpha * l)) * (l + _reward[i]);
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers =>
    [
        ("x0", _x0!), ("cumulativeGradients", _cumulative), ("scale", _scale), ("subgradients", _subgradients), ("reward", _reward),
    ];
}
