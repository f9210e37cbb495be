namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// timm SGDP (timm/optim/sgdp.py): the momentum buffer starts at zero, buf = momentum·buf + (1 − dampening)·g; the
/// step d_p is g + momentum·buf with nesterov, else buf; for rank &gt; 1 timm's projection
/// (<see cref="SphericalProjectionReference"/>), for rank 1 the cautious mask alone; then, only if λ ≠ 0,
/// w ·= 1 − lr·λ·ratio / (1 − momentum), and w −= lr·d_p.
/// </summary>
public sealed class SgdPReference(SgdP o, int[] shape) : ShapedReference(shape)
{
    private readonly double[] _buf = new double[ShapedProblem.Length(shape)];
    private readonly SphericalProjectionReference _projection = new(shape);

    /// <summary>How many steps took each path: [0] no projection, [1] per channel, [2] per layer (rank ≥ 2 only).</summary>
    public int[] Paths => _projection.Paths;

    public override void Step(double[] w, double[] g, long t, double lr)
    {
        double momentum = F(o.Momentum), dampening = F(o.Dampening), weightDecay = F(o.WeightDecay);
        var step = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            _buf[i] = _buf[i] * momentum + (1 - dampening) * g[i];
            step[i] = o.Nesterov ? g[i] + momentum * _buf[i] : _buf[i];
        }
        double ratio = _projection.Apply(w, g, step, F(o.Delta), F(o.WdRatio), F(o.Eps), o.Caution);
        for (int i = 0; i < Length; i++)
        {
            if (weightDecay != 0)
                w[i] *= 1 - lr * weightDecay * ratio / (1 - momentum);
            w[i] -= lr * step[i];
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("b", _buf)];
}
