namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// Optax yogi (scale_by_yogi, eps_root = 0, initial_accumulator_value = 1e-6 for both moments):
/// m = β1 m + (1 − β1) g; v = v − (1 − β2) sign(v − g²) g²; m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t);
/// w ← w − lr · m̂ / (sqrt(v̂) + ε).
/// </summary>
public sealed class YogiReference : TensorReference
{
    private const double InitialAccumulatorValue = 1e-6;
    private readonly double _beta1, _beta2, _eps;
    private readonly double[] _mu, _nu;

    public YogiReference(Yogi o, int length) : base(length)
    {
        _beta1 = F(o.Beta1);
        _beta2 = F(o.Beta2);
        _eps = F(o.Eps);
        // Our state buffers are float32, so the 1e-6 they start at is the float nearest to 1e-6.
        _mu = Filled(length, (float)InitialAccumulatorValue);
        _nu = Filled(length, (float)InitialAccumulatorValue);
    }

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double bc1 = 1 - Math.Pow(_beta1, t), bc2 = 1 - Math.Pow(_beta2, t);
        for (int i = 0; i < Length; i++)
        {
            double g2 = grad[i] * grad[i];
            _mu[i] = (1 - _beta1) * grad[i] + _beta1 * _mu[i];
            _nu[i] = _nu[i] - (1 - _beta2) * Math.Sign(_nu[i] - g2) * g2;
            w[i] -= lr * (_mu[i] / bc1) / (Math.Sqrt(_nu[i] / bc2) + _eps);
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _mu), ("v", _nu)];
}
