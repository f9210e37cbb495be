namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.momo_adam over the whole parameter tree; value is the loss the caller passes
/// (<see cref="StepReference.Loss"/>). State: exp_avg, exp_avg_sq (zeros), barf = gamma = 0, lb = lower_bound. Per step,
/// c = count + 1: barf ← b1 barf + (1 − b1) value; exp_avg ← b1 exp_avg + (1 − b1) g; exp_avg_sq ← b2 exp_avg_sq +
/// (1 − b2) g²; bc2 = 1 − b2^c; precond = eps + √(exp_avg_sq / bc2); norm = ⟨exp_avg, exp_avg / precond⟩;
/// gamma ← b1 gamma + (1 − b1) ⟨g, p⟩; iprod = ⟨exp_avg, p⟩; α = lr; bc1 = 1 − b1^c; with adapt_lower_bound,
/// cap = (1 + αλ)(barf − gamma) + iprod and this_lb = max(cap / (2 bc1 (1 + αλ)), lower_bound) when
/// cap &lt; (1 + αλ) bc1 lb, else lb; t1 = max((1 + αλ)(barf − bc1 this_lb − gamma) + iprod, 0) / norm, 0 when
/// norm ≤ float64 ε; τ = min(α / bc1, t1); p ← p − αλ / (1 + αλ) p − τ exp_avg / precond; with adapt_lower_bound,
/// lb ← max(((barf + iprod − gamma) − τ norm / 2) / bc1, lower_bound).
/// </summary>
public sealed class MomoAdamReference : StepReference
{
    private readonly double _b1, _b2, _eps, _lowerBound, _weightDecay;
    private readonly bool _adapt;
    private readonly double[][] _expAvg, _expAvgSq;
    private double _barf, _gamma, _lb;

    public MomoAdamReference(MomoAdam o, int[] lengths)
    {
        _b1 = F(o.Beta1);
        _b2 = F(o.Beta2);
        _eps = F(o.Eps);
        _lowerBound = o.LowerBound;
        _weightDecay = F(o.WeightDecay);
        _adapt = o.AdaptLowerBound;
        _lb = _lowerBound;
        _expAvg = Array.ConvertAll(lengths, n => new double[n]);
        _expAvgSq = Array.ConvertAll(lengths, n => new double[n]);
    }

    public override void Step(double[][] w, double[][] grad, long t, double lr)
    {
        _barf = _b1 * _barf + (1 - _b1) * Loss;
        for (int k = 0; k < w.Length; k++)
        {
            for (int i = 0; i < w[k].Length; i++)
            {
                _expAvg[k][i] = _b1 * _expAvg[k][i] + (1 - _b1) * grad[k][i];
                _expAvgSq[k][i] = _b2 * _expAvgSq[k][i] + (1 - _b2) * grad[k][i] * grad[k][i];
            }
        }
        double bc2 = 1 - Math.Pow(_b2, t);
        double[][] precond = Array.ConvertAll(_expAvgSq, v => Array.ConvertAll(v, x => _eps + Math.Sqrt(x / bc2)));
        double norm = SumOver(w, (k, i) => _expAvg[k][i] * (_expAvg[k][i] / precond[k][i]));
        _gamma = _b1 * _gamma + (1 - _b1) * SumOver(w, (k, i) => grad[k][i] * w[k][i]);
        double iprod = SumOver(w, (k, i) => _expAvg[k][i] * w[k][i]);
        double alpha = lr, bc1 = 1 - Math.Pow(_b1, t), shrink = 1 + alpha * _weightDecay;
        double thisLb = _lb;
        if (_adapt)
        {
            double cap = shrink * (_barf - _gamma) + iprod;
            if (cap < shrink * bc1 * _lb)
                thisLb = Math.Max(cap / (2 * bc1 * shrink), _lowerBound);
        }
        double t1 = Math.Max(shrink * (_barf - bc1 * thisLb - _gamma) + iprod, 0.0) / norm;
        if (norm <= MachineEpsilon)
            t1 = 0;
        double tau = Math.Min(alpha / bc1, t1);
        for (int k = 0; k < w.Length; k++)
            for (int i = 0; i < w[k].Length; i++)
                w[k][i] += -(alpha * _weightDecay) / shrink * w[k][i] - tau * _expAvg[k][i] / precond[k][i];
        if (_adapt)
            _lb = Math.Max(((_barf + iprod - _gamma) - 0.5 * tau * norm) / bc1, _lowerBound);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers(int k) => [("m", _expAvg[k]), ("v", _expAvgSq[k])];

    public override IEnumerable<(string Name, double Value)> Scalars(int k) => [("fbar", _barf), ("gamma", _gamma), ("lb", _lb)];
}
