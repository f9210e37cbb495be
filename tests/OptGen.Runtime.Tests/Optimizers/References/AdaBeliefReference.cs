namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// Optax adabelief (scale_by_belief): m = β1 m + (1 − β1) g; s = β2 s + (1 − β2)(g − m)² + ε_root (with the new
/// m); u = m̂ / (sqrt(ŝ) + ε); plus decoupled decay λ w (add_decayed_weights, as optax.adamw); w ← w − lr · u.
/// </summary>
public sealed class AdaBeliefReference(AdaBelief o, int length) : TensorReference(length)
{
    private readonly double _beta1 = F(o.Beta1), _beta2 = F(o.Beta2), _eps = F(o.Eps), _epsRoot = F(o.EpsRoot), _weightDecay = F(o.WeightDecay);
    private readonly double[] _mu = new double[length], _nu = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double bc1 = 1 - Math.Pow(_beta1, t), bc2 = 1 - Math.Pow(_beta2, t);
        for (int i = 0; i < Length; i++)
        {
            _mu[i] = (1 - _beta1) * grad[i] + _beta1 * _mu[i];
            double predictionError = grad[i] - _mu[i];
            _nu[i] = (1 - _beta2) * predictionError * predictionError + _beta2 * _nu[i] + _epsRoot;
            double update = _mu[i] / bc1 / (Math.Sqrt(_nu[i] / bc2) + _eps) + _weightDecay * w[i];
            w[i] -= lr * update;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _mu), ("s", _nu)];
}
