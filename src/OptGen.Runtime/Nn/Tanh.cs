using System;
using System.Numerics.Tensors;

namespace OptGen.Nn;

/// <summary>Hyperbolic tangent.</summary>
public sealed class Tanh : ActivationLayer
{
    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int count = input.Length;
        TensorPrimitives.Tanh(input[..count], Live(output, count, "The output"));
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = input.Length;
        ElementwiseKernels.TanhBackward(Live(output, count, "The output"), Live(outputGradient, count, "The output gradient"), Live(inputGradient, count, "The input gradient"));
    }
}
