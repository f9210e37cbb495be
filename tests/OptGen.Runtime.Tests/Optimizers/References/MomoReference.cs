namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.momo over the whole parameter tree; value is the loss the caller passes (<see cref="StepReference.Loss"/>).
/// State: exp_avg (zeros), barf = gamma = 0, lb = lower_bound. Per step, count the steps before: bt = 0 when count is 0,
/// else β; barf ← bt barf + (1 − bt) value; exp_avg ← bt exp_avg + (1 − bt) g; gamma ← bt gamma + (1 − bt) ⟨g, p⟩;
/// norm = ‖exp_avg‖²; iprod = ⟨exp_avg, p⟩; α = lr; with adapt_lower_bound, cap = (1 + αλ)(barf − gamma) + iprod and
/// this_lb = max(cap / (2 (1 + αλ)), lower_bound) when cap &lt; (1 + αλ) lb, else lb; t1 = max((1 + αλ)(barf − this_lb −
/// gamma) + iprod, 0) / norm, 0 when norm ≤ float64 ε; τ = min(α, t1); p ← p − αλ / (1 + αλ) p − τ exp_avg; with
/// adapt_lower_bound, lb ← max(barf + iprod − gamma − τ norm / 2, lower_bound).
/// </summary>
public sealed class MomoReference : StepReference
{
    private readonly double _beta, _lowerBound, _weightDecay;
    private readonly bool _adapt;
    private readonly double[][] _expAvg;
    private double _barf, _gamma, _lb;

    public MomoReference(Momo o, int[] lengths)
    {
        _beta = F(o.Beta);
        _lowerBound = o.LowerBound;
        _weightDecay = F(o.WeightDecay);
        _adapt = o.AdaptLowerBound;
        _lb = _lowerBound;
        _expAvg = Array.ConvertAll(lengths, n => new double[n]);
    }

    public override void Step(double[][] w, double[][] grad, long t, double lr)
    {
        double bt = t == 1 ? 0.0 : _beta;
        _barf = bt * _barf + (1 - bt) * Loss;
        for (int k = 0; k < w.Length; k++)
            for (int i = 0; i < w[k].Length; i++)
                _expAvg[k][i] = bt * _expAvg[k][i] + (1 - bt) * grad[k][i];
        _gamma = bt * _gamma + (1 - bt) * SumOver(w, (k, i) => grad[k][i] * w[k][i]);
        double norm = SquaredNorm(_expAvg);
        double iprod = SumOver(w, (k, i) => _expAvg[k][i] * w[k][i]);
        double alpha = lr, shrink = 1 + alpha * _weightDecay;
        double thisLb = _lb;
        if (_adapt)
        {
            double cap = shrink * (_barf - _gamma) + iprod;
            if (cap < shrink * _lb)
                thisLb = Math.Max(cap / (2 * shrink), _lowerBound);
        }
        double t1 = Math.Max(shrink * (_barf - thisLb - _gamma) + iprod, 0.0) / norm;
        if (norm <= MachineEpsilon)
            t1 = 0;
        double tau = Math.Min(alpha, t1);
        for (int k = 0; k < w.Length; k++)
            for (int i = 0; i < w[k].Length; i++)
                w[k][i] += -(alpha * _weightDecay) / shrink * w[k][i] - tau * _expAvg[k][i];
        if (_adapt)
            _lb = Math.Max(_barf + iprod - _gamma - 0.5 * tau * norm, _lowerBound);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers(int k) => [("m", _expAvg[k])];

    public override IEnumerable<(string Name, double Value)> Scalars(int k) => [("fbar", _barf), ("gamma", _gamma), ("lb", _lb)];
}
