using System.Collections.Generic;

namespace OptGen.Interop;

/// <summary>One tensor of a safetensors file, as its header describes it (validated).</summary>
public sealed class SafeTensorsEntry
{
    internal SafeTensorsEntry(string name, SafeTensorsDType dtype, long[] shape, long begin, long end, long elementCount)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        Begin = begin;
        End = end;
        ElementCount = elementCount;
    }

    /// <summary>The tensor's key in the header, e.g. <c>"0.weight"</c>.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorsDType DType { get; }

    /// <summary>The dimensions, row-major (empty for a scalar, shape <c>[]</c>).</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Offset of the first byte of the data, relative to the start of the byte buffer (after the header).</summary>
    public long Begin { get; }

    /// <summary>Offset one past the last byte of the data, relative to the start of the byte buffer.</summary>
    public long End { get; }

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>The shape as PyTorch prints it, e.g. <c>[8, 12]</c>.</summary>
    public string FormatShape() => "[" + string.Join(", ", Shape) + "]";

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {SafeTensorsDTypes.Name(DType)} {FormatShape()} bytes [{Begin}, {End})";
}
