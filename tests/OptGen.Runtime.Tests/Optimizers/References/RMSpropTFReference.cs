namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// timm RMSpropTF (timm/optim/rmsprop_tf.py): square_avg starts at ones. If λ ≠ 0, decoupled: w ·= 1 − lr·λ, else
/// g += λ w. square_avg += (1 − α)(g² − square_avg); centered: grad_avg += (1 − α)(g − grad_avg) and
/// avg = sqrt(square_avg − grad_avg² + ε), else avg = sqrt(square_avg + ε). With momentum μ &gt; 0: buf = μ buf + lr·g/avg
/// (lr_in_momentum) or + g/avg; caution masks buf (not the stored one) by buf·g &gt; 0 over the mask's mean (at least
/// 1e-3); w −= buf, or lr·buf. Without momentum w −= lr·g/avg.
/// </summary>
public sealed class RMSpropTFReference(RMSpropTF o, int length) : TensorReference(length)
{
    private readonly double[] _squareAvg = Filled(length, 1), _gradAvg = new double[length], _momentumBuffer = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double alpha = F(o.Alpha), eps = F(o.Eps), weightDecay = F(o.WeightDecay), momentum = F(o.Momentum);
        var g = new double[Length];
        var avg = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            g[i] = DecayedGradient(w, grad, i, lr, weightDecay, o.DecoupledDecay, maximize: false);
            _squareAvg[i] += (1 - alpha) * (g[i] * g[i] - _squareAvg[i]);
            if (o.Centered)
            {
                _gradAvg[i] += (1 - alpha) * (g[i] - _gradAvg[i]);
                avg[i] = Math.Sqrt(_squareAvg[i] - _gradAvg[i] * _gradAvg[i] + eps);
            }
            else
            {
                avg[i] = Math.Sqrt(_squareAvg[i] + eps);
            }
        }
        if (!(momentum > 0))
        {
            for (int i = 0; i < Length; i++)
                w[i] -= lr * (g[i] / avg[i]);
            return;
        }
        for (int i = 0; i < Length; i++)
            _momentumBuffer[i] = momentum * _momentumBuffer[i] + (o.LrInMomentum ? lr : 1) * (g[i] / avg[i]);
        double[] used = o.Caution ? Caution.Mask(_momentumBuffer, g) : _momentumBuffer;
        for (int i = 0; i < Length; i++)
            w[i] -= o.LrInMomentum ? used[i] : lr * used[i];
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers
    {
        get
        {
            yield return ("v", _squareAvg);
            if (o.Centered)
                yield return ("gAvg", _gradAvg);
            if (F(o.Momentum) > 0)
                yield return ("b", _momentumBuffer);
        }
    }
}
