using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using OptGen.Data;
using OptGen.Nn;

namespace OptGen.Training;

/// <summary>
/// Trains a <see cref="Sequential"/> model on a <see cref="Dataset"/> with any <see cref="IOptimizer"/>: shuffled
/// mini-batches, a validation pass per epoch, early stopping, plateau handling, progress and cancellation. Every
/// buffer a step needs is allocated up front, so after the first step training allocates nothing per step.
/// </summary>
public sealed class Trainer
{
    private readonly BatchBuffers _buffers;
    private readonly NnRandom _shuffle;
    private int[] _order = [];
    private long _epochCorrect; // rows classified correctly in the current epoch's steps

    /// <summary>Prepares to train <paramref name="model"/> under <paramref name="loss"/> with <paramref name="optimizer"/>.</summary>
    public Trainer(Sequential model, Loss loss, IOptimizer optimizer, TrainerOptions? options = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Options = options ?? new TrainerOptions();
        Options.Validate();
        _buffers = new BatchBuffers(model.InputSize, model.OutputSize);
        _shuffle = new NnRandom(Options.Seed);
    }

    /// <summary>The model being trained.</summary>
    public Sequential Model { get; }

    /// <summary>The loss minimised.</summary>
    public Loss Loss { get; }

    /// <summary>The optimizer that updates <see cref="Sequential.Parameters"/>.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>How training runs.</summary>
    public TrainerOptions Options { get; }

    /// <summary>
    /// Trains for <see cref="TrainerOptions.Epochs"/> epochs (or until early stopping), evaluating on
    /// <paramref name="validation"/> after each epoch when given. Throws <see cref="NonFiniteLossException"/> on a NaN
    /// or infinite loss unless such steps are skipped, and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public TrainingResult Fit(Dataset train, Dataset? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckData(train, nameof(train));
        if (validation is not null)
            CheckData(validation, nameof(validation));
        int rows = train.Rows;
        int batchSize = Options.BatchSize == 0 ? rows : Math.Min(Options.BatchSize, rows);
        int stepsPerEpoch = (rows + batchSize - 1) / batchSize;
        Prepare(batchSize);
        if (_order.Length != rows)
        {
            _order = new int[rows];
            for (int i = 0; i < rows; i++)
                _order[i] = i;
        }
        if (Optimizer.Schedule is ITotalStepsSchedule schedule && schedule.TotalSteps == 0)
            schedule.TotalSteps = Optimizer.StepCount + (long)Options.Epochs * stepsPerEpoch;

        var history = new List<EpochReport>(Options.Epochs);
        var best = new BestTracker(Model, Options.RestoreBestWeights);
        bool stoppedEarly = false;
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            if (Options.Shuffle)
                _shuffle.Shuffle(_order);
            double lossSum = 0;
            int lossRows = 0, skipped = 0;
            _epochCorrect = 0;
            for (int step = 1; step <= stepsPerEpoch; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = (step - 1) * batchSize;
                ReadOnlySpan<int> batchRows = _order.AsSpan(start, Math.Min(batchSize, rows - start));
                double loss = TrainStep(train, batchRows);
                if (!double.IsFinite(loss))
                {
                    if (!Options.SkipNonFiniteSteps)
                        throw new NonFiniteLossException(epoch, step, Optimizer.StepCount + 1, loss);
                    skipped++;
                    continue;
                }
                lossSum += loss * batchRows.Length;
                lossRows += batchRows.Length;
            }

