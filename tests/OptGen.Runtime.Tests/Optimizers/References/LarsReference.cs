namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// Optax lars = chain(add_decayed_weights, scale_by_trust_ratio(trust_coefficient, eps), −lr, trace(momentum,
/// nesterov)): u = g + λ w; ratio = c ‖w‖ / (‖u‖ + ε) (1 if either norm is 0); u ← −lr · ratio · u;
/// trace = u + μ trace; w ← w + (nesterov ? u + μ trace : trace).
/// </summary>
public sealed class LarsReference(Lars o, int length) : TensorReference(length)
{
    private readonly double _momentum = F(o.Momentum), _weightDecay = F(o.WeightDecay), _trustCoefficient = F(o.TrustCoefficient), _eps = F(o.Eps);
    private readonly bool _nesterov = o.Nesterov;
    private readonly double[] _trace = new double[length], _update = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        for (int i = 0; i < Length; i++)
            _update[i] = grad[i] + _weightDecay * w[i];
        double paramNorm = LambReference.Norm(w), updateNorm = LambReference.Norm(_update);
        double ratio = paramNorm == 0 || updateNorm == 0 ? 1 : _trustCoefficient * paramNorm / (updateNorm + _eps);
        for (int i = 0; i < Length; i++)
        {
            double u = -lr * ratio * _update[i];
            _trace[i] = u + _momentum * _trace[i];
            w[i] += _nesterov ? u + _momentum * _trace[i] : _trace[i];
        }
    }

    /// <summary>Our <c>b</c> accumulates the step to subtract, so it is Optax's trace negated.</summary>
    public override IEnumerable<(string Name, double[] Values)> Buffers => [("b", Array.ConvertAll(_trace, x => -x))];
}
