namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.RAdam: ρ∞ = 2 / (1 − β2) − 1, ρ_t = ρ∞ − 2 t β2^t / (1 − β2^t). If ρ_t &gt; 5 the step is
/// lr · m̂ · r_t · sqrt(1 − β2^t) / (sqrt(v) + ε) with r_t = sqrt((ρ_t−4)(ρ_t−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρ_t)),
/// otherwise lr · m̂ (m̂ = m / (1 − β1^t)). Weight decay adds λ w to g, or with decoupled_weight_decay multiplies w
/// by 1 − lr λ before the step.
/// </summary>
public sealed class RAdamReference(RAdam o, int length) : TensorReference(length)
{
    private readonly double _beta1 = F(o.Beta1), _beta2 = F(o.Beta2), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay);
    private readonly bool _maximize = o.Maximize, _decoupled = o.DecoupledWeightDecay;
    private readonly double[] _expAvg = new double[length], _expAvgSq = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double biasCorrection1 = 1 - Math.Pow(_beta1, t);
        double biasCorrection2 = 1 - Math.Pow(_beta2, t);
        double rhoInf = 2 / (1 - _beta2) - 1;
        double rhoT = rhoInf - 2 * t * Math.Pow(_beta2, t) / biasCorrection2;
        double rect = rhoT > 5 ? Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
        for (int i = 0; i < Length; i++)
        {
            double g = DecayedGradient(w, grad, i, lr, _weightDecay, _decoupled, _maximize);
            _expAvg[i] = _beta1 * _expAvg[i] + (1 - _beta1) * g;
            _expAvgSq[i] = _beta2 * _expAvgSq[i] + (1 - _beta2) * g * g;
            double mHat = _expAvg[i] / biasCorrection1;
            if (rhoT > 5)
            {
                double adaptiveLr = Math.Sqrt(biasCorrection2) / (Math.Sqrt(_expAvgSq[i]) + _eps);
                w[i] -= mHat * lr * adaptiveLr * rect;
            }
            else
            {
                w[i] -= mHat * lr;
            }
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _expAvg), ("v", _expAvgSq)];
}
