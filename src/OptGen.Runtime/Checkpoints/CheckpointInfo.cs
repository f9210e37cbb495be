using System;
using System.Collections.Generic;

namespace OptGen.Checkpoints;

/// <summary>One tensor recorded in a checkpoint.</summary>
/// <param name="Name">The parameter's name, or null if it had none (it is then matched by position).</param>
/// <param name="Length">Number of elements.</param>
public sealed record CheckpointTensor(string? Name, int Length)
{
    private readonly int[]? _shape;

    /// <summary>A tensor of the given shape (row-major); <see cref="Length"/> is the product of its dimensions.</summary>
    public CheckpointTensor(string? name, int[] shape)
        : this(name, Product(shape))
    {
        _shape = (int[])shape.Clone();
    }

    /// <summary>
    /// The dimensions, as <see cref="Parameter.Shape"/> was when saved. Format version 1 recorded no shapes: its tensors
    /// (and those made with the length constructor) read as flat, <c>[Length]</c>.
    /// </summary>
    public IReadOnlyList<int> Shape => _shape ?? [Length];

    /// <summary>Equal names, lengths and shapes.</summary>
    public bool Equals(CheckpointTensor? other)
    {
        if (other is null || Name != other.Name || Length != other.Length)
            return false;
        IReadOnlyList<int> a = Shape, b = other.Shape;
        if (a.Count != b.Count)
            return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Length, Shape.Count);

    private static int Product(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"The shape {Parameter.Format(shape)} has a negative dimension.", nameof(shape));
            n = Math.Min(n * d, (long)int.MaxValue + 1);
        }
        return n <= int.MaxValue ? (int)n : throw new ArgumentException($"The shape {Parameter.Format(shape)} has more elements than an array can hold.", nameof(shape));
    }
}

/// <summary>What a checkpoint file holds, as read by <see cref="Checkpoint.ReadInfo(string)"/> (the file was fully validated).</summary>
public sealed class CheckpointInfo
{
    // Built by the reader with an object initializer: each fact is named once, where it is read.
    internal CheckpointInfo() { }

    /// <summary>The file format version.</summary>
    public int FormatVersion { get; internal init; }

    /// <summary>Full .NET type name of the optimizer that was saved.</summary>
    public string OptimizerType { get; internal init; } = "";

    /// <summary>The optimizer's name (<see cref="OptimizerState.OptimizerName"/>).</summary>
    public string OptimizerName { get; internal init; } = "";

    /// <summary>The optimizer's step count.</summary>
    public long StepCount { get; internal init; }

    /// <summary>False when the optimizer had not taken a step (and had no state) when saved.</summary>
    public bool HasOptimizerState { get; internal init; }

    /// <summary>Names of the optimizer's per-element state buffers.</summary>
    public IReadOnlyList<string> BufferNames { get; internal init; } = [];

    /// <summary>Names of the optimizer's per-tensor scalar states.</summary>
    public IReadOnlyList<string> ScalarNames { get; internal init; } = [];

    /// <summary>Names of the optimizer's scalar states shared by all tensors (none before format version 3).</summary>
    public IReadOnlyList<string> SharedNames { get; internal init; } = [];

    /// <summary>The parameter tensors, in the order they were saved.</summary>
    public IReadOnlyList<CheckpointTensor> Tensors { get; internal init; } = [];

    /// <summary>The opaque extra section (empty if none was saved).</summary>
    public byte[] Extra { get; internal init; } = [];
}
