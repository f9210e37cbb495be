using System;

namespace OptGen;

/// <summary>
/// What an <see cref="OptimizerState"/> made of other optimizers' states (a <see cref="RoutedOptimizer"/>'s) does in
/// place of its own storage: the changes that must reach the members. The composed state calls these inside its own
/// checks, after validating what it can check alone, and the composition keeps the state's view current with
/// <see cref="OptimizerState.Adopt"/>.
/// </summary>
internal interface IStateComposition
{
    /// <summary>Fresh member state for <paramref name="parameters"/> (already checked for null, empty and repeats), step count 0.</summary>
    void Initialize(ReadOnlySpan<Parameter> parameters);

    /// <summary>Saved state into the members; validates everything before changing any member, and changes none on an exception.</summary>
    void Restore(ReadOnlySpan<Parameter> parameters, long stepCount, ReadOnlySpan<float[][]> buffers, ReadOnlySpan<double[]> scalars, ReadOnlySpan<double> shared);

    /// <summary>Forgets every member's state.</summary>
    void Reset();

    /// <summary>Sets every member's step count (a checkpoint without tensor state restores only the count).</summary>
    void SetStepCount(long stepCount);
}
