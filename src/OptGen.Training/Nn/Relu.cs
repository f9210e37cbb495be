using System;

namespace OptGen.Nn;

/// <summary>Rectified linear unit, <c>max(x, 0)</c>.</summary>
public sealed class Relu : ActivationLayer
{
    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) =>
        RunForward(ElementwiseOp.Relu, input, output);

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch) =>
        RunBackward(ElementwiseOp.LeakyReluBackward, input, output, readsOutput: false, outputGradient, inputGradient, parameter: 0f);
}
