using System.Collections.Generic;

namespace OptGen.Checkpoints;

/// <summary>One tensor recorded in a checkpoint.</summary>
/// <param name="Name">The parameter's name, or null if it had none (it is then matched by position).</param>
/// <param name="Length">Number of elements.</param>
public sealed record CheckpointTensor(string? Name, int Length);

/// <summary>What a checkpoint file holds, as read by <see cref="Checkpoint.ReadInfo(string)"/> (the file was fully validated).</summary>
public sealed class CheckpointInfo
{
    internal CheckpointInfo(int formatVersion, string optimizerType, string optimizerName, long stepCount, bool hasOptimizerState,
        string[] bufferNames, string[] scalarNames, CheckpointTensor[] tensors, byte[] extra)
    {
        FormatVersion = formatVersion;
        OptimizerType = optimizerType;
        OptimizerName = optimizerName;
        StepCount = stepCount;
        HasOptimizerState = hasOptimizerState;
        BufferNames = bufferNames;
        ScalarNames = scalarNames;
        Tensors = tensors;
        Extra = extra;
    }

    /// <summary>The file format version.</summary>
    public int FormatVersion { get; }

    /// <summary>Full .NET type name of the optimizer that was saved.</summary>
    public string OptimizerType { get; }

    /// <summary>The optimizer's name (<see cref="OptimizerState.OptimizerName"/>).</summary>
    public string OptimizerName { get; }

    /// <summary>The optimizer's step count.</summary>
    public long StepCount { get; }

    /// <summary>False when the optimizer had not taken a step (and had no state) when saved.</summary>
    public bool HasOptimizerState { get; }

    /// <summary>Names of the optimizer's per-element state buffers.</summary>
    public IReadOnlyList<string> BufferNames { get; }

    /// <summary>Names of the optimizer's per-tensor scalar states.</summary>
    public IReadOnlyList<string> ScalarNames { get; }

    /// <summary>The parameter tensors, in the order they were saved.</summary>
    public IReadOnlyList<CheckpointTensor> Tensors { get; }

    /// <summary>The opaque extra section (empty if none was saved).</summary>
    public byte[] Extra { get; }
}
