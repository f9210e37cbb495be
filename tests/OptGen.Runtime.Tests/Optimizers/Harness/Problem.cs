namespace OptGen.Runtime.Tests.Optimizers.Harness;

/// <summary>
/// A seeded quadratic problem over several tensors: f = Σ c/2 (w − target)², with gradients
/// g = c ⊙ (w − target) + noise computed from the optimizer's current float weights. For an optimizer that
/// maximises, the gradient is that of −f, so that its ascent converges too.
/// </summary>
public sealed class Problem
{
    public static readonly int[] Lengths = [1, 37, 64, 129, 1000];

    private readonly double[][] _curvature;
    private readonly double[][] _target;
    private readonly Random _noise;
    private readonly double _sign;

    public Problem(int seed, bool ascend)
    {
        var rng = new Random(seed);
        _noise = new Random(seed + 1);
        _sign = ascend ? -1 : 1;
        _curvature = new double[Lengths.Length][];
        _target = new double[Lengths.Length][];
        InitialWeights = new float[Lengths.Length][];
        for (int k = 0; k < Lengths.Length; k++)
        {
            int n = Lengths[k];
            _curvature[k] = new double[n];
            _target[k] = new double[n];
            InitialWeights[k] = new float[n];
            for (int i = 0; i < n; i++)
            {
                _curvature[k][i] = 0.5 + 1.5 * rng.NextDouble();
                // Targets away from 0 so that relative errors are well defined.
                _target[k][i] = (rng.Next(2) == 0 ? -1 : 1) * (0.5 + rng.NextDouble());
                // The single-element tensor starts at 0, which exercises zero-norm rules (trust ratios).
                InitialWeights[k][i] = k == 0 ? 0f : (float)(4 * rng.NextDouble() - 2);
            }
        }
    }

    /// <summary>Starting weights, one array per tensor.</summary>
    public float[][] InitialWeights { get; }

    /// <summary>Writes the gradient at the current float weights into <paramref name="grad"/>.</summary>
    public void Gradient(int k, ReadOnlySpan<float> w, Span<float> grad)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double noise = 0.2 * (_noise.NextDouble() - 0.5);
            grad[i] = (float)(_sign * (_curvature[k][i] * (w[i] - _target[k][i]) + noise));
        }
    }
}
