namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// keras.optimizers.Adafactor (Keras 3, <c>update_step</c>), after the base optimizer's decay w −= w · λ · lr:
/// local_step = t; ρ = min(lr, 1/√t) (relative_step's own minimum is the same one); α = max(ε2, RMS(w)) · ρ;
/// g̃ = g² + ε1; β2_t = 1 − t^decay; rank ≥ 2: r ← β2_t r + (1 − β2_t) mean(g̃, axis −1), c ← β2_t c + (1 − β2_t)
/// mean(g̃, axis −2), v = (r / mean(r, axis −1))[…, None] · c[…, None, :]; a vector: v ← β2_t v + (1 − β2_t) g̃;
/// u = g / √v; û = u / max(1, RMS(u) / clip_threshold); w −= α û.
/// </summary>
public sealed class KerasAdafactorReference(KerasAdafactor o, int[] shape) : ShapedReference(shape)
{
    private readonly double[] _r = new double[shape.Length >= 2 ? ShapedProblem.Length(shape) / shape[^1] : 0];
    private readonly double[] _c = new double[shape.Length >= 2 ? ShapedProblem.Length(shape) / shape[^2] : 0];
    private readonly double[] _v = new double[shape.Length >= 2 ? 0 : ShapedProblem.Length(shape)];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double eps1 = F(o.Eps1), eps2 = F(o.Eps2), clip = F(o.ClipThreshold), decay = F(o.WeightDecay);
        for (int i = 0; i < w.Length; i++)
            w[i] -= w[i] * decay * lr;
        double rho = Math.Min(lr, 1 / Math.Sqrt(t));
        double alpha = Math.Max(eps2, Norm(w) / Math.Sqrt(Length)) * rho;
        double beta2 = 1 - Math.Pow(t, F(o.Beta2Decay));
        var square = new double[Length];
        for (int i = 0; i < Length; i++)
            square[i] = grad[i] * grad[i] + eps1;
        var v = new double[Length];
        if (Shape.Length >= 2)
        {
            (int matrices, int rows, int cols) = Stack();
            double[] rowMeans = RowMeans(square), colMeans = ColumnMeans(square);
            for (int at = 0; at < _r.Length; at++)
                _r[at] = beta2 * _r[at] + (1 - beta2) * rowMeans[at];
            for (int at = 0; at < _c.Length; at++)
                _c[at] = beta2 * _c[at] + (1 - beta2) * colMeans[at];
            for (int m = 0; m < matrices; m++)
            {
                double rMean = 0;
                for (int r = 0; r < rows; r++)
                    rMean += _r[m * rows + r];
                rMean /= rows;
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < cols; c++)
                        v[(m * rows + r) * cols + c] = _r[m * rows + r] / rMean * _c[m * cols + c];
            }
        }
        else
        {
            for (int i = 0; i < Length; i++)
                v[i] = _v[i] = beta2 * _v[i] + (1 - beta2) * square[i];
        }
        var u = new double[Length];
        for (int i = 0; i < Length; i++)
            u[i] = grad[i] / Math.Sqrt(v[i]);
        double scale = Math.Max(1.0, Norm(u) / Math.Sqrt(Length) / clip);
        for (int i = 0; i < Length; i++)
            w[i] -= alpha * (u[i] / scale);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => Shape.Length >= 2
        ? [("r", _r), ("c", _c)]
        : [("v", _v)];
}
