using System;

namespace OptGen.Nn;

/// <summary>
/// Inverted dropout: in training each element is zeroed with probability <see cref="Rate"/> and the survivors are
/// scaled by <c>1 / (1 - Rate)</c>, so evaluation mode is the identity. The masks come from a generator seeded once,
/// so a run is reproducible; element i of a pass takes the generator's i-th draw, so a pass split across cores
/// draws the same mask as one thread.
/// </summary>
public sealed class Dropout : ActivationLayer
{
    private readonly NnRandom _rng;
    private Memory<float> _mask;

    /// <summary>Creates a dropout layer that drops with probability <paramref name="rate"/> in [0, 1).</summary>
    public Dropout(float rate, ulong seed)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
        Rate = rate;
        _rng = new NnRandom(seed);
    }

    /// <summary>Probability of dropping an element in training.</summary>
    public float Rate { get; }

    /// <summary>The mask generator's state, saved and restored by trainer checkpoints so that masks resume exactly.</summary>
    internal ulong GeneratorState
    {
        get => _rng.State;
        set => _rng.State = value;
    }

    /// <inheritdoc />
    public override void Allocate(int inputSize, int maxBatch) => Scratch(ref _mask, inputSize * maxBatch);

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int count = input.Length;
        Span<float> y = Live(output, count, "The output");
        if (!Training || Rate == 0f)
        {
            input.CopyTo(y);
            return;
        }
        Span<float> mask = Scratch(ref _mask, count); // grows only when used standalone, without Allocate
        Pass.Run(ElementwiseOp.Dropout, input, default, mask, y, count, parameter: Rate, state: _rng.State);
        _rng.Advance(count);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int count = input.Length;
        Span<float> dx = Live(inputGradient, count, "The input gradient");
        ReadOnlySpan<float> dy = Live(outputGradient, count, "The output gradient");
        if (!Training || Rate == 0f)
            dy.CopyTo(dx);
        else
            Pass.Run(ElementwiseOp.Multiply, dy, _mask.Span[..count], default, dx, count);
    }
}
