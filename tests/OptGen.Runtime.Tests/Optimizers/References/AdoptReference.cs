namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.adopt (scale_by_adopt → scale_by_learning_rate). The step counter c starts at 0 (c = t − 1).
/// On the first call the decays are overridden: b2 → 0 (so ν becomes g²) and b1 → 1 (so μ stays 0), and the update
/// is μ = 0. Otherwise the gradient is normalised by the *previous* ν, u = g / max(√ν_old, ε), clipped to ±c^¼ when
/// clipping is on, μ ← b1 μ + (1 − b1) u, ν ← b2 ν + (1 − b2) g²; the update is μ (Nesterov: b1 μ + (1 − b1) u with
/// the new μ), and w ← w − lr · update.
/// </summary>
public sealed class AdoptReference(Adopt o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _eps = F(o.Eps);
    private readonly bool _nesterov = o.Nesterov, _clip = o.UseClipping;
    private readonly double[] _mu = new double[length], _nu = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        long count = t - 1;
        double b1 = count > 0 ? _b1 : 1, b2 = count > 0 ? _b2 : 0;
        double clipValue = Math.Pow(count, 0.25);
        for (int i = 0; i < Length; i++)
        {
            double u = grad[i] / Math.Max(Math.Sqrt(_nu[i]), _eps);
            if (_clip)
                u = Math.Clamp(u, -clipValue, clipValue);
            _nu[i] = (1 - b2) * grad[i] * grad[i] + b2 * _nu[i];
            // With b1 = 1 on the first call, (1 - b1) * u is 0 * u; an unclipped u = g / ε is finite, so μ stays 0.
            _mu[i] = (1 - b1) * u + b1 * _mu[i];
            double update = _nesterov ? (1 - b1) * u + b1 * _mu[i] : _mu[i];
            w[i] -= lr * update;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _mu), ("v", _nu)];
}
