namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.Adagrad: state_sum starts at initial_accumulator_value; clr = lr / (1 + (t − 1) · lr_decay);
/// state_sum += g²; w ← w − clr · g / (sqrt(state_sum) + ε).
/// </summary>
public sealed class AdagradReference(Adagrad o, int length) : TensorReference(length)
{
    private readonly double _lrDecay = F(o.LrDecay), _weightDecay = F(o.WeightDecay), _eps = F(o.Eps);
    private readonly bool _maximize = o.Maximize;
    private readonly double[] _stateSum = Filled(length, F(o.InitialAccumulatorValue));

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double clr = lr / (1 + (t - 1) * _lrDecay);
        for (int i = 0; i < Length; i++)
        {
            double g = DecayedGradient(w, grad, i, lr, _weightDecay, decoupled: false, _maximize);
            _stateSum[i] += g * g;
            w[i] -= clr * g / (Math.Sqrt(_stateSum[i]) + _eps);
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("stateSum", _stateSum)];
}
