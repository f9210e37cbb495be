namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.dowg = chain(add_decayed_weights, scale_by_dowg(init_estim_sq_dist, eps), scale_by_learning_rate),
/// over the whole tree. At init: params0 = w, r² = init_estim_sq_dist (ε when None), S = 0. Per step (g including
/// the decay): r² ← max(r², ‖params0 − w‖²); S ← S + r² ‖g‖²; w ← w − lr · r² / (√S + ε) · g.
/// The weights are kept in float32 between steps, as the peer keeps them (see <see cref="StepReference.StoreAsFloat32"/>).
/// </summary>
public sealed class DowgReference : StepReference
{
    private readonly double _eps, _weightDecay;
    private double[][]? _x0;
    private double _rSquared, _weightedSum;

    public DowgReference(Dowg o, int[] lengths)
    {
        _eps = F(o.Eps);
        _weightDecay = F(o.WeightDecay);
        _rSquared = o.InitEstimSqDist < 0 ? _eps : F(o.InitEstimSqDist);
    }

    public override void Step(double[][] w, double[][] grad, long t, double lr)
    {
        _x0 ??= Copy(w);
        double[][] g = PlusDecay(grad, w, _weightDecay);
        _rSquared = Math.Max(_rSquared, SquaredDistance(_x0, w));
        _weightedSum += _rSquared * SquaredNorm(g);
        Descend(w, g, lr, _rSquared / (Math.Sqrt(_weightedSum) + _eps));
        StoreAsFloat32(w);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers(int k) => [("x0", _x0![k])];

    public override IEnumerable<(string Name, double Value)> Scalars(int k) => [("rSq", _rSquared), ("weightedSum", _weightedSum)];
}
