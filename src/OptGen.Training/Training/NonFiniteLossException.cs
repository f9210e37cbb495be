using System;

namespace OptGen.Training;

/// <summary>Thrown when a training step's loss is NaN or infinite and skipping such steps was not asked for.</summary>
/// <param name="epoch">The epoch, from 1.</param>
/// <param name="step">The step within the epoch, from 1.</param>
/// <param name="globalStep">The optimizer's step number (from 1) that would have been taken.</param>
/// <param name="loss">The offending loss value.</param>
public sealed class NonFiniteLossException(int epoch, int step, long globalStep, double loss)
    : ArithmeticException($"The training loss is {loss} at epoch {epoch}, step {step} (optimizer step {globalStep}). "
        + "Lower the learning rate, check the data for NaN or infinite values, or set TrainerOptions.SkipNonFiniteSteps to skip such steps.")
{
    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The step within the epoch, from 1.</summary>
    public int Step { get; } = step;

    /// <summary>The optimizer's step number (from 1) that would have been taken.</summary>
    public long GlobalStep { get; } = globalStep;

    /// <summary>The offending loss value.</summary>
    public double Loss { get; } = loss;
}
