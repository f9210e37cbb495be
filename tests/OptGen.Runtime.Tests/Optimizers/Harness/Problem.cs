namespace OptGen.Runtime.Tests.Optimizers.Harness;

/// <summary>
/// The reference tests' <see cref="SeededQuadratic"/> over five tensors of different lengths; the single-element one
/// starts at 0. For an optimizer that maximises, the gradient is that of −f, so that its ascent converges too.
/// </summary>
public sealed class Problem(int seed, bool ascend) : SeededQuadratic(seed, Lengths, zeroFirstTensor: true)
{
    public static readonly int[] Lengths = [1, 37, 64, 129, 1000];

    private readonly double _sign = ascend ? -1 : 1;

    /// <summary>f at the current float weights of every tensor (−f for an optimizer that maximises), the loss handed to optimizers that read it.</summary>
    public double Loss(IReadOnlyList<Parameter> parameters)
    {
        double f = 0;
        for (int k = 0; k < parameters.Count; k++)
        {
            ReadOnlySpan<float> w = parameters[k].Value;
            for (int i = 0; i < w.Length; i++)
                f += LossAt(k, i, w[i]);
        }
        return _sign * f;
    }

    /// <summary>
    /// Hands an optimizer that reads the loss (<see cref="ILossAware"/>) f at the current weights, as a trainer would
    /// before its step; returns what it handed (NaN for an optimizer that reads none).
    /// </summary>
    public double HandLoss(IOptimizer optimizer, IReadOnlyList<Parameter> parameters)
    {
        if (optimizer is not ILossAware lossAware)
            return double.NaN;
        return lossAware.Loss = Loss(parameters);
    }

    /// <summary>Writes the gradient at the current float weights into <paramref name="grad"/>.</summary>
    public void Gradient(int k, ReadOnlySpan<float> w, Span<float> grad)
    {
        for (int i = 0; i < w.Length; i++)
            grad[i] = (float)(_sign * GradientAt(k, i, w[i]));
    }
}
