using System;

namespace OptGen.Nn;

/// <summary>
/// An activation that is one formula per element forward and one backward (<see cref="Relu"/>,
/// <see cref="LeakyRelu"/>, <see cref="Sigmoid"/>, <see cref="Tanh"/>): the layers differ only in the formulas, so
/// the passes are written here once.
/// </summary>
public abstract class ElementwiseActivation : ActivationLayer
{
    private readonly ElementwiseOp _forward, _backward;
    private readonly bool _readsOutput;

    /// <param name="forward">The forward formula.</param>
    /// <param name="backward">The backward formula.</param>
    /// <param name="readsOutput">Whether the backward formula reads the forward output (sigmoid, tanh) rather than the input (ReLU).</param>
    private protected ElementwiseActivation(ElementwiseOp forward, ElementwiseOp backward, bool readsOutput)
    {
        _forward = forward;
        _backward = backward;
        _readsOutput = readsOutput;
    }

    /// <summary>The formulas' constant (LeakyReLU's slope; 0 for the others).</summary>
    private protected virtual float Parameter => 0f;

    /// <inheritdoc />
    public sealed override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) =>
        RunForward(_forward, input, output, Parameter);

    /// <inheritdoc />
    public sealed override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch) =>
        RunBackward(_backward, input, output, _readsOutput, outputGradient, inputGradient, Parameter);
}
