namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// torch.optim.Adafactor (PyTorch 2.11, <c>_single_tensor_adafactor</c>): ρ = min(lr, 1/√t), α = max(ε2, RMS(w))·ρ,
/// decoupled decay, factored second moment over the last two dimensions for rank ≥ 2 (row and column means of g²
/// lerped with weight t^β2decay, estimate row·col / max(mean over rows of row, ε1)), full second moment for vectors,
/// update g / √max(v̂, ε1²) clipped to RMS d.
/// </summary>
public sealed class AdafactorReference(Adafactor o, int[] shape) : ShapedReference(shape)
{
    private readonly double[] _row = new double[shape.Length >= 2 ? ShapedProblem.Length(shape) / shape[^1] : 0];
    private readonly double[] _col = new double[shape.Length >= 2 ? ShapedProblem.Length(shape) / shape[^2] : 0];
    private readonly double[] _variance = new double[shape.Length >= 2 ? 0 : ShapedProblem.Length(shape)];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double eps1 = F(o.Eps1), eps2 = F(o.Eps2), d = F(o.D), decay = F(o.WeightDecay);
        double[] g = (double[])grad.Clone();
        if (o.Maximize)
            for (int i = 0; i < g.Length; i++)
                g[i] = -g[i];
        double oneMinusBeta2 = Math.Pow(t, F(o.Beta2Decay));
        double rho = Math.Min(lr, 1 / Math.Sqrt(t));
        double alpha = Math.Max(eps2, Norm(w) / Math.Sqrt(Length)) * rho;
        if (decay != 0)
            for (int i = 0; i < w.Length; i++)
                w[i] *= 1 - lr * decay;
        var estimate = new double[Length];
        if (Shape.Length >= 2)
        {
            (int matrices, int rows, int cols) = Stack();
            double[] squares = Array.ConvertAll(g, Sq), rowMeans = RowMeans(squares), colMeans = ColumnMeans(squares);
            for (int at = 0; at < _row.Length; at++)
                _row[at] += oneMinusBeta2 * (rowMeans[at] - _row[at]);
            for (int at = 0; at < _col.Length; at++)
                _col[at] += oneMinusBeta2 * (colMeans[at] - _col[at]);
            for (int m = 0; m < matrices; m++)
            {
                double rowMean = 0;
                for (int r = 0; r < rows; r++)
                    rowMean += _row[m * rows + r];
                rowMean = Math.Max(rowMean / rows, eps1);
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < cols; c++)
                        estimate[(m * rows + r) * cols + c] = _row[m * rows + r] * _col[m * cols + c] / rowMean;
            }
        }
        else
        {
            for (int i = 0; i < Length; i++)
            {
                _variance[i] += oneMinusBeta2 * (g[i] * g[i] - _variance[i]);
                estimate[i] = _variance[i];
            }
        }
        var update = new double[Length];
        for (int i = 0; i < Length; i++)
            update[i] = g[i] / Math.Sqrt(Math.Max(estimate[i], eps1 * eps1));
        double denominator = Math.Max(1.0, Norm(update) / (Math.Sqrt(Length) * d));
        for (int i = 0; i < Length; i++)
            w[i] -= alpha / denominator * update[i];
    }

    private static double Sq(double x) => x * x;

    public override IEnumerable<(string Name, double[] Values)> Buffers => Shape.Length >= 2
        ? [("r", _row), ("c", _col)]
        : [("v", _variance)];
}
