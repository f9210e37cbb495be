using System;

namespace OptGen.Nn;

/// <summary>A parameter-free layer whose output has the width of its input.</summary>
public abstract class ActivationLayer : Layer
{
    /// <summary>This layer's element-wise pass, split across cores when the batch is large (one per layer: no allocation per call).</summary>
    private protected ElementwisePass Pass { get; } = new();

    /// <inheritdoc />
    public override int GetOutputSize(int inputSize) => inputSize;

    /// <summary>
    /// Runs the forward formula <paramref name="op"/> over the whole batch at once: rows are contiguous, so the width
    /// does not matter. <paramref name="parameter"/> is the op's constant (LeakyReLU's slope).
    /// </summary>
    private protected void RunForward(ElementwiseOp op, ReadOnlySpan<float> input, Span<float> output, float parameter = 0f)
    {
        int count = input.Length;
        Pass.Run(op, input, default, default, Live(output, count, "The output"), count, parameter: parameter);
    }

    /// <summary>
    /// Runs the backward formula <paramref name="op"/>, which reads the forward <paramref name="output"/> when
    /// <paramref name="readsOutput"/> (sigmoid, tanh) and the forward <paramref name="input"/> otherwise (ReLU); nothing
    /// is done, or checked, when no input gradient is wanted.
    /// </summary>
    private protected void RunBackward(ElementwiseOp op, ReadOnlySpan<float> input, ReadOnlySpan<float> output, bool readsOutput,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, float parameter = 0f)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = input.Length;
        Pass.Run(op, readsOutput ? Live(output, count, "The output") : input, Live(outputGradient, count, "The output gradient"), default,
            Live(inputGradient, count, "The input gradient"), count, parameter: parameter);
    }

    /// <summary>The live part of a buffer: the first <paramref name="count"/> values, checked to be there.</summary>
    private protected static ReadOnlySpan<float> Live(ReadOnlySpan<float> buffer, int count, string what) =>
        buffer.Length >= count ? buffer[..count] : throw new ArgumentException($"{what} holds {buffer.Length} values, fewer than the {count} of the batch.");

    /// <summary>The live part of a writable buffer.</summary>
    private protected static Span<float> Live(Span<float> buffer, int count, string what) =>
        buffer.Length >= count ? buffer[..count] : throw new ArgumentException($"{what} holds {buffer.Length} values, fewer than the {count} of the batch.");

    /// <summary>Scratch of at least <paramref name="count"/> floats kept between forward and backward: 64-byte aligned, grown, never shrunk.</summary>
    private protected static Span<float> Scratch(ref Memory<float> buffer, int count)
    {
        if (buffer.Length < count)
            buffer = AlignedMemory.Allocate(count);
        return buffer.Span[..count];
    }
}
