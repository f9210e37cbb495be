using System.Collections.Generic;

namespace OptGen.Library.Tests.Shaped;

/// <summary>
/// The float64 reference of one tensor with a shape, written from the peer's published source (not from our DSL
/// formulas). Matrix views are as the peer takes them: the last two dimensions (torch Adafactor) or the first against
/// the rest (timm AdamP).
/// </summary>
public abstract class ShapedReference
{
    protected ShapedReference(int[] shape)
    {
        Shape = shape;
        Length = ShapedProblem.Length(shape);
    }

    public int[] Shape { get; }
    public int Length { get; }

    /// <summary>One step: updates <paramref name="w"/> in place; <paramref name="t"/> is 1 on the first step.</summary>
    public abstract void Step(double[] w, double[] grad, long t, double lr);

    /// <summary>State our optimizer also keeps, by our buffer name, laid out as ours (one value per row, column ...).</summary>
    public virtual IEnumerable<(string Name, double[] Values)> Buffers => [];

    /// <summary>A float hyperparameter as the optimizer holds it (float32), widened exactly.</summary>
    protected static double F(float value) => value;

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
