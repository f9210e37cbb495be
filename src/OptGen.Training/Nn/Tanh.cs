using System;

namespace OptGen.Nn;

/// <summary>Hyperbolic tangent.</summary>
public sealed class Tanh : ActivationLayer
{
    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int count = input.Length;
        Pass.Run(ElementwiseOp.Tanh, input, default, default, Live(output, count, "The output"), count);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = input.Length;
        Pass.Run(ElementwiseOp.TanhBackward, Live(output, count, "The output"), Live(outputGradient, count, "The output gradient"), default,
            Live(inputGradient, count, "The input gradient"), count);
    }
}
