namespace OptGen.Runtime.Tests.Optimizers.Harness;

/// <summary>
/// A seeded quadratic f = Σ c/2 (w − target)² over tensors of the given lengths, whose gradient c ⊙ (w − target) + noise
/// is computed from the optimizer's current float weights. <see cref="Problem"/> and
/// <see cref="Shaped.ShapedProblem"/> choose the tensors and what the optimizer is handed.
/// </summary>
public abstract class SeededQuadratic
{
    private readonly double[][] _curvature;
    private readonly double[][] _target;
    private readonly Random _noise;

    /// <param name="seed">Draws the curvatures, targets and initial weights; <c>seed + 1</c> draws the noise.</param>
    /// <param name="lengths">The tensors' element counts.</param>
    /// <param name="zeroFirstTensor">The first tensor starts at 0 (which exercises zero-norm rules such as trust ratios).</param>
    protected SeededQuadratic(int seed, int[] lengths, bool zeroFirstTensor)
    {
        var rng = new Random(seed);
        _noise = new Random(seed + 1);
        _curvature = new double[lengths.Length][];
        _target = new double[lengths.Length][];
        InitialWeights = new float[lengths.Length][];
        for (int k = 0; k < lengths.Length; k++)
        {
            int n = lengths[k];
            _curvature[k] = new double[n];
            _target[k] = new double[n];
            InitialWeights[k] = new float[n];
            for (int i = 0; i < n; i++)
            {
                _curvature[k][i] = 0.5 + 1.5 * rng.NextDouble();
                // Targets away from 0 so that relative errors are well defined.
                _target[k][i] = (rng.Next(2) == 0 ? -1 : 1) * (0.5 + rng.NextDouble());
                InitialWeights[k][i] = zeroFirstTensor && k == 0 ? 0f : (float)(4 * rng.NextDouble() - 2);
            }
        }
    }

    /// <summary>Starting weights, one array per tensor.</summary>
    public float[][] InitialWeights { get; }

    /// <summary>f's term of element <paramref name="i"/> of tensor <paramref name="k"/> at <paramref name="w"/>, c/2 (w − target)² (no noise).</summary>
    protected double LossAt(int k, int i, float w)
        => 0.5 * _curvature[k][i] * (w - _target[k][i]) * (w - _target[k][i]);

    /// <summary>The gradient of element <paramref name="i"/> of tensor <paramref name="k"/> at <paramref name="w"/>, noise included (one draw a call, in element order).</summary>
    protected double GradientAt(int k, int i, float w)
    {
        double noise = 0.2 * (_noise.NextDouble() - 0.5);
        return _curvature[k][i] * (w - _target[k][i]) + noise;
    }
}
