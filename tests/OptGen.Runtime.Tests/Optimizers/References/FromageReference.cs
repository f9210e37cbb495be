namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.fromage = chain(scale_by_trust_ratio(min_norm), scale_by_learning_rate(lr · c), add_decayed_weights(c − 1))
/// with c = 1 / √(1 + lr²). The trust ratio is safe_norm(w) / safe_norm(g) per tensor, where safe_norm(x) is
/// min_norm when ‖x‖ ≤ min_norm, and the ratio is 1 if either is 0. update = −lr c · ratio · g + (c − 1) w; w ← w + update.
/// </summary>
public sealed class FromageReference : TensorReference
{
    private readonly double _minNorm;

    public FromageReference(Fromage o, int length) : base(length) => _minNorm = F(o.MinNorm);

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double paramNorm = SafeNorm(w), updateNorm = SafeNorm(grad);
        double ratio = paramNorm == 0 || updateNorm == 0 ? 1 : paramNorm / updateNorm;
        double c = 1 / Math.Sqrt(1 + lr * lr);
        for (int i = 0; i < Length; i++)
        {
            double update = -(lr * c) * (grad[i] * ratio) + (c - 1) * w[i];
            w[i] += update;
        }
    }

    private double SafeNorm(double[] x)
    {
        double norm = LambReference.Norm(x);
        return norm <= _minNorm ? _minNorm : norm;
    }
}
