namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.acprop = chain(scale_by_acprop, add_decayed_weights, scale_by_learning_rate). scale_by_acprop, with
/// count the steps before this one: mu ← b1 mu + (1 − b1) g; the prediction error is g − mu_old (the state's mean,
/// before the update); nu ← b2 nu + (1 − b2) err² + eps_root; nu_hat is the OLD nu over 1 − b2^count, or 1 when
/// count is 0; u = g / (√nu_hat + eps); then u + λ w; w ← w − lr u.
/// </summary>
public sealed class AcPropReference(AcProp o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _eps = F(o.Eps), _epsRoot = F(o.EpsRoot), _weightDecay = F(o.WeightDecay);
    private readonly double[] _mu = new double[length], _nu = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        long count = t - 1;
        for (int i = 0; i < Length; i++)
        {
            double oldMu = _mu[i], oldNu = _nu[i];
            _mu[i] = (1 - _b1) * grad[i] + _b1 * oldMu;
            double error = grad[i] - oldMu;
            _nu[i] = (1 - _b2) * error * error + _b2 * oldNu + _epsRoot;
            double nuHat = count == 0 ? 1 : oldNu / (1 - Math.Pow(_b2, count));
            double update = grad[i] / (Math.Sqrt(nuHat) + _eps) + _weightDecay * w[i];
            w[i] -= lr * update;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _mu), ("s", _nu)];
}
