using System;

namespace OptGen.Nn;

/// <summary>Leaky rectified linear unit, <c>x &gt; 0 ? x : Slope · x</c>.</summary>
public sealed class LeakyRelu(float slope = 0.01f) : ActivationLayer
{
    /// <summary>The gradient for negative inputs (PyTorch's <c>negative_slope</c>, default 0.01).</summary>
    public float Slope { get; } = float.IsFinite(slope) ? slope : throw new ArgumentOutOfRangeException(nameof(slope), slope, "The slope must be finite.");

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) =>
        RunForward(ElementwiseOp.LeakyRelu, input, output, Slope);

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch) =>
        RunBackward(ElementwiseOp.LeakyReluBackward, input, output, readsOutput: false, outputGradient, inputGradient, parameter: Slope);
}
