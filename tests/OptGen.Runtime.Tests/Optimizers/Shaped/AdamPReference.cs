namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// timm AdamP (timm/optim/adamp.py): Adam moments, denominator √v / √(1 − β2^t) + ε, step
/// lr / (1 − β1^t); the perturbation is m / denom, or (β1 m + (1 − β1) g) / denom with nesterov. For rank &gt; 1 the
/// projection tries the channel view (first dimension against the rest) and then the layer view (everything in one
/// row): with cos = |Σ (g / max(‖g‖, ε)) (w / max(‖w‖, ε))| per row of the view, if the largest is below
/// delta / √(row length), each row of the perturbation loses its component along w / (‖w‖ + ε) and the decay factor
/// becomes wd_ratio; the first view that passes wins. With caution the perturbation is masked to where it agrees
/// with the gradient (projected: with the gradient minus its radial part, then projected again) and divided by the
/// share kept. Then w ·= 1 − lr·λ·ratio and w −= step·perturbation.
/// </summary>
public sealed class AdamPReference(AdamP o, int[] shape) : ShapedReference(shape)
{
    private readonly double[] _m = new double[ShapedProblem.Length(shape)];
    private readonly double[] _v = new double[ShapedProblem.Length(shape)];

    /// <summary>How many steps took each path: [0] no projection, [1] per channel, [2] per layer (rank ≥ 2 only).</summary>
    public int[] Paths { get; } = new int[3];

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
        double ratio = 1;
        if (Shape.Length > 1)
        {
            int path = 0;
            foreach (int rows in new[] { Shape[0], 1 })
            {
                if (TryProject(w, g, perturb, rows, eps))
                {
                    path = rows == 1 ? 2 : 1;
                    ratio = F(o.WdRatio);
                    if (o.Caution)
                    {
                        // Spherical caution: agree with the gradient's part orthogonal to the weights, then project again.
                        double[] perpendicular = (double[])g.Clone();
                        RemoveRadial(w, perpendicular, rows, eps);
                        Mask(perturb, perpendicular);
                        RemoveRadial(w, perturb, rows, eps);
                    }
                    break;
                }
            }
            Paths[path]++;
            if (path == 0 && o.Caution)
                Mask(perturb, g);
        }
        else if (o.Caution)
        {
            Mask(perturb, g);
        }
        double stepSize = lr / (1 - Math.Pow(beta1, t));
        for (int i = 0; i < Length; i++)
        {
            w[i] *= 1 - lr * F(o.WeightDecay) * ratio;
            w[i] -= stepSize * perturb[i];
        }
    }

    // The view with `rows` rows of Length / rows elements; projects `perturb` in place when its cosine test passes.
    private bool TryProject(double[] w, double[] g, double[] perturb, int rows, double eps)
    {
        int width = Length / rows;
        double largest = 0;
        for (int r = 0; r < rows; r++)
        {
            double gNorm = Math.Max(RowNorm(g, r, width), eps), wNorm = Math.Max(RowNorm(w, r, width), eps), cos = 0;
            for (int j = r * width; j < (r + 1) * width; j++)
                cos += g[j] / gNorm * (w[j] / wNorm);
            largest = Math.Max(largest, Math.Abs(cos));
        }
        if (!(largest < F(o.Delta) / Math.Sqrt(width)))
            return false;
        RemoveRadial(w, perturb, rows, eps);
        return true;
    }

    // x minus, per row of the view, its component along w / (‖w‖ + ε).
    private void RemoveRadial(double[] w, double[] x, int rows, double eps)
    {
        int width = Length / rows;
        for (int r = 0; r < rows; r++)
        {
            double norm = RowNorm(w, r, width) + eps, along = 0;
            for (int j = r * width; j < (r + 1) * width; j++)
                along += w[j] / norm * x[j];
            for (int j = r * width; j < (r + 1) * width; j++)
                x[j] -= w[j] / norm * along;
        }
    }

    // timm's cautious mask: keep x where x·direction > 0, divided by the share kept (at least 1e-3).
    private void Mask(double[] x, double[] direction)
    {
        int kept = 0;
        for (int i = 0; i < Length; i++)
            kept += x[i] * direction[i] > 0 ? 1 : 0;
        double share = Math.Max(kept / (double)Length, 1e-3);
        for (int i = 0; i < Length; i++)
            x[i] = x[i] * direction[i] > 0 ? x[i] / share : 0;
    }

    private static double RowNorm(double[] x, int row, int width)
    {
        double s = 0;
        for (int j = row * width; j < (row + 1) * width; j++)
            s += x[j] * x[j];
        return Math.Sqrt(s);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _m), ("v", _v)];
}
