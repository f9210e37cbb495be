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

    protected static double Norm(double[] x)
    {
        double s = 0;
        foreach (double v in x)
            s += v * v;
        return System.Math.Sqrt(s);
    }
}
