namespace OptGen.Runtime.Tests.Optimizers.Harness;

/// <summary>
/// The reference tests' <see cref="SeededQuadratic"/> over five tensors of different lengths; the single-element one
/// starts at 0. For an optimizer that maximises, the gradient is that of −f, so that its ascent converges too.
/// </summary>
public sealed class Problem(int seed, bool ascend) : SeededQuadratic(seed, Lengths, zeroFirstTensor: true)
{
    public static readonly int[] Lengths = [1, 37, 64, 129, 1000];

    private readonly double _sign = ascend ? -1 : 1;

    /// <summary>Writes the gradient at the current float weights into <paramref name="grad"/>.</summary>
    public void Gradient(int k, ReadOnlySpan<float> w, Span<float> grad)
    {
        for (int i = 0; i < w.Length; i++)
            grad[i] = (float)(_sign * GradientAt(k, i, w[i]));
    }
}
