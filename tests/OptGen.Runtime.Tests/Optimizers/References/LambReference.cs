namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// Optax lamb = chain(scale_by_adam(eps_root = 0), add_decayed_weights, scale_by_trust_ratio(), −lr):
/// u = m̂ / (sqrt(v̂) + ε) + λ w; ratio = ‖w‖ / ‖u‖ (1 if either norm is 0); w ← w − lr · ratio · u.
/// </summary>
public sealed class LambReference(Lamb o, int length) : TensorReference(length)
{
    private readonly double _beta1 = F(o.Beta1), _beta2 = F(o.Beta2), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay);
    private readonly double[] _mu = new double[length], _nu = new double[length], _update = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double bc1 = 1 - Math.Pow(_beta1, t), bc2 = 1 - Math.Pow(_beta2, t);
        for (int i = 0; i < Length; i++)
        {
            _mu[i] = (1 - _beta1) * grad[i] + _beta1 * _mu[i];
            _nu[i] = (1 - _beta2) * grad[i] * grad[i] + _beta2 * _nu[i];
            _update[i] = _mu[i] / bc1 / (Math.Sqrt(_nu[i] / bc2) + _eps) + _weightDecay * w[i];
        }
        double paramNorm = Norm(w), updateNorm = Norm(_update);
        double ratio = paramNorm == 0 || updateNorm == 0 ? 1 : paramNorm / updateNorm;
        for (int i = 0; i < Length; i++)
            w[i] -= lr * ratio * _update[i];
    }

    internal static double Norm(double[] x)
    {
        double s = 0;
        foreach (double v in x)
            s += v * v;
        return Math.Sqrt(s);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _mu), ("v", _nu)];
}
