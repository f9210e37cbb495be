namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.NAdam: μ_t = β1 (1 − ½ · 0.96^(t ψ)), μ_{t+1} likewise; mu_product ← mu_product · μ_t
/// (starting at 1); denom = sqrt(v / (1 − β2^t)) + ε;
/// w ← w − lr (1 − μ_t) / (1 − mu_product) · g / denom − lr μ_{t+1} / (1 − mu_product · μ_{t+1}) · m / denom.
/// Weight decay adds λ w to g, or with decoupled_weight_decay multiplies w by 1 − lr λ before the step.
/// </summary>
public sealed class NAdamReference(NAdam o, int length) : TensorReference(length)
{
    private readonly double _beta1 = F(o.Beta1), _beta2 = F(o.Beta2), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay), _momentumDecay = F(o.MomentumDecay);
    private readonly bool _maximize = o.Maximize, _decoupled = o.DecoupledWeightDecay;
    private readonly double[] _expAvg = new double[length], _expAvgSq = new double[length];
    private double _muProduct = 1;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double biasCorrection2 = 1 - Math.Pow(_beta2, t);
        double mu = _beta1 * (1 - 0.5 * Math.Pow(0.96, t * _momentumDecay));
        double muNext = _beta1 * (1 - 0.5 * Math.Pow(0.96, (t + 1) * _momentumDecay));
        _muProduct *= mu;
        double muProductNext = _muProduct * muNext;
        for (int i = 0; i < Length; i++)
        {
            double g = DecayedGradient(w, grad, i, lr, _weightDecay, _decoupled, _maximize);
            _expAvg[i] = _beta1 * _expAvg[i] + (1 - _beta1) * g;
            _expAvgSq[i] = _beta2 * _expAvgSq[i] + (1 - _beta2) * g * g;
            double denom = Math.Sqrt(_expAvgSq[i] / biasCorrection2) + _eps;
            w[i] -= lr * (1 - mu) / (1 - _muProduct) * g / denom;
            w[i] -= lr * muNext / (1 - muProductNext) * _expAvg[i] / denom;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _expAvg), ("v", _expAvgSq)];

    public override IEnumerable<(string Name, double Value)> Scalars => [("muProduct", _muProduct)];
}
