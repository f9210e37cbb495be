namespace OptGen.Generator.Tests.Reliability;

/// <summary>Plain double matrices for <see cref="ReferenceEvaluation"/>'s <c>newton_schulz</c>: products, sums, scaling.</summary>
internal static class DoubleMatrix
{
    public static double[,] Multiply(double[,] a, double[,] b)
    {
        var c = new double[a.GetLength(0), b.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < b.GetLength(1); j++)
            {
                for (int k = 0; k < a.GetLength(1); k++)
                    c[i, j] += a[i, k] * b[k, j];
            }
        }
        return c;
    }

    public static double[,] Transpose(double[,] a) => Map(a.GetLength(1), a.GetLength(0), (i, j) => a[j, i]);

    public static double[,] Scale(double[,] a, double s) => Map(a.GetLength(0), a.GetLength(1), (i, j) => s * a[i, j]);

    public static double[,] Add(double[,] a, double[,] b) => Map(a.GetLength(0), a.GetLength(1), (i, j) => a[i, j] + b[i, j]);

    public static double[,] Map(int rows, int cols, Func<int, int, double> f)
    {
        var c = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
                c[i, j] = f(i, j);
        }
        return c;
    }
}
