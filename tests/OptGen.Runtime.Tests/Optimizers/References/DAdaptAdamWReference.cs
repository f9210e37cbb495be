namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.dadapt_adamw over the whole parameter tree. State: exp_avg, exp_avg_sq, grad_sum (zeros), estim_lr
/// (starts at estim_lr0), numerator_weighted (0). Per step, count the steps before: sb2 = √β2;
/// bc = √(1 − β2^(count+1)) / (1 − β1^(count+1)); dlr = estim_lr · lr · bc; numerator_acum = Σ g · grad_sum /
/// (√exp_avg_sq + eps) with the OLD grad_sum and exp_avg_sq; exp_avg ← β1 exp_avg + (1 − β1) dlr g;
/// exp_avg_sq ← β2 exp_avg_sq + (1 − β2) g²; grad_sum ← sb2 grad_sum + (1 − sb2) dlr g;
/// numerator_weighted ← sb2 numerator_weighted + (1 − sb2) dlr numerator_acum;
/// estim_lr ← max(estim_lr, numerator_weighted / ((1 − sb2) Σ|grad_sum|)); the update is
/// −λ dlr p − exp_avg / (√exp_avg_sq + eps) (with this step's dlr, the old estimate).
/// </summary>
public sealed class DAdaptAdamWReference : StepReference
{
    private readonly double _b1, _b2, _eps, _weightDecay;
    private readonly double[][] _expAvg, _expAvgSq, _gradSum;
    private double _estimLr, _numeratorWeighted;

    public DAdaptAdamWReference(DAdaptAdamW o, int[] lengths)
    {
        _b1 = F(o.Beta1);
        _b2 = F(o.Beta2);
        _eps = F(o.Eps);
        _weightDecay = F(o.WeightDecay);
        _estimLr = F(o.EstimLr0);
        _expAvg = Array.ConvertAll(lengths, n => new double[n]);
        _expAvgSq = Array.ConvertAll(lengths, n => new double[n]);
        _gradSum = Array.ConvertAll(lengths, n => new double[n]);
    }

    public override void Step(double[][] w, double[][] grad, long t, double lr)
    {
        double sb2 = Math.Pow(_b2, 0.5);
        double bc = Math.Pow(1 - Math.Pow(_b2, t), 0.5) / (1 - Math.Pow(_b1, t));
        double dlr = _estimLr * lr * bc;
        double numeratorAcum = SumOver(grad, (k, i) => grad[k][i] * (_gradSum[k][i] / (Math.Sqrt(_expAvgSq[k][i]) + _eps)));
        for (int k = 0; k < w.Length; k++)
        {
            for (int i = 0; i < w[k].Length; i++)
            {
                double g = grad[k][i];
                _expAvg[k][i] = _b1 * _expAvg[k][i] + (1 - _b1) * dlr * g;
                _expAvgSq[k][i] = _b2 * _expAvgSq[k][i] + (1 - _b2) * g * g;
                _gradSum[k][i] = sb2 * _gradSum[k][i] + (1 - sb2) * dlr * g;
            }
        }
        double gradSumL1 = SumOver(_gradSum, (k, i) => Math.Abs(_gradSum[k][i]));
        _numeratorWeighted = sb2 * _numeratorWeighted + (1 - sb2) * dlr * numeratorAcum;
        double dEstimate = _numeratorWeighted / ((1 - sb2) * gradSumL1);
        _estimLr = Math.Max(_estimLr, dEstimate);
        for (int k = 0; k < w.Length; k++)
            for (int i = 0; i < w[k].Length; i++)
                w[k][i] += -_weightDecay * dlr * w[k][i] - _expAvg[k][i] / (Math.Sqrt(_expAvgSq[k][i]) + _eps);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers(int k)
        => [("m", _expAvg[k]), ("v", _expAvgSq[k]), ("s", _gradSum[k])];

    public override IEnumerable<(string Name, double Value)> Scalars(int k) => [("d", _estimLr), ("num", _numeratorWeighted)];
}
