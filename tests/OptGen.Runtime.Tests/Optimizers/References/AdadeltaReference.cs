namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.Adadelta: v = ρ v + (1 − ρ) g²; Δ = sqrt(u + ε) / sqrt(v + ε) · g; u = ρ u + (1 − ρ) Δ²;
/// w ← w − lr · Δ.
/// </summary>
public sealed class AdadeltaReference(Adadelta o, int length) : TensorReference(length)
{
    private readonly double _rho = F(o.Rho), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay);
    private readonly bool _maximize = o.Maximize;
    private readonly double[] _squareAvg = new double[length], _accDelta = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        for (int i = 0; i < Length; i++)
        {
            double g = DecayedGradient(w, grad, i, lr, _weightDecay, decoupled: false, _maximize);
            _squareAvg[i] = _rho * _squareAvg[i] + (1 - _rho) * g * g;
            double std = Math.Sqrt(_squareAvg[i] + _eps);
            double delta = Math.Sqrt(_accDelta[i] + _eps) / std * g;
            _accDelta[i] = _rho * _accDelta[i] + (1 - _rho) * delta * delta;
            w[i] -= lr * delta;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("squareAvg", _squareAvg), ("accDelta", _accDelta)];
}
