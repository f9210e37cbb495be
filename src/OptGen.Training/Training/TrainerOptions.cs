using System;

namespace OptGen.Training;

/// <summary>How a <see cref="Trainer"/> runs. The defaults train 10 epochs of shuffled mini-batches of 32.</summary>
public sealed class TrainerOptions
{
    /// <summary>Number of passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows per step: 1 for pure stochastic descent, 0 (or at least the row count) for full batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Shuffle the rows before every epoch (from <see cref="Seed"/>, so runs repeat exactly).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffling.</summary>
    public ulong Seed { get; init; }

    /// <summary>Stop after this many epochs without improvement of the monitored loss; 0 never stops early.</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>An epoch improves only if the monitored loss falls below the best by more than this.</summary>
    public double MinDelta { get; init; }

    /// <summary>
    /// When training ends, put back the weights of the epoch with the best monitored loss (for an
    /// <see cref="IEvaluationWeights"/> optimizer, its evaluation weights at that epoch: those the loss was measured at).
    /// </summary>
    public bool RestoreBestWeights { get; init; }

    /// <summary>Lowers the optimizer's learning rate when the monitored loss stalls (optional).</summary>
    public ReduceLearningRateOnPlateau? ReduceOnPlateau { get; init; }

    /// <summary>
    /// Skip a step whose loss is NaN or infinite (no update) and count it in <see cref="EpochReport.SkippedSteps"/>,
    /// instead of stopping with a <see cref="NonFiniteLossException"/>.
    /// </summary>
    public bool SkipNonFiniteSteps { get; init; }

    /// <summary>Rows per forward pass when evaluating (no gradients, so it can exceed <see cref="BatchSize"/>).</summary>
    public int EvaluationBatchSize { get; init; } = 512;

    /// <summary>
    /// Sharpness-aware minimisation: each step takes its gradient at weights moved up the loss surface by
    /// <see cref="SamOptions.Rho"/> (two forward and backward passes per step). Null (the default) trains plainly.
    /// </summary>
    public SamOptions? Sam { get; init; }

    internal void Validate()
    {
        Sam?.Validate();
        if (Epochs < 0)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs cannot be negative.");
        if (BatchSize < 0)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size cannot be negative (0 means full batch).");
        if (EarlyStoppingPatience < 0)
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "The patience cannot be negative.");
        if (EvaluationBatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(EvaluationBatchSize), EvaluationBatchSize, "The evaluation batch size must be at least 1.");
    }
}