            Metrics? metrics = validation is null ? null : Evaluate(validation);
            double trainLoss = lossRows > 0 ? lossSum / lossRows : double.NaN;
            double monitored = metrics?.Loss ?? trainLoss;
            bool improved = best.Observe(epoch, monitored, Options.MinDelta);
            var report = new EpochReport
            {
                Epoch = epoch,
                Epochs = Options.Epochs,
                TrainLoss = trainLoss,
                TrainAccuracy = train.Labels is null || lossRows == 0 ? null : (double)_epochCorrect / lossRows,
                Validation = metrics,
                LearningRate = CurrentLearningRate(),
                Steps = stepsPerEpoch - skipped,
                SkippedSteps = skipped,
                IsBest = improved,
                Elapsed = Stopwatch.GetElapsedTime(started),
            };
            history.Add(report);
            Options.ReduceOnPlateau?.Observe(Optimizer, monitored);
            progress?.Report(report);
            if (Options.EarlyStoppingPatience > 0 && epoch - best.Epoch >= Options.EarlyStoppingPatience)
            {
                stoppedEarly = epoch < Options.Epochs;
                break;
            }
        }
        best.Restore();
        return new TrainingResult(history, stoppedEarly, best.Epoch);
    }

    /// <summary>
    /// One optimizer step on the given rows of <paramref name="data"/>: forward, loss, backward, update. Returns the
    /// batch's mean loss; when it is not finite, nothing is updated. Allocates nothing once buffers are sized.
    /// </summary>
    public double TrainStep(Dataset data, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(data);
        int batch = rows.Length;
        if (batch == 0)
            throw new ArgumentException("A step needs at least one row.", nameof(rows));
        Prepare(batch);
        Model.Training = true;
        _buffers.Gather(data, rows);
        ReadOnlySpan<float> outputs = Model.Forward(_buffers.Features(batch), batch);
        Span<float> gradient = _buffers.Gradient(batch);
        double loss = _buffers.ComputeLoss(Loss, data, outputs, gradient, batch);
        if (!double.IsFinite(loss))
            return loss;
        if (data.Labels is not null)
            _epochCorrect += _buffers.CountCorrect(outputs, batch, Loss);
        Model.ZeroGrad();
        Model.Backward(gradient);
        Optimizer.Step(Model.Parameters);
        return loss;
    }

    /// <summary>Loss and accuracy (classification) or MSE and R² (regression) on <paramref name="data"/>, in evaluation mode.</summary>
    public Metrics Evaluate(Dataset data)
    {
        CheckData(data, nameof(data));
        int chunk = Math.Min(data.Rows, Math.Max(Options.EvaluationBatchSize, Model.MaxBatch));
        Prepare(chunk);
        bool wasTraining = Model.Training;
        Model.Training = false;
        try
        {
            var totals = new EvaluationTotals();
            for (int start = 0; start < data.Rows; start += chunk)
            {
                int batch = Math.Min(chunk, data.Rows - start);
                _buffers.GatherRange(data, start, batch);
                ReadOnlySpan<float> outputs = Model.Forward(_buffers.Features(batch), batch);
                double loss = _buffers.ComputeLoss(Loss, data, outputs, Span<float>.Empty, batch);
                totals.Add(loss, batch);
                if (data.Labels is not null)
                    totals.Correct += _buffers.CountCorrect(outputs, batch, Loss);
                else
                    totals.AddRegression(outputs, data.Targets.AsSpan(start, batch));
            }
            return totals.ToMetrics(data);
        }
        finally
        {
            Model.Training = wasTraining;
        }
    }

    private void Prepare(int batch)
    {
        Model.EnsureCapacity(batch);
        _buffers.EnsureCapacity(batch);
    }

    private double CurrentLearningRate() => Optimizer.Schedule is { } s
        ? s.GetLearningRate(Optimizer.StepCount, Optimizer.LearningRate)
        : Optimizer.LearningRate;

    private void CheckData(Dataset data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.Columns != Model.InputSize)
            throw new ArgumentException($"The {name} data has {data.Columns} feature columns but the model takes {Model.InputSize}.", name);
        if (data.Rows == 0)
            throw new ArgumentException($"The {name} data has no rows.", name);
        if (data.Labels is null && Model.OutputSize != 1)
            throw new ArgumentException($"The {name} data has one regression target per row, but the model has {Model.OutputSize} outputs.", name);
        if (data.Labels is not null && Model.OutputSize > 1 && data.ClassCount > Model.OutputSize)
            throw new ArgumentException($"The {name} data has {data.ClassCount} classes but the model has only {Model.OutputSize} outputs.", name);
    }
}
