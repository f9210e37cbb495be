using System;

namespace OptGen.Nn;

/// <summary>Logistic sigmoid, <c>1 / (1 + exp(-x))</c>. For a binary classifier prefer <see cref="BinaryCrossEntropyWithLogits"/> on raw outputs.</summary>
public sealed class Sigmoid : ActivationLayer
{
    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) =>
        RunForward(ElementwiseOp.Sigmoid, input, output);

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch) =>
        RunBackward(ElementwiseOp.SigmoidBackward, input, output, readsOutput: true, outputGradient, inputGradient);
}
