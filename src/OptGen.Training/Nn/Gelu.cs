using System;

namespace OptGen.Nn;

/// <summary>
/// Gaussian error linear unit in its tanh approximation (PyTorch's <c>approximate='tanh'</c>):
/// <c>x/2 · (1 + tanh(sqrt(2/π) (x + 0.044715 x³)))</c>.
/// </summary>
public sealed class Gelu : ActivationLayer
{
    internal const float C = 0.7978845608028654f; // sqrt(2 / pi)
    internal const float K = 0.044715f;
    private Memory<float> _tanh; // tanh(u) per element, kept from forward for backward
    private int _forwardCount;

    /// <inheritdoc />
    public override void Allocate(int inputSize, int maxBatch) => Scratch(ref _tanh, inputSize * maxBatch);

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int count = input.Length;
        Span<float> t = Scratch(ref _tanh, count); // grows only when used standalone, without Allocate
        Pass.Run(ElementwiseOp.Gelu, input, default, t, Live(output, count, "The output"), count);
        _forwardCount = count;
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = input.Length;
        if (_forwardCount != count)
            throw new InvalidOperationException($"Gelu.Backward is given {count} values but the last Forward had {_forwardCount}: it needs the Forward of the same batch first.");
        Pass.Run(ElementwiseOp.GeluBackward, input, Live(outputGradient, count, "The output gradient"), _tanh.Span[..count],
            Live(inputGradient, count, "The input gradient"), count);
    }
}
