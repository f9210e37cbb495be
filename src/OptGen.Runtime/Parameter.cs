using System;
using System.Runtime.InteropServices;

namespace OptGen;

/// <summary>
/// One trainable tensor: its values and the gradient of the loss with respect to them, as two separate float buffers
/// of the same length, with a shape (row-major; a flat tensor has shape <c>[Length]</c>). Optimizers read
/// <see cref="Grad"/> and update <see cref="Value"/>.
/// </summary>
/// <remarks>
/// The buffers are either arrays (yours, wrapped without copying, or allocated 64-byte aligned by the constructors
/// that take a length or a shape) or memory the caller owns (<see cref="Parameter(Memory{float}, Memory{float}, int[], string?)"/>):
/// native memory, pinned memory or a slice of a larger array. Caller-owned memory must stay valid, and keep its
/// length, for as long as the parameter is stepped; memory from <see cref="AlignedMemory.AllocateNative"/> that was
/// disposed throws <see cref="ObjectDisposedException"/> at the next access instead of touching freed memory. The
/// parameters one optimizer steps must not share memory (slices of one buffer back to back are fine): a step runs short
/// tensors side by side on several cores, and its first step rejects overlapping ones with an <see cref="ArgumentException"/>.
/// </remarks>
public sealed class Parameter
{
    private readonly Memory<float> _value;
    private readonly Memory<float> _grad;
    private readonly int[] _shape;

    /// <summary>Wraps <paramref name="value"/> (not copied) and allocates a zeroed gradient of the same length; shape <c>[Length]</c>.</summary>
    public Parameter(float[] value, string? name = null)
        : this(value, new float[(value ?? throw new ArgumentNullException(nameof(value))).Length], name)
    {
    }

    /// <summary>A zero-initialised parameter of <paramref name="length"/> elements (shape <c>[length]</c>), 64-byte aligned.</summary>
    public Parameter(int length, string? name = null)
        : this([length >= 0 ? length : throw new ArgumentOutOfRangeException(nameof(length), length, "A parameter length cannot be negative.")], name)
    {
    }

    /// <summary>Wraps both buffers (not copied); shape <c>[Length]</c>. They must have the same length and must not be the same array.</summary>
    public Parameter(float[] value, float[] grad, string? name = null)
        : this(value, grad, [(value ?? throw new ArgumentNullException(nameof(value))).Length], name)
    {
    }

    /// <summary>Wraps <paramref name="value"/> (not copied, row-major) with the given shape, and allocates a zeroed gradient.</summary>
    public Parameter(float[] value, int[] shape, string? name = null)
        : this(value, new float[(value ?? throw new ArgumentNullException(nameof(value))).Length], shape, name)
    {
    }

    /// <summary>Wraps both buffers (not copied, row-major) with the given shape.</summary>
    public Parameter(float[] value, float[] grad, int[] shape, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(grad);
        if (ReferenceEquals(value, grad) && value.Length > 0)
            throw new ArgumentException("The gradient buffer must not be the value buffer: an update would overwrite its own gradient.", nameof(grad));
        (_value, _grad, _shape) = Checked(value, grad, shape, name);
        Name = name;
    }

    /// <summary>A zero-initialised parameter of the given shape, its value and gradient 64-byte aligned.</summary>
    public Parameter(int[] shape, string? name = null)
    {
        int length = ShapeLength(shape, name);
        (_value, _grad, _shape) = Checked(AlignedMemory.Allocate(length), AlignedMemory.Allocate(length), shape, name);
        Name = name;
    }

    /// <summary>
    /// Wraps memory the caller owns (native, pinned, or part of a larger array), stepped in place without copies.
    /// Both must have the shape's length and must not overlap. See the class remarks for the lifetime rules.
    /// </summary>
    public Parameter(Memory<float> value, Memory<float> grad, int[] shape, string? name = null)
    {
        (_value, _grad, _shape) = Checked(value, grad, shape, name);
        if (_value.Length > 0 && _value.Span.Overlaps(_grad.Span))
            throw new ArgumentException($"The gradient memory of {Describe(name)} overlaps its value memory: an update would overwrite its own gradient.", nameof(grad));
        Name = name;
        WrapsMemoryManager = !MemoryMarshal.TryGetArray<float>(value, out _) || !MemoryMarshal.TryGetArray<float>(grad, out _);
    }

    /// <summary>
    /// Whether the value or the gradient is a memory manager's (native memory, say), which can be disposed: a step
    /// checks such memory before it changes anything (<see cref="ThrowIfDisposed"/>).
    /// </summary>
    internal bool WrapsMemoryManager { get; }

    /// <summary>
    /// Reads both buffers' spans, which for disposed memory from <see cref="AlignedMemory.AllocateNative"/> throws
    /// <see cref="ObjectDisposedException"/>: so a step over a disposed parameter fails before any tensor is updated.
    /// </summary>
    internal void ThrowIfDisposed() => _ = _value.Span.Length + _grad.Span.Length;

    private static (Memory<float>, Memory<float>, int[]) Checked(Memory<float> value, Memory<float> grad, int[] shape, string? name)
    {
        int length = ShapeLength(shape, name);
        if (value.Length != length)
            throw new ArgumentException($"The value of {Describe(name)} has {value.Length} elements but its shape {Format(shape)} has {length}; they must match.", nameof(value));
        if (grad.Length != length)
            throw new ArgumentException($"The gradient of {Describe(name)} has {grad.Length} elements but the value has {length}; they must match.", nameof(grad));
        return (value, grad, (int[])shape.Clone());
    }

    private static int ShapeLength(int[] shape, string? name)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0)
            throw new ArgumentException($"The shape of {Describe(name)} has no dimensions; a scalar is shape [1].", nameof(shape));
        long length = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"The shape {Format(shape)} of {Describe(name)} has a negative dimension.", nameof(shape));
            length *= d;
            if (length > Array.MaxLength)
                throw new ArgumentException($"The shape {Format(shape)} of {Describe(name)} has more elements than an array can hold.", nameof(shape));
        }
        return (int)length;
    }

    private static string Describe(string? name) => name is null ? "the parameter" : $"parameter '{name}'";

    /// <summary>A shape as PyTorch prints it, e.g. <c>[8, 12]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>An optional name, used in error messages and checkpoints.</summary>
    public string? Name { get; }

    /// <summary>Number of elements (the product of <see cref="Shape"/>).</summary>
    public int Length => _value.Length;

    /// <summary>The dimensions, row-major (the last varies fastest).</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The values, as a view of the underlying buffer.</summary>
    public Span<float> Value => _value.Span;

    /// <summary>The gradient, as a view of the underlying buffer.</summary>
    public Span<float> Grad => _grad.Span;

    /// <summary>Sets every gradient element to zero.</summary>
    public void ZeroGrad() => _grad.Span.Clear();

    /// <summary>The first value element, for generated kernels (no bounds check; the span is not created).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public ref float ValueReference => ref MemoryMarshal.GetReference(_value.Span);

    /// <summary>The first gradient element, for generated kernels.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public ref float GradReference => ref MemoryMarshal.GetReference(_grad.Span);

    /// <summary>The value memory, for generated code that hands chunks of it to other cores.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public Memory<float> ValueMemory => _value;

    /// <summary>The gradient memory, for generated code that hands chunks of it to other cores.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public Memory<float> GradMemory => _grad;

    /// <inheritdoc />
    public override string ToString() => $"Parameter {Name ?? "(unnamed)"} {Format(_shape)}";
}
