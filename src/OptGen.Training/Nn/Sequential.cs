using System;
using System.Collections.Generic;

namespace OptGen.Nn;

/// <summary>
/// A chain of layers. The model owns one activation buffer and one gradient buffer per layer boundary, 64-byte
/// aligned, sized for <see cref="MaxBatch"/> rows and reused by every batch: after the first batch of the largest
/// size, forward and backward allocate nothing. Large products and element-wise passes run on every core
/// (<see cref="SimdPolicy.MaxThreads"/>), with the same bits as on one.
/// </summary>
public sealed class Sequential
{
    private readonly Layer[] _layers;
    private readonly int[] _widths;   // _widths[i] is the row width entering layer i; the last is the output width
    private readonly Parameter[] _parameters;
    // _activations[i] holds the input of layer i, the last the output; _gradients the loss gradient with respect to the
    // same values. 64-byte aligned (AlignedMemory), so that every vector loop over a buffer starts on a cache line.
    private Memory<float>[] _activations;
    private Memory<float>[] _gradients;
    private int _lastBatch;

    /// <summary>Chains <paramref name="layers"/> for input rows of <paramref name="inputSize"/> values.</summary>
    public Sequential(int inputSize, params Layer[] layers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
            throw new ArgumentException("A model needs at least one layer.", nameof(layers));
        _layers = (Layer[])layers.Clone();
        _widths = new int[layers.Length + 1];
        _widths[0] = inputSize;
        var parameters = new List<Parameter>();
        for (int i = 0; i < _layers.Length; i++)
        {
            Layer layer = _layers[i] ?? throw new ArgumentNullException(nameof(layers), $"Layer {i} is null.");
            _widths[i + 1] = layer.GetOutputSize(_widths[i]);
            foreach (Parameter p in layer.Parameters)
            {
                if (parameters.Contains(p))
                    throw new ArgumentException($"Parameter {p.Name} appears twice: a layer instance can be used only once in a model.", nameof(layers));
                parameters.Add(p);
            }
        }
        _parameters = parameters.ToArray();
        _activations = [];
        _gradients = [];
    }

    /// <summary>Width of the input rows.</summary>
    public int InputSize => _widths[0];

    /// <summary>Width of the output rows.</summary>
    public int OutputSize => _widths[^1];

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Every trainable tensor, layer by layer: pass it to <see cref="IOptimizer.Step"/>.</summary>
    public ReadOnlySpan<Parameter> Parameters => _parameters;

    /// <summary>Total number of trainable values.</summary>
    public int ParameterCount
    {
        get
        {
            int n = 0;
            foreach (Parameter p in _parameters)
                n += p.Length;
            return n;
        }
    }

    /// <summary>The largest batch the buffers hold now; grows on demand.</summary>
    public int MaxBatch { get; private set; }

    /// <summary>Training mode (dropout active) or evaluation mode, for every layer.</summary>
    public bool Training
    {
        get => _layers[0].Training;
        set
        {
            foreach (Layer layer in _layers)
                layer.Training = value;
        }
    }

    /// <summary>Allocates buffers for batches of up to <paramref name="maxBatch"/> rows (no-op if they are already that big).</summary>
    public void EnsureCapacity(int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (maxBatch <= MaxBatch)
            return;
        _activations = new Memory<float>[_widths.Length];
        _gradients = new Memory<float>[_widths.Length];
        for (int i = 0; i < _widths.Length; i++)
        {
            _activations[i] = AlignedMemory.Allocate(_widths[i] * maxBatch);
            _gradients[i] = AlignedMemory.Allocate(_widths[i] * maxBatch);
        }
        for (int i = 0; i < _layers.Length; i++)
            _layers[i].Allocate(_widths[i], maxBatch);
        MaxBatch = maxBatch;
        _lastBatch = 0;
    }

