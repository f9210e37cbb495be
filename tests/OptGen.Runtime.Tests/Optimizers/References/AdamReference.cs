namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.Adam (_single_tensor_adam) and torch.optim.AdamW, which differ only in the decay: Adam couples it into
/// the gradient (g + λ w), AdamW first decays the weights, w ← w · (1 − lr · λ), and steps on the raw gradient.
/// step_size = lr / (1 − β1^t); denom = sqrt(v) / sqrt(1 − β2^t) + ε, where AMSGrad uses the running maximum of the raw v.
/// </summary>
public sealed class AdamReference : TensorReference
{
    private readonly double _beta1, _beta2, _eps, _weightDecay;
    private readonly bool _decoupled, _amsgrad, _maximize;
    private readonly double[] _expAvg, _expAvgSq, _maxExpAvgSq;

    public AdamReference(Adam o, int length) : this(length, F(o.Beta1), F(o.Beta2), F(o.Eps), F(o.WeightDecay), decoupled: false, o.Amsgrad, o.Maximize)
    {
    }

    public AdamReference(AdamW o, int length) : this(length, F(o.Beta1), F(o.Beta2), F(o.Eps), F(o.WeightDecay), decoupled: true, o.Amsgrad, o.Maximize)
    {
    }

    private AdamReference(int length, double beta1, double beta2, double eps, double weightDecay, bool decoupled, bool amsgrad, bool maximize) : base(length)
    {
        (_beta1, _beta2, _eps, _weightDecay) = (beta1, beta2, eps, weightDecay);
        (_decoupled, _amsgrad, _maximize) = (decoupled, amsgrad, maximize);
        (_expAvg, _expAvgSq, _maxExpAvgSq) = (new double[length], new double[length], new double[length]);
    }

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double stepSize = lr / (1 - Math.Pow(_beta1, t));
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(_beta2, t));
        for (int i = 0; i < Length; i++)
        {
            double g = DecayedGradient(w, grad, i, lr, _weightDecay, _decoupled, _maximize);
            _expAvg[i] = _beta1 * _expAvg[i] + (1 - _beta1) * g;
            _expAvgSq[i] = _beta2 * _expAvgSq[i] + (1 - _beta2) * g * g;
            double second = _expAvgSq[i];
            if (_amsgrad)
            {
                _maxExpAvgSq[i] = Math.Max(_maxExpAvgSq[i], _expAvgSq[i]);
                second = _maxExpAvgSq[i];
            }
            w[i] -= stepSize * _expAvg[i] / (Math.Sqrt(second) / biasCorrection2Sqrt + _eps);
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers
        => _amsgrad ? [("m", _expAvg), ("v", _expAvgSq), ("vmax", _maxExpAvgSq)] : [("m", _expAvg), ("v", _expAvgSq)];
}
