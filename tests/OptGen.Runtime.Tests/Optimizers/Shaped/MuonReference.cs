namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// torch.optim.Muon (PyTorch 2.11, <c>_single_tensor_muon</c>) for one matrix: the buffer is lerped towards the
/// gradient by 1 − μ; the matrix orthogonalised is the gradient lerped towards the buffer by μ (nesterov) or the buffer;
/// Newton–Schulz works on the wide orientation (a tall matrix is transposed first and back last), divides by the
/// Frobenius norm clamped below at eps, then repeats A = X Xᵀ, B = bA + cA², X = aX + BX; the weights are multiplied by
/// 1 − lr·λ, then moved by −lr·ratio times the result, ratio √max(1, rows/cols) ("original", None) or
/// 0.2·√max(rows, cols) ("match_rms_adamw"). All in float64 (PyTorch's bfloat16 iteration is a GPU speed choice).
/// </summary>
public sealed class MuonReference(Muon o, int[] shape) : ShapedReference(shape)
{
    private readonly double[] _buffer = new double[ShapedProblem.Length(shape)];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double momentum = F(o.Momentum);
        int rows = Shape[0], cols = Shape[1];
        var update = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            _buffer[i] += (1 - momentum) * (grad[i] - _buffer[i]);
            update[i] = o.Nesterov ? grad[i] + momentum * (_buffer[i] - grad[i]) : _buffer[i];
        }
        double[] orthogonal = Orthogonalise(update, rows, cols);
        double ratio = o.AdjustLrFn == Muon.MatchRmsAdamW
            ? 0.2 * Math.Sqrt(Math.Max(rows, cols))
            : Math.Sqrt(Math.Max(1.0, (double)rows / cols));
        double decay = 1 - lr * F(o.WeightDecay);
        for (int i = 0; i < Length; i++)
            w[i] = w[i] * decay - lr * ratio * orthogonal[i];
    }

    private double[] Orthogonalise(double[] g, int rows, int cols)
    {
        bool tall = rows > cols;
        int r = tall ? cols : rows, k = tall ? rows : cols;
        var x = new double[r * k];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                x[tall ? j * k + i : i * k + j] = g[i * cols + j];
        double scale = Math.Max(Norm(x), F(o.Eps));
        for (int i = 0; i < x.Length; i++)
            x[i] /= scale;
        double a = F(o.NsCoefficientA), b = F(o.NsCoefficientB), c = F(o.NsCoefficientC);
        for (int step = 0; step < o.NsSteps; step++)
        {
            double[] gram = Multiply(x, Transpose(x, r, k), r, k, r);
            double[] square = Multiply(gram, gram, r, r, r);
            var poly = new double[r * r];
            for (int i = 0; i < poly.Length; i++)
                poly[i] = b * gram[i] + c * square[i];
            double[] product = Multiply(poly, x, r, r, k);
            for (int i = 0; i < x.Length; i++)
                x[i] = a * x[i] + product[i];
        }
        var result = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                result[i * cols + j] = x[tall ? j * k + i : i * k + j];
        return result;
    }

    private static double[] Transpose(double[] x, int rows, int cols)
    {
        var result = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                result[j * rows + i] = x[i * cols + j];
        return result;
    }

    /// <summary>(m × inner) · (inner × n).</summary>
    private static double[] Multiply(double[] left, double[] right, int m, int inner, int n)
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int p = 0; p < inner; p++)
                for (int j = 0; j < n; j++)
                    result[i * n + j] += left[i * inner + p] * right[p * n + j];
        return result;
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("b", _buffer)];
}
