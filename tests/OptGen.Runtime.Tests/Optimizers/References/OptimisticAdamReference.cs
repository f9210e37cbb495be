namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.optimistic_adam_v2 = chain(scale_by_adam(nesterov), scale_by_optimistic_gradient(alpha, beta),
/// scale_by_learning_rate). scale_by_adam with c = count + 1: mu ← b1 mu + (1 − b1) g, nu ← b2 nu + (1 − b2) g²;
/// mu_hat = b1 mu / (1 − b1^(c+1)) + (1 − b1) g / (1 − b1^c) with nesterov, else mu / (1 − b1^c);
/// nu_hat = nu / (1 − b2^c); r = mu_hat / (√(nu_hat + eps_root) + eps). The optimistic step is
/// (α + β) r − β r_prev, r_prev = r on the initial step; the state keeps r; w ← w − lr · step.
/// </summary>
public sealed class OptimisticAdamReference(OptimisticAdam o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _eps = F(o.Eps), _epsRoot = F(o.EpsRoot), _alpha = F(o.Alpha), _beta = F(o.Beta);
    private readonly bool _nesterov = o.Nesterov;
    private readonly double[] _mu = new double[length], _nu = new double[length], _previous = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        for (int i = 0; i < Length; i++)
        {
            _mu[i] = (1 - _b1) * grad[i] + _b1 * _mu[i];
            _nu[i] = (1 - _b2) * grad[i] * grad[i] + _b2 * _nu[i];
            double muHat = _nesterov
                ? _b1 * (_mu[i] / (1 - Math.Pow(_b1, t + 1))) + (1 - _b1) * (grad[i] / (1 - Math.Pow(_b1, t)))
                : _mu[i] / (1 - Math.Pow(_b1, t));
            double nuHat = _nu[i] / (1 - Math.Pow(_b2, t));
            double r = muHat / (Math.Sqrt(nuHat + _epsRoot) + _eps);
            double previous = t == 1 ? r : _previous[i];
            _previous[i] = r;
            w[i] -= lr * ((_alpha + _beta) * r - _beta * previous);
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _mu), ("v", _nu), ("previous", _previous)];
}
