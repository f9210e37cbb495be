using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace OptGen.Nn;

/// <summary>
/// A fully connected layer, <c>y = x · Wᵀ + b</c>, laid out as PyTorch's <c>torch.nn.Linear</c>: <see cref="Weight"/>
/// has shape <c>[outputs, inputs]</c> (row-major: row <c>o</c> holds the weights into output <c>o</c>) and
/// <see cref="Bias"/> shape <c>[outputs]</c>, so a state dict maps onto them value for value. The products read W as
/// it lies (<see cref="Gemm"/> packs a transposed operand directly) and split across cores when large.
/// </summary>
public sealed class Dense : Layer
{
    private readonly Parameter[] _parameters;

    /// <summary>
    /// Creates the layer with weights drawn by <paramref name="init"/> from a generator seeded with <paramref name="seed"/>;
    /// its parameters are named <c>{name}.weight</c> and <c>{name}.bias</c>.
    /// </summary>
    public Dense(int inputs, int outputs, ulong seed, WeightInit init = WeightInit.He, string name = "dense")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentNullException.ThrowIfNull(name);
        Inputs = inputs;
        Outputs = outputs;
        Name = name;
        Weight = new Parameter([outputs, inputs], name + ".weight");
        Bias = new Parameter([outputs], name + ".bias");
        _parameters = [Weight, Bias];
        Initialize(seed, init);
    }

    /// <summary>Width of the input rows.</summary>
    public int Inputs { get; }

    /// <summary>Width of the output rows.</summary>
    public int Outputs { get; }

    /// <summary>The prefix of the parameter names.</summary>
    public string Name { get; }

    /// <summary>Weights, shape <c>[Outputs, Inputs]</c>, row-major (PyTorch's <c>Linear.weight</c>): <c>W[o, i]</c> is at <c>o · Inputs + i</c>.</summary>
    public Parameter Weight { get; }

    /// <summary>Biases, shape <c>[Outputs]</c>.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>
    /// Redraws the weights from a generator seeded with <paramref name="seed"/> and zeroes the biases. The draws are
    /// taken input by input and, within an input, output by output (the k-th draw is <c>W[k mod Outputs, k / Outputs]</c>),
    /// the order of the earlier <c>[inputs, outputs]</c> layout: a seed gives the same initial network as it did then.
    /// </summary>
    public void Initialize(ulong seed, WeightInit init)
    {
        var rng = new NnRandom(seed);
        Span<float> w = Weight.Value;
        double std = Math.Sqrt((init == WeightInit.He ? 2.0 : 1.0) / Inputs);
        double limit = Math.Sqrt(6.0 / (Inputs + Outputs));
        if (init is not (WeightInit.He or WeightInit.LeCun or WeightInit.Xavier))
            throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown weight initialisation.");
        for (int i = 0; i < Inputs; i++)
        {
            for (int o = 0; o < Outputs; o++)
            {
                w[o * Inputs + i] = init == WeightInit.Xavier
                    ? (float)((2.0 * rng.NextDouble() - 1.0) * limit)
                    : (float)(std * rng.NextNormal());
            }
        }
        Bias.Value.Clear();
    }

    /// <inheritdoc />
    public override int GetOutputSize(int inputSize) => inputSize == Inputs
        ? Outputs
        : throw new ArgumentException($"{Name} expects rows of {Inputs} values but is given rows of {inputSize}.");

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        CheckRows(input.Length, batch, Inputs, "The input");
        CheckRows(output.Length, batch, Outputs, "The output");
        // Start every row at the bias, then accumulate x · Wᵀ on top: one pass over the output instead of two.
        ReadOnlySpan<float> bias = Bias.Value;
        for (int r = 0; r < batch; r++)
            bias.CopyTo(output.Slice(r * Outputs, Outputs));
        Gemm.Multiply(input, false, Weight.Value, true, output, batch, Outputs, Inputs, accumulate: true);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        CheckRows(input.Length, batch, Inputs, "The input");
        CheckRows(outputGradient.Length, batch, Outputs, "The output gradient");
        // dW += dYᵀ · x (dY is batch × outputs, read transposed in place): [outputs, inputs], as W.
        Gemm.Multiply(outputGradient, true, input, false, Weight.Grad, Outputs, Inputs, batch, accumulate: true);
        Span<float> db = Bias.Grad;
        for (int r = 0; r < batch; r++)
            TensorPrimitives.Add(db, outputGradient.Slice(r * Outputs, Outputs), db);
        if (inputGradient.IsEmpty)
            return;
        CheckRows(inputGradient.Length, batch, Inputs, "The input gradient");
        // dX = dY · W: W [outputs, inputs] is already the right way round.
        Gemm.Multiply(outputGradient, false, Weight.Value, false, inputGradient, batch, Inputs, Outputs, accumulate: false);
    }

    /// <inheritdoc />
    public override string ToString() => $"Dense {Name} ({Inputs} → {Outputs})";
}
