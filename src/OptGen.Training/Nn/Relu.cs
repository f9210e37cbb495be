using System;

namespace OptGen.Nn;

/// <summary>Rectified linear unit, <c>max(x, 0)</c>.</summary>
public sealed class Relu : ActivationLayer
{
    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        // Rows are contiguous, so the whole batch is one span: the width does not matter.
        int count = input.Length;
        Pass.Run(ElementwiseOp.Relu, input, default, default, Live(output, count, "The output"), count);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = input.Length;
        Pass.Run(ElementwiseOp.LeakyReluBackward, input, Live(outputGradient, count, "The output gradient"), default,
            Live(inputGradient, count, "The input gradient"), count, parameter: 0f);
    }
}
