namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// timm AdamP (timm/optim/adamp.py): Adam moments, denominator √v / √(1 − β2^t) + ε, step
/// lr / (1 − β1^t); the perturbation is m / denom, or (β1 m + (1 − β1) g) / denom with nesterov, then timm's
/// projection (<see cref="SphericalProjectionReference"/>). Then w ·= 1 − lr·λ·ratio and w −= step·perturbation.
/// </summary>
public sealed class AdamPReference(AdamP o, int[] shape) : ShapedReference(shape)
{
    private readonly double[] _m = new double[ShapedProblem.Length(shape)];
    private readonly double[] _v = new double[ShapedProblem.Length(shape)];
    private readonly SphericalProjectionReference _projection = new(shape);

    /// <summary>How many steps took each path: [0] no projection, [1] per channel, [2] per layer (rank ≥ 2 only).</summary>
    public int[] Paths => _projection.Paths;

    public override void Step(double[] w, double[] g, long t, double lr)
    {
        double beta1 = F(o.Beta1), beta2 = F(o.Beta2), eps = F(o.Eps);
        var perturb = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            _m[i] = _m[i] * beta1 + (1 - beta1) * g[i];
            _v[i] = _v[i] * beta2 + (1 - beta2) * g[i] * g[i];
            double denom = Math.Sqrt(_v[i]) / Math.Sqrt(1 - Math.Pow(beta2, t)) + eps;
            perturb[i] = (o.Nesterov ? beta1 * _m[i] + (1 - beta1) * g[i] : _m[i]) / denom;
        }
        double ratio = _projection.Apply(w, g, perturb, F(o.Delta), F(o.WdRatio), eps, o.Caution);
        double stepSize = lr / (1 - Math.Pow(beta1, t));
        for (int i = 0; i < Length; i++)
        {
            w[i] *= 1 - lr * F(o.WeightDecay) * ratio;
            w[i] -= stepSize * perturb[i];
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _m), ("v", _v)];
}
