namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// timm's <c>adamp.projection</c> (timm/optim/adamp.py), which AdamP and SGDP call on their step (<c>perturb</c>), in
/// float64. For rank &gt; 1 it tries the channel view (first dimension against the rest) and then the layer view
/// (everything in one row): with cos = |Σ (g / max(‖g‖, ε)) (w / max(‖w‖, ε))| per row of the view, if the largest is
/// below delta / √(row length), each row of the step loses its component along w / (‖w‖ + ε) and the decay factor
/// becomes wd_ratio; the first view that passes wins. With caution the step is masked to where it agrees with the
/// gradient (projected: with the gradient minus its radial part, then projected again) and divided by the share kept;
/// a rank-1 tensor is only masked.
/// </summary>
public sealed class SphericalProjectionReference(int[] shape)
{
    private readonly int _length = ShapedProblem.Length(shape);

    /// <summary>How many steps took each path: [0] no projection, [1] per channel, [2] per layer (rank ≥ 2 only).</summary>
    public int[] Paths { get; } = new int[3];

    /// <summary>Projects (and masks) <paramref name="perturb"/> in place; returns the weight decay's ratio.</summary>
    public double Apply(double[] w, double[] g, double[] perturb, double delta, double wdRatio, double eps, bool caution)
    {
        if (shape.Length == 1)
        {
            if (caution)
                Mask(perturb, g);
            return 1;
        }
        foreach (int rows in new[] { shape[0], 1 })
        {
            if (!TryProject(w, g, perturb, rows, delta, eps))
                continue;
            Paths[rows == 1 ? 2 : 1]++;
            if (caution)
            {
                // Spherical caution: agree with the gradient's part orthogonal to the weights, then project again.
                double[] perpendicular = (double[])g.Clone();
                RemoveRadial(w, perpendicular, rows, eps);
                Mask(perturb, perpendicular);
                RemoveRadial(w, perturb, rows, eps);
            }
            return wdRatio;
        }
        Paths[0]++;
        if (caution)
            Mask(perturb, g);
        return 1;
    }

    // The view with `rows` rows of Length / rows elements; projects `perturb` in place when its cosine test passes.
    private bool TryProject(double[] w, double[] g, double[] perturb, int rows, double delta, double eps)
    {
        int width = _length / rows;
        double largest = 0;
        for (int r = 0; r < rows; r++)
        {
            double gNorm = Math.Max(RowNorm(g, r, width), eps), wNorm = Math.Max(RowNorm(w, r, width), eps), cos = 0;
            for (int j = r * width; j < (r + 1) * width; j++)
                cos += g[j] / gNorm * (w[j] / wNorm);
            largest = Math.Max(largest, Math.Abs(cos));
        }
        if (!(largest < delta / Math.Sqrt(width)))
            return false;
        RemoveRadial(w, perturb, rows, eps);
        return true;
    }

    // x minus, per row of the view, its component along w / (‖w‖ + ε).
    private void RemoveRadial(double[] w, double[] x, int rows, double eps)
    {
        int width = _length / rows;
        for (int r = 0; r < rows; r++)
        {
            double norm = RowNorm(w, r, width) + eps, along = 0;
            for (int j = r * width; j < (r + 1) * width; j++)
                along += w[j] / norm * x[j];
            for (int j = r * width; j < (r + 1) * width; j++)
                x[j] -= w[j] / norm * along;
        }
    }

    // timm's cautious mask, in place.
    private static void Mask(double[] x, double[] direction) => Caution.Mask(x, direction).CopyTo(x, 0);

    private static double RowNorm(double[] x, int row, int width)
    {
        double s = 0;
        for (int j = row * width; j < (row + 1) * width; j++)
            s += x[j] * x[j];
        return Math.Sqrt(s);
    }
}
