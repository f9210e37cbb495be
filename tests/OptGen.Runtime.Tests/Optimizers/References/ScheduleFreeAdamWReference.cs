namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.schedule_free_adamw = schedule_free(chain(scale_by_rms(b2, eps outside the root, bias-corrected),
/// add_decayed_weights, scale_by_learning_rate), b1, weight_lr_power): the base update is
/// ν ← b2 ν + (1 − b2) g²; g / (√(ν / (1 − b2^t)) + ε) + λ y (<see cref="ScheduleFreeReference"/> does the rest).
/// </summary>
public sealed class ScheduleFreeAdamWReference(ScheduleFreeAdamW o, int length)
    : ScheduleFreeReference(length, o.Beta1, o.WeightLrPower, o.WarmupSteps)
{
    private readonly double _b2 = F(o.Beta2), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay);
    private readonly double[] _nu = new double[length];

    protected override double BaseUpdate(int i, double g, double y, long t)
    {
        _nu[i] = (1 - _b2) * g * g + _b2 * _nu[i];
        return g / (Math.Sqrt(_nu[i] / (1 - Math.Pow(_b2, t))) + _eps) + _weightDecay * y;
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [.. base.Buffers, ("nu", _nu)];
}
