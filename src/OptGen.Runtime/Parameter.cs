using System;

namespace OptGen;

/// <summary>
/// One trainable tensor: its values and the gradient of the loss with respect to them, as two separate
/// float buffers of the same length. Optimizers read <see cref="Grad"/> and update <see cref="Value"/>.
/// </summary>
public sealed class Parameter
{
    private readonly float[] _value;
    private readonly float[] _grad;

    /// <summary>Wraps <paramref name="value"/> (not copied) and allocates a zeroed gradient of the same length.</summary>
    public Parameter(float[] value, string? name = null)
        : this(value, new float[(value ?? throw new ArgumentNullException(nameof(value))).Length], name)
    {
    }

    /// <summary>A zero-initialised parameter of <paramref name="length"/> elements.</summary>
    public Parameter(int length, string? name = null)
        : this(new float[length >= 0 ? length : throw new ArgumentOutOfRangeException(nameof(length), length, "A parameter length cannot be negative.")], name)
    {
    }

    /// <summary>Wraps both buffers (not copied). They must have the same length and must not be the same array.</summary>
    public Parameter(float[] value, float[] grad, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(grad);
        if (value.Length != grad.Length)
            throw new ArgumentException($"The gradient has {grad.Length} elements but the value has {value.Length}; they must match.", nameof(grad));
        if (ReferenceEquals(value, grad) && value.Length > 0)
            throw new ArgumentException("The gradient buffer must not be the value buffer: an update would overwrite its own gradient.", nameof(grad));
        _value = value;
        _grad = grad;
        Name = name;
    }

    /// <summary>An optional name, used in error messages and checkpoints.</summary>
    public string? Name { get; }

    /// <summary>Number of elements.</summary>
    public int Length => _value.Length;

    /// <summary>The values, as a view of the underlying buffer.</summary>
    public Span<float> Value => _value;

    /// <summary>The gradient, as a view of the underlying buffer.</summary>
    public Span<float> Grad => _grad;

    /// <summary>The value buffer itself, for generated code that hands chunks of it to other cores.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public float[] ValueArray => _value;

    /// <summary>The gradient buffer itself, for generated code that hands chunks of it to other cores.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public float[] GradArray => _grad;

    /// <summary>Sets every gradient element to zero.</summary>
    public void ZeroGrad() => Array.Clear(_grad);

    /// <inheritdoc />
    public override string ToString() => $"Parameter {Name ?? "(unnamed)"} [{Length}]";
}
