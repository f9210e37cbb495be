namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// A seeded quadratic over tensors with shapes — matrices, a vector, a stack of matrices and one large enough that every
/// peer factors it — whose gradients depend on the current float weights. Some rows and columns of the gradient are
/// always zero, to exercise what factored statistics do with them.
/// </summary>
public sealed class ShapedProblem
{
    public static readonly int[][] Shapes = [[8, 12], [12], [6, 10], [3, 4, 5], [130, 140], [1]];

    private readonly double[][] _curvature;
    private readonly double[][] _target;
    private readonly Random _noise;

    public ShapedProblem(int seed, int[][]? shapes = null)
    {
        TensorShapes = shapes ?? Shapes;
        var rng = new Random(seed);
        _noise = new Random(seed + 1);
        _curvature = new double[TensorShapes.Length][];
        _target = new double[TensorShapes.Length][];
        InitialWeights = new float[TensorShapes.Length][];
        for (int k = 0; k < TensorShapes.Length; k++)
        {
            int n = Length(TensorShapes[k]);
            _curvature[k] = new double[n];
            _target[k] = new double[n];
            InitialWeights[k] = new float[n];
            for (int i = 0; i < n; i++)
            {
                _curvature[k][i] = 0.5 + 1.5 * rng.NextDouble();
                _target[k][i] = (rng.Next(2) == 0 ? -1 : 1) * (0.5 + rng.NextDouble());
                InitialWeights[k][i] = (float)(4 * rng.NextDouble() - 2);
            }
        }
    }

    public int[][] TensorShapes { get; }

    /// <summary>Starting weights, one array per tensor.</summary>
    public float[][] InitialWeights { get; }

    public static int Length(int[] shape)
    {
        int n = 1;
        foreach (int d in shape)
            n *= d;
        return n;
    }

    /// <summary>
    /// Writes the gradient at the current float weights. In the [6, 10] tensor, row 2 and column 3 are always zero
    /// (a factored second moment then has zero rows and columns).
    /// </summary>
    public void Gradient(int k, ReadOnlySpan<float> w, Span<float> grad)
    {
        int[] shape = TensorShapes[k];
        for (int i = 0; i < w.Length; i++)
        {
            double noise = 0.2 * (_noise.NextDouble() - 0.5);
            bool zero = shape is [6, 10] && (i / 10 == 2 || i % 10 == 3);
            grad[i] = zero ? 0f : (float)(_curvature[k][i] * (w[i] - _target[k][i]) + noise);
        }
    }
}
