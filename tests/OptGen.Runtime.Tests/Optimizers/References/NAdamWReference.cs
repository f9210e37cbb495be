namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// timm NAdamW (timm/optim/nadamw.py, _single_tensor_nadamw): g negated to maximize; w ·= 1 − lr·λ; m = β1 m + (1 − β1) g,
/// v = β2 v + (1 − β2) g²; the step's momentum is the look-ahead β1 m + (1 − β1) g (not stored), with caution masked
/// where it agrees with g; denom = √v / √(1 − β2^t) + ε; w −= lr / (1 − β1^t) · look-ahead / denom.
/// </summary>
public sealed class NAdamWReference(NAdamW o, int length) : TensorReference(length)
{
    private readonly double[] _m = new double[length], _v = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double beta1 = F(o.Beta1), beta2 = F(o.Beta2), eps = F(o.Eps), weightDecay = F(o.WeightDecay);
        var g = new double[Length];
        var ahead = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            g[i] = DecayedGradient(w, grad, i, lr, weightDecay, decoupled: true, o.Maximize);
            _m[i] = _m[i] * beta1 + (1 - beta1) * g[i];
            _v[i] = _v[i] * beta2 + (1 - beta2) * g[i] * g[i];
            ahead[i] = _m[i] * beta1 + (1 - beta1) * g[i];
        }
        double[] step = o.Caution ? Caution.Mask(ahead, g) : ahead;
        double stepSize = lr / (1 - Math.Pow(beta1, t)), biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, t));
        for (int i = 0; i < Length; i++)
            w[i] -= stepSize * (step[i] / (Math.Sqrt(_v[i]) / biasCorrection2Sqrt + eps));
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _m), ("v", _v)];
}
