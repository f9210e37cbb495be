namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.schedule_free_adamw = schedule_free(chain(scale_by_rms(b2, eps outside the root, bias-corrected),
/// add_decayed_weights, scale_by_learning_rate), b1, weight_lr_power). Its learning rate, with warm-up, is
/// lr · min(c, W) / W at count c (Optax's linear warm-up to the peak). The averaging reads it at the outer count
/// (t, starting at 1), the AdamW step at the inner one (t − 1). Per step with y = w:
/// max_lr ← max(max_lr, rate(t)); weight = max_lr^p; S ← S + weight; ck = weight / S (0 when 0/0);
/// ν ← b2 ν + (1 − b2) g²; z_new = z − rate(t − 1) (g / (√(ν / (1 − b2^t)) + ε) + λ y);
/// x = (y − (1 − b1) z) / b1; x ← (1 − ck) x + ck z_new; y ← b1 x + (1 − b1) z_new.
/// </summary>
public sealed class ScheduleFreeAdamWReference(ScheduleFreeAdamW o, int length) : TensorReference(length)
{
    private readonly double _b1 = F(o.Beta1), _b2 = F(o.Beta2), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay), _power = F(o.WeightLrPower);
    private readonly int _warmup = o.WarmupSteps;
    private readonly double[] _nu = new double[length];
    private double[]? _z;
    private double _maxLr, _weightSum;

    /// <summary>The evaluation weights x = (y − (1 − b1) z) / b1, as schedule_free_eval_params.</summary>
    public double[] EvaluationWeights(double[] y)
    {
        var x = new double[Length];
        for (int i = 0; i < Length; i++)
            x[i] = (y[i] - (1 - _b1) * _z![i]) / _b1;
        return x;
    }

    private double Rate(double lr, long count) => _warmup > 0 ? lr * Math.Min(count, _warmup) / _warmup : lr;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        _z ??= (double[])w.Clone();
        _maxLr = Math.Max(_maxLr, Rate(lr, t));
        double weight = Math.Pow(_maxLr, _power);
        _weightSum += weight;
        double ck = _weightSum == 0 ? 0 : weight / _weightSum;
        double stepLr = Rate(lr, t - 1);
        double biasCorrection = 1 - Math.Pow(_b2, t);
        for (int i = 0; i < Length; i++)
        {
            double g = grad[i];
            _nu[i] = (1 - _b2) * g * g + _b2 * _nu[i];
            double update = g / (Math.Sqrt(_nu[i] / biasCorrection) + _eps) + _weightDecay * w[i];
            double zNew = _z[i] - stepLr * update;
            double x = (w[i] - (1 - _b1) * _z[i]) / _b1;
            x = (1 - ck) * x + ck * zNew;
            w[i] = _b1 * x + (1 - _b1) * zNew;
            _z[i] = zNew;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("z", _z!), ("nu", _nu)];

    public override IEnumerable<(string Name, double Value)> Scalars => [("maxLr", _maxLr), ("weightSum", _weightSum)];
}
