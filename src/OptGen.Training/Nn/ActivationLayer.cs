using System;

namespace OptGen.Nn;

/// <summary>A parameter-free layer whose output has the width of its input.</summary>
public abstract class ActivationLayer : Layer
{
    /// <summary>This layer's element-wise pass, split across cores when the batch is large (one per layer: no allocation per call).</summary>
    private protected ElementwisePass Pass { get; } = new();

    /// <inheritdoc />
    public override int GetOutputSize(int inputSize) => inputSize;

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
