namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.ademamix = chain(scale_by_ademamix, add_decayed_weights, scale_by_learning_rate):
/// m1 ← b1 m1 + (1 − b1) g (fast), m2 ← b3 m2 + (1 − b3) g (slow, never bias-corrected), ν ← b2 ν + (1 − b2) g²;
/// update = (m1 / (1 − b1^t) + α m2) / (√(ν / (1 − b2^t) + ε_root) + ε) + λ w; w ← w − lr · update.
/// </summary>
public sealed class AdEMAMixReference(AdEMAMix o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _b3 = F(o.Beta3), _alpha = F(o.Alpha), _eps = F(o.Eps), _epsRoot = F(o.EpsRoot), _weightDecay = F(o.WeightDecay);
    private readonly double[] _m1 = new double[length], _m2 = new double[length], _nu = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double bc1 = 1 - Math.Pow(_b1, t), bc2 = 1 - Math.Pow(_b2, t);
        for (int i = 0; i < Length; i++)
        {
            double g = grad[i];
            _m1[i] = (1 - _b1) * g + _b1 * _m1[i];
            _m2[i] = (1 - _b3) * g + _b3 * _m2[i];
            _nu[i] = (1 - _b2) * g * g + _b2 * _nu[i];
            double update = (_m1[i] / bc1 + _alpha * _m2[i]) / (Math.Sqrt(_nu[i] / bc2 + _epsRoot) + _eps) + _weightDecay * w[i];
            w[i] -= lr * update;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m1", _m1), ("m2", _m2), ("nu", _nu)];
}
