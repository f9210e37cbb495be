using System;
using System.Numerics.Tensors;

namespace OptGen.Nn;

/// <summary>
/// Row-wise softmax, shifted by the row maximum so that <c>exp</c> cannot overflow. To train a classifier, feed raw
/// outputs to <see cref="SoftmaxCrossEntropy"/> instead: it fuses this with the loss and is better conditioned.
/// </summary>
public sealed class Softmax : ActivationLayer
{
    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int width = RowWidth(input.Length, batch);
        for (int r = 0; r < batch; r++)
            Row(input.Slice(r * width, width), output.Slice(r * width, width));
    }

    /// <summary>Softmax of one row (may be in place).</summary>
    internal static void Row(ReadOnlySpan<float> x, Span<float> y)
    {
        float max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        TensorPrimitives.Multiply(y, 1f / TensorPrimitives.Sum(y), y);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int width = RowWidth(output.Length, batch);
        // The Jacobian is diag(y) - y yᵀ, so dx = y ⊙ (dy - ⟨dy, y⟩) per row.
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<float> y = output.Slice(r * width, width);
            ReadOnlySpan<float> dy = outputGradient.Slice(r * width, width);
            Span<float> dx = inputGradient.Slice(r * width, width);
            float dot = TensorPrimitives.Dot(dy, y);
            TensorPrimitives.Subtract(dy, dot, dx);
            TensorPrimitives.Multiply(dx, y, dx);
        }
    }

    private static int RowWidth(int length, int batch) =>
        batch > 0 && length % batch == 0 && length > 0
            ? length / batch
            : throw new ArgumentException($"{length} values do not split into {batch} rows.");
}
