using System;

namespace OptGen.Nn;

/// <summary>Logistic sigmoid, <c>1 / (1 + exp(-x))</c>. For a binary classifier prefer <see cref="BinaryCrossEntropyWithLogits"/> on raw outputs.</summary>
public sealed class Sigmoid : ActivationLayer
{
    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int count = input.Length;
        Pass.Run(ElementwiseOp.Sigmoid, input, default, default, Live(output, count, "The output"), count);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = input.Length;
        Pass.Run(ElementwiseOp.SigmoidBackward, Live(output, count, "The output"), Live(outputGradient, count, "The output gradient"), default,
            Live(inputGradient, count, "The input gradient"), count);
    }
}
