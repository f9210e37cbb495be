using System.Collections.Generic;

namespace OptGen.Interop;

/// <summary>One tensor of a safetensors file, as its header describes it (validated).</summary>
public sealed class SafeTensorsEntry
{
    internal SafeTensorsEntry()
    {
    }

    /// <summary>The tensor's key in the header, e.g. <c>"0.weight"</c>.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>The element type.</summary>
    public SafeTensorsDType DType { get; internal init; }

    /// <summary>The dimensions, row-major (empty for a scalar, shape <c>[]</c>).</summary>
    public IReadOnlyList<long> Shape { get; internal init; } = [];

    /// <summary>Offset of the first byte of the data, relative to the start of the byte buffer (after the header).</summary>
    public long Begin { get; internal init; }

    /// <summary>Offset one past the last byte of the data, relative to the start of the byte buffer.</summary>
    public long End { get; internal init; }

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; internal init; }

    /// <summary>The shape as PyTorch prints it, e.g. <c>[8, 12]</c>.</summary>
    public string FormatShape() => "[" + string.Join(", ", Shape) + "]";

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {SafeTensorsDTypes.Name(DType)} {FormatShape()} bytes [{Begin}, {End})";
}
