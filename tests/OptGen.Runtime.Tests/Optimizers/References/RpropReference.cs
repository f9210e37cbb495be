namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.Rprop (_single_tensor_rprop): prev starts at 0 and step sizes at lr (the first step's);
/// s = g · prev; step ← clamp(step · (s &gt; 0 ? η+ : s &lt; 0 ? η− : 1), Γmin, Γmax) (the source clamps in every
/// case); where s &lt; 0 the gradient is set to 0; w ← w − sign(g) · step; prev ← g.
/// </summary>
public sealed class RpropReference(Rprop o, int length) : TensorReference(length)
{
    private readonly double _etaMinus = F(o.EtaMinus), _etaPlus = F(o.EtaPlus), _stepSizeMin = F(o.StepSizeMin), _stepSizeMax = F(o.StepSizeMax);
    private readonly bool _maximize = o.Maximize;
    private readonly double[] _prev = new double[length];
    private double[]? _stepSize; // allocated with the value of lr on the first step

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
