using OptGen.Runtime.Tests.Optimizers.Harness;

namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// A <see cref="SeededQuadratic"/> over tensors with shapes — matrices, a vector, a stack of matrices, one large
/// enough that every peer factors it, and one whose rows are whole 16-element blocks (every row starts at the same
/// alignment, so no row has a peeled head or a ragged end) — whose gradients depend on the current float weights. Some rows and columns of the
/// gradient are always zero, to exercise what factored statistics do with them.
/// </summary>
public sealed class ShapedProblem(int seed, int[][]? shapes = null) : SeededQuadratic(seed, Array.ConvertAll(shapes ?? Shapes, Length), zeroFirstTensor: false)
{
    public static readonly int[][] Shapes = [[8, 12], [12], [6, 10], [3, 4, 5], [130, 140], [1], [33, 48]];

    public int[][] TensorShapes { get; } = shapes ?? Shapes;

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
            double g = GradientAt(k, i, w[i]); // drawn for zeroed elements too: the noise sequence stays the same
            bool zero = shape is [6, 10] && (i / 10 == 2 || i % 10 == 3);
            grad[i] = zero ? 0f : (float)g;
        }
    }
}
