using System;

namespace OptGen.Nn;

/// <summary>Hyperbolic tangent.</summary>
public sealed class Tanh : ActivationLayer
{
    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) =>
        RunForward(ElementwiseOp.Tanh, input, output);

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch) =>
        RunBackward(ElementwiseOp.TanhBackward, input, output, readsOutput: true, outputGradient, inputGradient);
}
