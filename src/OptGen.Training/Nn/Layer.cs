using System;
using System.Collections.Generic;

namespace OptGen.Nn;

/// <summary>
/// One step of a <see cref="Sequential"/> model. A layer maps a batch of rows (row-major, <c>batch × inputSize</c>)
/// to a batch of rows of its output size. The spans passed to <see cref="Forward"/> and <see cref="Backward"/> hold exactly
/// <c>batch</c> rows, so an element-wise layer can treat the batch as one flat span. A layer owns no activation buffers: the model passes them in, so that every
/// buffer is allocated once for the largest batch and a training step allocates nothing.
/// </summary>
public abstract class Layer
{
    /// <summary>The trainable tensors of this layer (none for activations).</summary>
    public virtual IReadOnlyList<Parameter> Parameters => Array.Empty<Parameter>();

    /// <summary>Training mode (the default) or evaluation mode; only <see cref="Dropout"/> behaves differently.</summary>
    public bool Training { get; set; } = true;

    /// <summary>The width of this layer's output for an input of width <paramref name="inputSize"/>; throws when it does not fit.</summary>
    public abstract int GetOutputSize(int inputSize);

    /// <summary>Allocates any per-row scratch this layer keeps between forward and backward, for up to <paramref name="maxBatch"/> rows.</summary>
    public virtual void Allocate(int inputSize, int maxBatch)
    {
    }

    /// <summary>Computes <paramref name="output"/> (<c>batch × outputSize</c>) from <paramref name="input"/> (<c>batch × inputSize</c>).</summary>
    public abstract void Forward(ReadOnlySpan<float> input, Span<float> output, int batch);

    /// <summary>
    /// Given the forward pass's <paramref name="input"/> and <paramref name="output"/> and the loss gradient with respect
    /// to the output, adds the parameter gradients to each <see cref="Parameter.Grad"/> and writes the gradient with
    /// respect to the input to <paramref name="inputGradient"/>, unless that span is empty (the first layer: nobody needs it).
    /// </summary>
    public abstract void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch);

    /// <summary>Throws unless <paramref name="batch"/> rows of <paramref name="width"/> fit in <paramref name="length"/>.</summary>
    private protected static void CheckRows(int length, int batch, int width, string what)
    {
        if (batch <= 0 || (long)batch * width > length)
            throw new ArgumentException($"{what} holds {length} values, fewer than {batch} rows of {width}.");
    }
}
