namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.RMSprop: v = α v + (1 − α) g²; centered: ḡ = α ḡ + (1 − α) g and avg = sqrt(v − ḡ²) + ε,
/// else avg = sqrt(v) + ε; with momentum μ &gt; 0: b = μ b + g / avg, w ← w − lr · b; else w ← w − lr · g / avg.
/// </summary>
public sealed class RMSpropReference(RMSprop o, int length) : TensorReference(length)
{
    private readonly double _alpha = F(o.Alpha), _eps = F(o.Eps), _weightDecay = F(o.WeightDecay), _momentum = F(o.Momentum);
    private readonly bool _centered = o.Centered, _maximize = o.Maximize;
    private readonly double[] _squareAvg = new double[length], _gradAvg = new double[length], _momentumBuffer = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        for (int i = 0; i < Length; i++)
        {
            double g = DecayedGradient(w, grad, i, lr, _weightDecay, decoupled: false, _maximize);
            _squareAvg[i] = _alpha * _squareAvg[i] + (1 - _alpha) * g * g;
            double avg;
            if (_centered)
            {
                _gradAvg[i] = _alpha * _gradAvg[i] + (1 - _alpha) * g;
                avg = Math.Sqrt(_squareAvg[i] - _gradAvg[i] * _gradAvg[i]) + _eps;
            }
            else
            {
                avg = Math.Sqrt(_squareAvg[i]) + _eps;
            }
            if (_momentum > 0)
            {
                _momentumBuffer[i] = _momentum * _momentumBuffer[i] + g / avg;
                w[i] -= lr * _momentumBuffer[i];
            }
            else
            {
                w[i] -= lr * g / avg;
            }
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers
    {
        get
        {
            yield return ("squareAvg", _squareAvg);
            if (_centered)
                yield return ("gradAvg", _gradAvg);
            if (_momentum > 0)
                yield return ("momentumBuffer", _momentumBuffer);
        }
    }
}
