namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// timm MADGRAD (dense path). λ_t = (lr + ε) √t. Weight decay first: decoupled w ← w (1 − lr λ), else g ← g + λ w.
/// The origin is the weights before the first step (momentum ≠ 0), or, with momentum 0, recovered each step as
/// w + s / (∛sumSq + ε) from the state before this step. Then sumSq ← sumSq + λ_t g², s ← s + λ_t g,
/// z = origin − s / (∛sumSq + ε), and w ← z (momentum 0) or w ← μ w + (1 − μ) z.
/// </summary>
public sealed class MadgradReference(Madgrad o, int length) : TensorReference(length)
{
    private readonly double _momentum = F(o.Momentum), _weightDecay = F(o.WeightDecay), _eps = F(o.Eps);
    private readonly bool _decoupled = o.DecoupledDecay;
    private readonly double[] _sumSq = new double[length], _s = new double[length];
    private double[]? _x0;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        if (_momentum != 0)
            _x0 ??= (double[])w.Clone();
        double lamb = (lr + _eps) * Math.Sqrt(t);
        double ck = 1 - _momentum;
        for (int i = 0; i < Length; i++)
        {
            double g = grad[i];
            if (_weightDecay != 0)
            {
                if (_decoupled)
                    w[i] *= 1 - lr * _weightDecay;
                else
                    g += _weightDecay * w[i];
            }
            double origin = _momentum == 0 ? w[i] + _s[i] / (Math.Cbrt(_sumSq[i]) + _eps) : _x0![i];
            _sumSq[i] += lamb * g * g;
            _s[i] += lamb * g;
            double z = origin - _s[i] / (Math.Cbrt(_sumSq[i]) + _eps);
            w[i] = _momentum == 0 ? z : w[i] * (1 - ck) + z * ck;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers
        => _x0 is null ? [("sumSq", _sumSq), ("s", _s)] : [("sumSq", _sumSq), ("s", _s), ("x0", _x0)];
}
