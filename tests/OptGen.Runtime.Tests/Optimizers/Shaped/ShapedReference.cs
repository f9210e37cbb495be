namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// The float64 reference of one tensor with a shape, written from the peer's published source (not from our DSL
/// formulas): a <see cref="TensorReference"/> that knows the shape. Matrix views are as the peer takes them: the last
/// two dimensions (torch Adafactor) or the first against the rest (timm AdamP). Its <see cref="TensorReference.Buffers"/>
/// are laid out as ours (one value per row, column ...).
/// </summary>
public abstract class ShapedReference : TensorReference
{
    protected ShapedReference(int[] shape) : base(ShapedProblem.Length(shape)) => Shape = shape;

    public int[] Shape { get; }

    /// <summary>(matrices, rows, cols) of the last-two-dimensions view; a vector is one row.</summary>
    protected (int Matrices, int Rows, int Cols) Stack()
    {
        if (Shape.Length == 1)
            return (1, 1, Shape[0]);
        int rows = Shape[^2], cols = Shape[^1];
        return (Length / (rows * cols), rows, cols);
    }

    /// <summary>The mean of each row of the stack (over the last dimension): one value per (matrix, row).</summary>
    protected double[] RowMeans(double[] x)
    {
        (int matrices, int rows, int cols) = Stack();
        var means = new double[matrices * rows];
        for (int m = 0; m < matrices; m++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    means[m * rows + r] += x[(m * rows + r) * cols + c];
        for (int i = 0; i < means.Length; i++)
            means[i] /= cols;
        return means;
    }

    /// <summary>The mean of each column of the stack (over the second-to-last dimension): one value per (matrix, column).</summary>
    protected double[] ColumnMeans(double[] x)
    {
        (int matrices, int rows, int cols) = Stack();
        var means = new double[matrices * cols];
        for (int m = 0; m < matrices; m++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    means[m * cols + c] += x[(m * rows + r) * cols + c];
        for (int i = 0; i < means.Length; i++)
            means[i] /= rows;
        return means;
    }

    protected static double Norm(double[] x)
    {
        double s = 0;
        foreach (double v in x)
            s += v * v;
        return System.Math.Sqrt(s);
    }
}
