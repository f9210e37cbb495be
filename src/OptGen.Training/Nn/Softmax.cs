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
        Pass.Run(ElementwiseOp.Softmax, input, default, default, Live(output, input.Length, "The output"), input.Length, width);
    }

    /// <summary>Softmax of one row (may be in place).</summary>
    internal static void Row(ReadOnlySpan<float> x, Span<float> y)
    {
        float max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        TensorPrimitives.Multiply(y, 1f / TensorPrimitives.Sum(y), y);
    }

    /// <summary>Backward of one row from its output: the Jacobian is diag(y) - y yᵀ, so dx = y ⊙ (dy - ⟨dy, y⟩).</summary>
    internal static void RowBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        float dot = TensorPrimitives.Dot(dy, y);
        TensorPrimitives.Subtract(dy, dot, dx);
        TensorPrimitives.Multiply(dx, y, dx);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = output.Length;
        int width = RowWidth(count, batch);
        Pass.Run(ElementwiseOp.SoftmaxBackward, output, Live(outputGradient, count, "The output gradient"), default,
            Live(inputGradient, count, "The input gradient"), count, width);
    }

    private static int RowWidth(int length, int batch) =>
        batch > 0 && length % batch == 0 && length > 0
            ? length / batch
            : throw new ArgumentException($"{length} values do not split into {batch} rows.");
}
