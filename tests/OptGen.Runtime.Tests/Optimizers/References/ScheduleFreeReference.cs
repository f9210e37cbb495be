namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.schedule_free around a base step (<see cref="BaseUpdate"/>, the update before −rate). Its learning
/// rate, with warm-up, is lr · min(c, W) / W at count c (Optax's linear warm-up to the peak). The averaging reads it at
/// the outer count (t, starting at 1), the base step at the inner one (t − 1). Per step with y = w:
/// max_lr ← max(max_lr, rate(t)); weight = max_lr^p; S ← S + weight; ck = weight / S (0 when 0/0);
/// z_new = z − rate(t − 1) · update; x = (y − (1 − b1) z) / b1; x ← (1 − ck) x + ck z_new; y ← b1 x + (1 − b1) z_new.
/// </summary>
public abstract class ScheduleFreeReference(int length, double b1, double power, int warmup) : TensorReference(length)
{
    private double[]? _z;
    private double _maxLr, _weightSum;

    /// <summary>The base optimizer's update of element <paramref name="i"/> (its state moved), before the rate scales it.</summary>
    protected abstract double BaseUpdate(int i, double g, double y, long t);

    /// <summary>The evaluation weights x = (y − (1 − b1) z) / b1, as schedule_free_eval_params.</summary>
    public double[] EvaluationWeights(double[] y)
    {
        var x = new double[Length];
        for (int i = 0; i < Length; i++)
            x[i] = (y[i] - (1 - b1) * _z![i]) / b1;
        return x;
    }

    private double Rate(double lr, long count) => warmup > 0 ? lr * Math.Min(count, warmup) / warmup : lr;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        _z ??= (double[])w.Clone();
        _maxLr = Math.Max(_maxLr, Rate(lr, t));
        double weight = Math.Pow(_maxLr, power);
        _weightSum += weight;
        double ck = _weightSum == 0 ? 0 : weight / _weightSum;
        double stepLr = Rate(lr, t - 1);
        for (int i = 0; i < Length; i++)
        {
            double zNew = _z[i] - stepLr * BaseUpdate(i, grad[i], w[i], t);
            double x = (w[i] - (1 - b1) * _z[i]) / b1;
            x = (1 - ck) * x + ck * zNew;
            w[i] = b1 * x + (1 - b1) * zNew;
            _z[i] = zNew;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("z", _z!)];

    public override IEnumerable<(string Name, double Value)> Scalars => [("maxLr", _maxLr), ("weightSum", _weightSum)];
}
