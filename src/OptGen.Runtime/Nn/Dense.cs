using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace OptGen.Nn;

/// <summary>
/// A fully connected layer, <c>y = x · W + b</c>. <see cref="Weight"/> is row-major <c>inputs × outputs</c> (the
/// transpose of PyTorch's layout, so that the forward product and the weight gradient both run along contiguous
/// output rows); <see cref="Bias"/> has one value per output.
/// </summary>
public sealed class Dense : Layer
{
    private readonly Parameter[] _parameters;
    private float[] _weightT = []; // W transposed, rebuilt per backward so dX = dY · Wᵀ is a plain row-major product

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
        Weight = new Parameter(inputs * outputs, name + ".weight");
        Bias = new Parameter(outputs, name + ".bias");
        _parameters = [Weight, Bias];
        Initialize(seed, init);
    }

    /// <summary>Width of the input rows.</summary>
    public int Inputs { get; }

    /// <summary>Width of the output rows.</summary>
    public int Outputs { get; }

    /// <summary>The prefix of the parameter names.</summary>
    public string Name { get; }

    /// <summary>Weights, row-major <c>Inputs × Outputs</c>.</summary>
    public Parameter Weight { get; }

    /// <summary>Biases, one per output.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Redraws the weights from a generator seeded with <paramref name="seed"/> and zeroes the biases.</summary>
    public void Initialize(ulong seed, WeightInit init)
    {
        var rng = new NnRandom(seed);
        Span<float> w = Weight.Value;
        switch (init)
        {
            case WeightInit.He:
            case WeightInit.LeCun:
                double std = Math.Sqrt((init == WeightInit.He ? 2.0 : 1.0) / Inputs);
                for (int i = 0; i < w.Length; i++)
                    w[i] = (float)(std * rng.NextNormal());
                break;
            case WeightInit.Xavier:
                double limit = Math.Sqrt(6.0 / (Inputs + Outputs));
                for (int i = 0; i < w.Length; i++)
                    w[i] = (float)((2.0 * rng.NextDouble() - 1.0) * limit);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown weight initialisation.");
        }
        Bias.Value.Clear();
    }

    /// <inheritdoc />
    public override int GetOutputSize(int inputSize) => inputSize == Inputs
        ? Outputs
        : throw new ArgumentException($"{Name} expects rows of {Inputs} values but is given rows of {inputSize}.");

    /// <inheritdoc />
    public override void Allocate(int inputSize, int maxBatch)
    {
        if (_weightT.Length == 0)
            _weightT = new float[Inputs * Outputs];
    }

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        CheckRows(input.Length, batch, Inputs, "The input");
        CheckRows(output.Length, batch, Outputs, "The output");
        // Start every row at the bias, then accumulate x · W on top: one pass over the output instead of two.
        ReadOnlySpan<float> bias = Bias.Value;
        for (int r = 0; r < batch; r++)
            bias.CopyTo(output.Slice(r * Outputs, Outputs));
        Gemm.Multiply(input, false, Weight.Value, output, batch, Outputs, Inputs, accumulate: true);
    }

    /// <inheritdoc />
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch)
    {
        CheckRows(input.Length, batch, Inputs, "The input");
        CheckRows(outputGradient.Length, batch, Outputs, "The output gradient");
        // dW += xᵀ · dY (x is batch × inputs, read transposed in place).
        Gemm.Multiply(input, true, outputGradient, Weight.Grad, Inputs, Outputs, batch, accumulate: true);
        Span<float> db = Bias.Grad;
        for (int r = 0; r < batch; r++)
            TensorPrimitives.Add(db, outputGradient.Slice(r * Outputs, Outputs), db);
        if (inputGradient.IsEmpty)
            return;
        CheckRows(inputGradient.Length, batch, Inputs, "The input gradient");
        if (_weightT.Length == 0)
            _weightT = new float[Inputs * Outputs]; // used standalone, without Allocate
        Gemm.Transpose(Weight.Value, Inputs, Outputs, _weightT);
        Gemm.Multiply(outputGradient, false, _weightT, inputGradient, batch, Inputs, Outputs, accumulate: false);
    }

    /// <inheritdoc />
    public override string ToString() => $"Dense {Name} ({Inputs} → {Outputs})";
}
