namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// Lion (Chen et al. 2023, Algorithm 2; Optax lion = scale_by_lion + add_decayed_weights + scale_by_learning_rate):
/// u = sign(β1 m + (1 − β1) g); m = β2 m + (1 − β2) g; w ← w − lr (u + λ w).
/// </summary>
public sealed class LionReference(Lion o, int length) : TensorReference(length)
{
    private readonly double _beta1 = F(o.Beta1), _beta2 = F(o.Beta2), _weightDecay = F(o.WeightDecay);
    private readonly double[] _mu = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        for (int i = 0; i < Length; i++)
        {
            double update = Math.Sign((1 - _beta1) * grad[i] + _beta1 * _mu[i]);
            _mu[i] = (1 - _beta2) * grad[i] + _beta2 * _mu[i];
            update += _weightDecay * w[i];
            w[i] -= lr * update;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _mu)];
}
