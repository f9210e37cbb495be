using System;
using System.Numerics.Tensors;

namespace OptGen.Nn;

/// <summary>
/// Gaussian error linear unit in its tanh approximation (PyTorch's <c>approximate='tanh'</c>):
/// <c>x/2 · (1 + tanh(sqrt(2/π) (x + 0.044715 x³)))</c>.
/// </summary>
public sealed class Gelu : ActivationLayer
{
    internal const float C = 0.7978845608028654f; // sqrt(2 / pi)
    internal const float K = 0.044715f;
    private float[] _tanh = []; // tanh(u) per element, kept from forward for backward

    /// <inheritdoc />
    public override void Allocate(int inputSize, int maxBatch)
    {
        if (_tanh.Length < inputSize * maxBatch)
            _tanh = new float[inputSize * maxBatch];
    }

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int count = input.Length;
        if (_tanh.Length < count)
            _tanh = new float[count]; // used standalone, without Allocate
        Span<float> t = _tanh.AsSpan(0, count);
        ElementwiseKernels.GeluInner(input[..count], t);
        TensorPrimitives.Tanh(t, t);
        ElementwiseKernels.GeluOutput(input[..count], t, Live(output, count, "The output"));
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = input.Length;
        if (_tanh.Length < count)
            throw new InvalidOperationException("Gelu.Backward needs the Forward of the same batch first.");
        ElementwiseKernels.GeluBackward(input[..count], _tanh.AsSpan(0, count), Live(outputGradient, count, "The output gradient"), Live(inputGradient, count, "The input gradient"));
    }
}
