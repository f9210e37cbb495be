using System;

namespace OptGen.Training;

/// <summary>What one epoch did; sent to the <see cref="IProgress{T}"/> given to <see cref="Trainer.Fit"/>.</summary>
public sealed record EpochReport
{
    /// <summary>The epoch just finished, from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>The number of epochs planned.</summary>
    public required int Epochs { get; init; }

    /// <summary>Mean training loss over the epoch's steps (in training mode, with the weights of each step).</summary>
    public required double TrainLoss { get; init; }

    /// <summary>Share of training rows classified correctly during the epoch, or null for regression.</summary>
    public double? TrainAccuracy { get; init; }

    /// <summary>Metrics on the validation data after the epoch, or null when there is none.</summary>
    public Metrics? Validation { get; init; }

    /// <summary>The learning rate the next step would use (the schedule's value, else the optimizer's rate).</summary>
    public required double LearningRate { get; init; }

    /// <summary>Optimizer steps taken this epoch.</summary>
    public required int Steps { get; init; }

    /// <summary>Steps skipped this epoch because their loss was not finite (see <see cref="TrainerOptions.SkipNonFiniteSteps"/>).</summary>
    public int SkippedSteps { get; init; }

    /// <summary>True when the monitored loss (validation if given, else training) is the best so far.</summary>
    public bool IsBest { get; init; }

    /// <summary>Wall time of the epoch, evaluation included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The loss that early stopping and plateau detection watch.</summary>
    public double MonitoredLoss => Validation?.Loss ?? TrainLoss;
}
