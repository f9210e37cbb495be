using System;
using System.Collections.Generic;
using System.Diagnostics;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Training;

namespace OptGen.Cli;

/// <summary>What one optimizer's run produced.</summary>
internal sealed record RunResult(OptimizerChoice Choice, IReadOnlyList<EpochReport> History, Metrics Test, TimeSpan Elapsed);

/// <summary>Trains one fresh MLP per optimizer: same architecture, same initial weights, same batch order.</summary>
internal sealed class ExperimentRunner(CliSettings settings, Dataset train, Dataset test, int[] sizes)
{
    public int StepsPerEpoch => (train.Rows + BatchSize - 1) / BatchSize;

    private int BatchSize => settings.BatchSize == 0 ? train.Rows : Math.Min(settings.BatchSize, train.Rows);

    public RunResult Run(OptimizerChoice choice, IProgress<EpochReport> progress)
    {
        long started = Stopwatch.GetTimestamp();
        Sequential model = Sequential.Mlp(sizes, settings.Seed, dropout: settings.Dropout);
        IOptimizer optimizer = choice.Create();
        if (settings.WeightDecay is { } wd && optimizer is Declared.AdaBeliefW dsl)
            dsl.WeightDecay = wd;
        if (settings.LearningRate is { } lr)
            optimizer.LearningRate = lr;
        optimizer.Schedule = Schedules.Create(settings.Schedule, settings.Epochs, StepsPerEpoch);
        var options = new TrainerOptions { Epochs = settings.Epochs, BatchSize = settings.BatchSize, Seed = settings.Seed };
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), optimizer, options);
        // The test set is only watched (for the curves), never used to pick weights or stop early.
        TrainingResult result = trainer.Fit(train, test, progress);
        Metrics metrics = trainer.Evaluate(test);
        return new RunResult(choice, result.History, metrics, Stopwatch.GetElapsedTime(started));
    }
}