    /// <summary>
    /// Runs <paramref name="batch"/> rows through every layer and returns the output rows (a view of a model buffer,
    /// valid until the next call).
    /// </summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        if (input.Length < batch * InputSize)
            throw new ArgumentException($"The input holds {input.Length} values, fewer than {batch} rows of {InputSize}.", nameof(input));
        input[..(batch * InputSize)].CopyTo(InputRows(batch));
        return ForwardInput(batch);
    }

    /// <summary>
    /// The model's own buffer for the input rows of a batch of <paramref name="batch"/> (grown if needed): a caller that
    /// fills it and calls <see cref="ForwardInput"/> saves <see cref="Forward"/>'s copy (the trainer gathers its batch
    /// straight into it). Valid until the buffers grow.
    /// </summary>
    internal Span<float> InputRows(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        EnsureCapacity(batch);
        return _activations[0].Span[..(batch * InputSize)];
    }

    /// <summary>As <see cref="Forward"/>, on the rows already in <see cref="InputRows"/>.</summary>
    internal ReadOnlySpan<float> ForwardInput(int batch)
    {
        if (batch < 1 || batch > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The model's buffers hold 1 to {MaxBatch} rows.");
        for (int i = 0; i < _layers.Length; i++)
            _layers[i].Forward(Rows(_activations[i], i, batch), _activations[i + 1].Span[..(batch * _widths[i + 1])], batch);
        _lastBatch = batch;
        return Rows(_activations[^1], _widths.Length - 1, batch);
    }

    /// <summary>
    /// Back-propagates the loss gradient with respect to the last <see cref="Forward"/>'s output, adding to each
    /// parameter's gradient (call <see cref="ZeroGrad"/> first for a fresh step).
    /// </summary>
    public void Backward(ReadOnlySpan<float> outputGradient)
    {
        int batch = _lastBatch;
        if (batch == 0)
            throw new InvalidOperationException("Backward needs a Forward first.");
        int last = _widths.Length - 1;
        if (outputGradient.Length < batch * OutputSize)
            throw new ArgumentException($"The output gradient holds {outputGradient.Length} values, fewer than {batch} rows of {OutputSize}.", nameof(outputGradient));
        outputGradient[..(batch * OutputSize)].CopyTo(_gradients[last].Span);
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            // Nothing upstream of the first layer needs a gradient: skip that product.
            Span<float> inputGradient = i == 0 ? Span<float>.Empty : _gradients[i].Span[..(batch * _widths[i])];
            _layers[i].Backward(Rows(_activations[i], i, batch), Rows(_activations[i + 1], i + 1, batch), Rows(_gradients[i + 1], i + 1, batch), inputGradient, batch);
        }
    }

    /// <summary>Sets every parameter gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (Parameter p in _parameters)
            p.ZeroGrad();
    }

    private ReadOnlySpan<float> Rows(Memory<float> buffer, int boundary, int batch) => buffer.Span[..(batch * _widths[boundary])];

    /// <summary>
    /// A multilayer perceptron: <see cref="Dense"/> layers of the given <paramref name="sizes"/> (input first, output
    /// last) named <c>dense0</c>, <c>dense1</c>, …, with an activation (default <see cref="Relu"/>) and optional
    /// dropout after every hidden layer. All weights and dropout masks derive from <paramref name="seed"/>.
    /// </summary>
    public static Sequential Mlp(ReadOnlySpan<int> sizes, ulong seed, Func<Layer>? activation = null, WeightInit init = WeightInit.He, float dropout = 0f)
    {
        if (sizes.Length < 2)
            throw new ArgumentException("An MLP needs at least an input and an output size.", nameof(sizes));
        var layers = new List<Layer>();
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            layers.Add(new Dense(sizes[i], sizes[i + 1], NnRandom.Derive(seed, (ulong)i), init, $"dense{i}"));
            if (i + 2 == sizes.Length)
                break;
            layers.Add(activation?.Invoke() ?? new Relu());
            if (dropout > 0f)
                layers.Add(new Dropout(dropout, NnRandom.Derive(seed, 1000UL + (ulong)i)));
        }
        return new Sequential(sizes[0], layers.ToArray());
    }
}
