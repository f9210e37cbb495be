namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.adamaxw (optax/_src/alias.py): scale_by_adamax — mu = (1 − b1) g + b1 mu, nu = max(|g| + eps, b2 nu),
/// update mu / (1 − b1^t) / nu — then add_decayed_weights (+ λ w), then scale_by_learning_rate (−lr).
/// </summary>
public sealed class AdamaxWReference(AdamaxW o, int length) : TensorReference(length)
{
    private readonly double[] _mu = new double[length], _nu = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double b1 = F(o.Beta1), b2 = F(o.Beta2), eps = F(o.Eps), weightDecay = F(o.WeightDecay);
        for (int i = 0; i < Length; i++)
        {
            _mu[i] = (1 - b1) * grad[i] + b1 * _mu[i];
            _nu[i] = Math.Max(Math.Abs(grad[i]) + eps, b2 * _nu[i]);
            double update = _mu[i] / (1 - Math.Pow(b1, t)) / _nu[i] + weightDecay * w[i];
            w[i] += -lr * update;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _mu), ("u", _nu)];
}
