using System;
using System.Collections.Generic;
using System.Diagnostics;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Training;

namespace OptGen.Cli;

/// <summary>What one optimizer's run produced: every epoch's report (resumed ones included) and the final test metrics.</summary>
internal sealed record RunResult(OptimizerChoice Choice, IReadOnlyList<EpochReport> History, Metrics Test, TimeSpan Elapsed)
{
    /// <summary>The epoch the run resumed after (0 when it started fresh).</summary>
    public int ResumedAfter { get; init; }

    /// <summary>True when training ran all epochs or stopped early; false when paused by --stop-after.</summary>
    public bool Finished { get; init; } = true;

    /// <summary>Test accuracy per named class, or null when the classes have no names.</summary>
    public IReadOnlyList<ClassScore>? ClassScores { get; init; }
}

/// <summary>
/// Trains one fresh MLP per optimizer: same architecture, same initial weights, same batch order. With a checkpoint
/// path, the state is saved after every epoch and a run resumes from an existing file, bit-identically.
/// </summary>
internal sealed class ExperimentRunner(CliSettings settings, Dataset train, Dataset test, int[] sizes, bool several = false)
{
    /// <summary>Where to say that a run resumed from a checkpoint (optional).</summary>
    public Action<string>? Note { get; init; }

    public int StepsPerEpoch => (train.Rows + BatchSize - 1) / BatchSize;

    private int BatchSize => settings.BatchSize == 0 ? train.Rows : Math.Min(settings.BatchSize, train.Rows);

    public RunResult Run(OptimizerChoice choice, IProgress<EpochReport> progress)
    {
        long started = Stopwatch.GetTimestamp();
        Trainer trainer = CreateTrainer(choice);
        var history = new List<EpochReport>();
        RunCheckpoint? checkpoint = settings.CheckpointPath is { } path
            ? new RunCheckpoint(RunCheckpoint.PathFor(path, choice, several), RunCheckpoint.Configuration(settings, choice, sizes, train.Rows))
            : null;
        if (checkpoint?.TryResume(trainer) is { } saved)
            history.AddRange(saved);
        int resumedAfter = trainer.CompletedEpochs;
        if (checkpoint is not null && resumedAfter > 0)
            Note?.Invoke($"  resumed from {checkpoint.Path} after epoch {resumedAfter}");

        var epochs = new Reporter(r =>
        {
            history.Add(r);
            checkpoint?.Save(trainer, history);
            progress.Report(r);
        });
        // The test set is only watched (for the curves), never used to pick weights or stop early.
        trainer.FitUntil(train, test, settings.StopAfter ?? settings.Epochs, epochs);
        Metrics metrics = trainer.Evaluate(test);
        return new RunResult(choice, history, metrics, Stopwatch.GetElapsedTime(started))
        {
            ResumedAfter = resumedAfter,
            Finished = trainer.IsFinished,
            ClassScores = ClassReport.Score(trainer.Model, test),
        };
    }

    private Trainer CreateTrainer(OptimizerChoice choice)
    {
        Sequential model = Sequential.Mlp(sizes, settings.Seed, dropout: settings.Dropout);
        IOptimizer optimizer = OptimizerSetup.Create(choice, settings);
        optimizer.Schedule = Schedules.Create(settings.Schedule, settings.Epochs, StepsPerEpoch);
        var options = new TrainerOptions { Epochs = settings.Epochs, BatchSize = settings.BatchSize, Seed = settings.Seed };
        return new Trainer(model, new SoftmaxCrossEntropy(), optimizer, options);
    }

    /// <summary>Calls back on the training thread, where the trainer's state is consistent for a checkpoint.</summary>
    private sealed class Reporter(Action<EpochReport> onReport) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => onReport(value);
    }
}
