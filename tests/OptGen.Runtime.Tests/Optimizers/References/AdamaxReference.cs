namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.Adamax: m = β1 m + (1 − β1) g; u = max(β2 u, |g| + ε); w ← w − lr / (1 − β1^t) · m / u.
/// </summary>
public sealed class AdamaxReference(Adamax o, int length) : TensorReference(length)
{
    private readonly double _beta1 = F(o.Beta1), _beta2 = F(o.Beta2), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay);
    private readonly bool _maximize = o.Maximize;
    private readonly double[] _expAvg = new double[length], _expInf = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double clr = lr / (1 - Math.Pow(_beta1, t));
        for (int i = 0; i < Length; i++)
        {
            double g = DecayedGradient(w, grad, i, lr, _weightDecay, decoupled: false, _maximize);
            _expAvg[i] = _beta1 * _expAvg[i] + (1 - _beta1) * g;
            _expInf[i] = Math.Max(_beta2 * _expInf[i], Math.Abs(g) + _eps);
            w[i] -= clr * _expAvg[i] / _expInf[i];
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _expAvg), ("u", _expInf)];
}
