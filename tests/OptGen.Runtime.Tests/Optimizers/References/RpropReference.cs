using System;
using System.Collections.Generic;
using OptGen.Optimizers;
using OptGen.TestSupport;

namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.Rprop (_single_tensor_rprop): prev starts at 0 and step sizes at lr (the first step's);
/// s = g · prev; step ← clamp(step · (s &gt; 0 ? η+ : s &lt; 0 ? η− : 1), Γmin, Γmax) (the source clamps in every
/// case); where s &lt; 0 the gradient is set to 0; w ← w − sign(g) · step; prev ← g.
/// </summary>
public sealed class RpropReference : TensorReference
{
    private readonly double _etaMinus, _etaPlus, _stepSizeMin, _stepSizeMax;
    private readonly bool _maximize;
    private readonly double[] _prev;
    private double[]? _stepSize; // allocated with the value of lr on the first step

    public RpropReference(Rprop o, int length) : base(length)
    {
        _etaMinus = F(o.EtaMinus);
        _etaPlus = F(o.EtaPlus);
        _stepSizeMin = F(o.StepSizeMin);
        _stepSizeMax = F(o.StepSizeMax);
        _maximize = o.Maximize;
        _prev = new double[length];
    }

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        _stepSize ??= Filled(Length, lr);
        for (int i = 0; i < Length; i++)
        {
            double g = _maximize ? -grad[i] : grad[i];
            double s = g * _prev[i];
            double factor = s > 0 ? _etaPlus : s < 0 ? _etaMinus : 1;
            _stepSize[i] = Math.Clamp(_stepSize[i] * factor, _stepSizeMin, _stepSizeMax);
            if (s < 0)
                g = 0;
            w[i] -= Math.Sign(g) * _stepSize[i];
            _prev[i] = g;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers
        => _stepSize is null ? [("prev", _prev)] : [("prev", _prev), ("stepSize", _stepSize)];
}
