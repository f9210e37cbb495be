namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// signSGD / Signum (Bernstein et al.; Optax sign_sgd = scale_by_sign, signum = ema(β, debias = False) +
/// scale_by_sign), with our coupled L2 term: d = g + λ w; momentum 0: w ← w − lr · sign(d); else
/// m = β m + (1 − β) d and w ← w − lr · sign(m).
/// </summary>
public sealed class SignSgdReference(SignSgd o, int length) : TensorReference(length)
{
    private readonly double _momentum = F(o.Momentum), _weightDecay = F(o.WeightDecay);
    private readonly double[] _ema = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        for (int i = 0; i < Length; i++)
        {
            double d = grad[i] + _weightDecay * w[i];
            if (_momentum == 0)
            {
                w[i] -= lr * Math.Sign(d);
                continue;
            }
            _ema[i] = (1 - _momentum) * d + _momentum * _ema[i];
            w[i] -= lr * Math.Sign(_ema[i]);
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => _momentum == 0 ? [] : [("b", _ema)];
}
