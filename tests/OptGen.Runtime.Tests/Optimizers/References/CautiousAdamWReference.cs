namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// timm cadamw (AdamWLegacy with caution): g ← −g when maximising; w ← w (1 − lr λ); m ← β1 m + (1 − β1) g;
/// v ← β2 v + (1 − β2) g² (AMSGrad: v_max ← max(v_max, v) and the denominator uses v_max);
/// denom = √v / √(1 − β2^t) + ε; the step's momentum is m · [m g &gt; 0] / max(mean([m g &gt; 0]), 1e-3) (the stored m
/// is not masked); w ← w − lr / (1 − β1^t) · that / denom.
/// </summary>
public sealed class CautiousAdamWReference(CautiousAdamW o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay);
    private readonly bool _amsgrad = o.Amsgrad, _maximize = o.Maximize;
    private readonly double[] _m = new double[length], _v = new double[length], _vMax = new double[length], _g = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double stepSize = lr / (1 - Math.Pow(_b1, t));
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(_b2, t));
        for (int i = 0; i < Length; i++)
        {
            double g = _maximize ? -grad[i] : grad[i];
            _g[i] = g;
            w[i] *= 1 - lr * _weightDecay;
            _m[i] = _m[i] * _b1 + g * (1 - _b1);
            _v[i] = _v[i] * _b2 + (1 - _b2) * g * g;
            if (_amsgrad)
                _vMax[i] = Math.Max(_vMax[i], _v[i]);
        }
        double[] cautious = Caution.Mask(_m, _g);
        for (int i = 0; i < Length; i++)
        {
            double denom = Math.Sqrt(_amsgrad ? _vMax[i] : _v[i]) / biasCorrection2Sqrt + _eps;
            w[i] -= stepSize * cautious[i] / denom;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers
        => _amsgrad ? [("m", _m), ("v", _v), ("vmax", _vMax)] : [("m", _m), ("v", _v)];
}
