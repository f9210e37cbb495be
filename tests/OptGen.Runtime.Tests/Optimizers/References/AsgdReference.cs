namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.ASGD (single-tensor path). State η (starts at the learning rate of the first step), μ (starts at 1)
/// and ax. Per step: g ← −g when maximising, g ← g + weight_decay · w; w ← w (1 − λ η); w ← w − η g; ax ← w if μ = 1,
/// else ax + μ (w − ax); then, for the next step, η = lr / (1 + λ lr t)^α and μ = 1 / max(1, t − t0).
/// PyTorch stores η and μ as float32 scalars; that rounding (relative 6e-8) is below the tolerance and not modelled.
/// </summary>
public sealed class AsgdReference(Asgd o, int length) : TensorReference(length)
{
    private readonly double _lambd = F(o.Lambd), _alpha = F(o.Alpha), _t0 = F(o.T0), _weightDecay = F(o.WeightDecay);
    private readonly bool _maximize = o.Maximize;
    private readonly double[] _ax = new double[length];
    private double _eta = double.NaN, _mu = 1;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        if (t == 1)
            _eta = lr;
        for (int i = 0; i < Length; i++)
        {
            double g = DecayedGradient(w, grad, i, lr, _weightDecay, decoupled: false, _maximize);
            w[i] *= 1 - _lambd * _eta;
            w[i] += -_eta * g;
            _ax[i] = _mu != 1 ? _ax[i] + (w[i] - _ax[i]) * _mu : w[i];
        }
        _eta = lr / Math.Pow(1 + _lambd * lr * t, _alpha);
        _mu = 1 / Math.Max(1, t - _t0);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("ax", _ax)];

    public override IEnumerable<(string Name, double Value)> Scalars => [("eta", _eta), ("mu", _mu)];
}
