namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// timm NvNovoGrad.step, per tensor: norm = Σ g²; exp_avg_sq (a scalar) copies norm while it is 0, else
/// β2 exp_avg_sq + (1 − β2) norm; with amsgrad max_exp_avg_sq = max(max_exp_avg_sq, exp_avg_sq) is the denominator's;
/// grad /= √(…) + eps; grad += λ p; with grad_averaging grad *= 1 − β1; exp_avg = β1 exp_avg + grad; p −= lr exp_avg.
/// </summary>
public sealed class NvNovoGradReference(NvNovoGrad o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay);
    private readonly bool _amsgrad = o.Amsgrad, _averaging = o.GradAveraging;
    private readonly double[] _expAvg = new double[length];
    private double _expAvgSq, _maxExpAvgSq;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double norm = 0;
        foreach (double g in grad)
            norm += g * g;
        _expAvgSq = _expAvgSq == 0 ? norm : _expAvgSq * _b2 + norm * (1 - _b2);
        double denom;
        if (_amsgrad)
        {
            _maxExpAvgSq = Math.Max(_maxExpAvgSq, _expAvgSq);
            denom = Math.Sqrt(_maxExpAvgSq) + _eps;
        }
        else
        {
            denom = Math.Sqrt(_expAvgSq) + _eps;
        }
        for (int i = 0; i < Length; i++)
        {
            double g = grad[i] / denom;
            if (_weightDecay != 0)
                g += _weightDecay * w[i];
            if (_averaging)
                g *= 1 - _b1;
            _expAvg[i] = _expAvg[i] * _b1 + g;
            w[i] -= lr * _expAvg[i];
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _expAvg)];

    public override IEnumerable<(string Name, double Value)> Scalars
        => _amsgrad ? [("v", _expAvgSq), ("vmax", _maxExpAvgSq)] : [("v", _expAvgSq)];
}
