using System;
using System.Collections.Generic;
using OptGen.Optimizers;
using OptGen.TestSupport;

namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.AdamW: first w ← w · (1 − lr · λ) (decoupled), then the Adam step on the raw gradient
/// (step_size = lr / (1 − β1^t), denom = sqrt(v or vmax) / sqrt(1 − β2^t) + ε).
/// </summary>
public sealed class AdamWReference : TensorReference
{
    private readonly double _beta1, _beta2, _eps, _weightDecay;
    private readonly bool _amsgrad, _maximize;
    private readonly double[] _expAvg, _expAvgSq, _maxExpAvgSq;

    public AdamWReference(AdamW o, int length) : base(length)
    {
        _beta1 = F(o.Beta1);
        _beta2 = F(o.Beta2);
        _eps = F(o.Eps);
        _weightDecay = F(o.WeightDecay);
        _amsgrad = o.Amsgrad;
        _maximize = o.Maximize;
        _expAvg = new double[length];
        _expAvgSq = new double[length];
        _maxExpAvgSq = new double[length];
    }

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double stepSize = lr / (1 - Math.Pow(_beta1, t));
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(_beta2, t));
        for (int i = 0; i < Length; i++)
        {
            double g = _maximize ? -grad[i] : grad[i];
            w[i] *= 1 - lr * _weightDecay;
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
