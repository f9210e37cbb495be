using System;

namespace OptGen.Training;

/// <summary>Thrown when a training step's loss is NaN or infinite and skipping such steps was not asked for.</summary>
public sealed class NonFiniteLossException : ArithmeticException
{
    /// <summary>Describes the step at which the loss stopped being finite.</summary>
    public NonFiniteLossException(int epoch, int step, long globalStep, double loss)
        : base($"The training loss is {loss} at epoch {epoch}, step {step} (optimizer step {globalStep}). "
            + "Lower the learning rate, check the data for NaN or infinite values, or set TrainerOptions.SkipNonFiniteSteps to skip such steps.")
    {
        Epoch = epoch;
        Step = step;
        GlobalStep = globalStep;
        Loss = loss;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The step within the epoch, from 1.</summary>
    public int Step { get; }

    /// <summary>The optimizer's step number (from 1) that would have been taken.</summary>
    public long GlobalStep { get; }

    /// <summary>The offending loss value.</summary>
    public double Loss { get; }
}
