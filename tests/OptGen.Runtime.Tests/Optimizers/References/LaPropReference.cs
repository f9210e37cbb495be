namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// timm LaProp. v ← β2 v + (1 − β2) g²; two running scalars, a1 ← β1 a1 + (1 − β1) lr and a2 ← β2 a2 + (1 − β2);
/// the RMS-normalised gradient g / (√(v / a2) + ε) is averaged into m ← β1 m + lr (1 − β1) · that; with caution, m
/// is multiplied by the mask [m g &gt; 0] / max(mean(mask), 1e-3) for this step only; w ← w − m / (a1 / lr)
/// (a1 / lr taken as 1 when lr = 0); then w ← w − lr λ w.
/// </summary>
public sealed class LaPropReference(LaProp o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay);
    private readonly bool _caution = o.Caution;
    private readonly double[] _m = new double[length], _v = new double[length];
    private double _lrAverage1, _lrAverage2;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        _lrAverage1 = _lrAverage1 * _b1 + (1 - _b1) * lr;
        _lrAverage2 = _lrAverage2 * _b2 + (1 - _b2);
        double biasCorrection1 = lr != 0 ? _lrAverage1 / lr : 1;
        for (int i = 0; i < Length; i++)
        {
            double g = grad[i];
            _v[i] = _v[i] * _b2 + (1 - _b2) * g * g;
            double normalised = g / (Math.Sqrt(_v[i] / _lrAverage2) + _eps);
            _m[i] = _m[i] * _b1 + lr * (1 - _b1) * normalised;
        }
        double[] step = _caution ? Caution.Mask(_m, grad) : _m;
        for (int i = 0; i < Length; i++)
        {
            w[i] -= step[i] / biasCorrection1;
            w[i] -= lr * _weightDecay * w[i];
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _m), ("v", _v)];

    public override IEnumerable<(string Name, double Value)> Scalars => [("lrAvg1", _lrAverage1), ("lrAvg2", _lrAverage2)];
}
