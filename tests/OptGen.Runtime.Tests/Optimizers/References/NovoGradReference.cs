namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.novograd = chain(scale_by_novograd, scale_by_learning_rate). Per tensor, ν (a scalar) is ‖g‖² on the
/// first step and b2 ν + (1 − b2) ‖g‖² after; the per-element term is a = g / (√(ν + ε_root) + ε) + λ w; μ = a on the
/// first step and b1 μ + a after; w ← w − lr μ.
/// </summary>
public sealed class NovoGradReference(NovoGrad o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _eps = F(o.Eps), _epsRoot = F(o.EpsRoot), _weightDecay = F(o.WeightDecay);
    private readonly double[] _mu = new double[length];
    private double _nu;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double squaredNorm = 0;
        foreach (double g in grad)
            squaredNorm += g * g;
        _nu = t == 1 ? squaredNorm : (1 - _b2) * squaredNorm + _b2 * _nu;
        double denom = Math.Sqrt(_nu + _epsRoot) + _eps;
        for (int i = 0; i < Length; i++)
        {
            double a = grad[i] / denom + _weightDecay * w[i];
            _mu[i] = t == 1 ? a : _b1 * _mu[i] + a;
            w[i] -= lr * _mu[i];
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _mu)];

    public override IEnumerable<(string Name, double Value)> Scalars => [("nu", _nu)];
}
