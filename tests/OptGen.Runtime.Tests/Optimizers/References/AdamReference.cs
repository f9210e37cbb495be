using System;
using System.Collections.Generic;
using OptGen.Optimizers;
using OptGen.TestSupport;

namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.Adam (_single_tensor_adam): coupled L2 decay on the gradient; step_size = lr / (1 − β1^t);
/// denom = sqrt(v) / sqrt(1 − β2^t) + ε, where AMSGrad uses the running maximum of the raw v.
/// </summary>
public sealed class AdamReference : TensorReference
{
    private readonly double _beta1, _beta2, _eps, _weightDecay;
    private readonly bool _amsgrad, _maximize;
    private readonly double[] _expAvg, _expAvgSq, _maxExpAvgSq;

    public AdamReference(Adam o, int length) : base(length)
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
        double biasCorrection1 = 1 - Math.Pow(_beta1, t);
        double biasCorrection2 = 1 - Math.Pow(_beta2, t);
        double stepSize = lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);
        for (int i = 0; i < Length; i++)
        {
            double g = _maximize ? -grad[i] : grad[i];
            if (_weightDecay != 0)
                g += _weightDecay * w[i];
            _expAvg[i] = _beta1 * _expAvg[i] + (1 - _beta1) * g;
            _expAvgSq[i] = _beta2 * _expAvgSq[i] + (1 - _beta2) * g * g;
            double second = _expAvgSq[i];
            if (_amsgrad)
            {
                _maxExpAvgSq[i] = Math.Max(_maxExpAvgSq[i], _expAvgSq[i]);
                second = _maxExpAvgSq[i];
            }
            double denom = Math.Sqrt(second) / biasCorrection2Sqrt + _eps;
            w[i] -= stepSize * _expAvg[i] / denom;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers
        => _amsgrad ? [("m", _expAvg), ("v", _expAvgSq), ("vmax", _maxExpAvgSq)] : [("m", _expAvg), ("v", _expAvgSq)];
}
