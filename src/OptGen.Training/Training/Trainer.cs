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
    private readonly BestTracker _best;
    private readonly SharpnessAwarePerturbation? _sam;
    private readonly EvaluationWeightSwap? _evaluationWeights;
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
        _best = new BestTracker(model, Options.RestoreBestWeights);
        _sam = Options.Sam is { } sam ? new SharpnessAwarePerturbation(model, sam) : null;
        _evaluationWeights = optimizer is IEvaluationWeights evaluation ? new EvaluationWeightSwap(model, evaluation) : null;
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
    /// Trains until <see cref="TrainerOptions.Epochs"/> epochs are complete (or until early stopping), evaluating on
    /// <paramref name="validation"/> after each epoch when given. A new trainer starts at epoch 1; a trainer restored
    /// with <see cref="TrainerCheckpoint.Load"/> or paused by <see cref="FitUntil"/> continues after
    /// <see cref="CompletedEpochs"/>, exactly as if it had never stopped; a finished trainer trains no further. Throws
    /// <see cref="NonFiniteLossException"/> on a NaN or infinite loss unless such steps are skipped, and
    /// <see cref="OperationCanceledException"/> when cancelled. Once finished, the model holds the best epoch's
    /// weights (<see cref="TrainerOptions.RestoreBestWeights"/>) or else, for an <see cref="IEvaluationWeights"/>
    /// optimizer (schedule-free), its evaluation weights — already before the last epoch's report.
    /// </summary>
    public TrainingResult Fit(Dataset train, Dataset? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        => Run(train, validation, Options.Epochs, progress, cancellationToken);

    /// <summary>
    /// As <see cref="Fit"/>, but pauses once epoch <paramref name="lastEpoch"/> is complete (if training has not
    /// finished by then): the best weights are not put back, and a later <see cref="Fit"/> (or a save with
    /// <see cref="TrainerCheckpoint.Save"/> and a load into a fresh trainer) continues from there bit for bit.
    /// </summary>
    public TrainingResult FitUntil(Dataset train, Dataset? validation, int lastEpoch, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastEpoch);
        return Run(train, validation, Math.Min(lastEpoch, Options.Epochs), progress, cancellationToken);
    }

    /// <summary>Epochs completed so far (restored by <see cref="TrainerCheckpoint.Load"/>).</summary>
    public int CompletedEpochs { get; internal set; }

    /// <summary>True once training has run all <see cref="TrainerOptions.Epochs"/> or stopped early.</summary>
    public bool IsFinished { get; internal set; }

    /// <summary>True when training finished by early stopping.</summary>
    public bool StoppedEarly { get; internal set; }

    internal NnRandom ShuffleRandom => _shuffle;

    internal BestTracker Best => _best;

    internal int[] Order
    {
        get => _order;
        set => _order = value;
    }

    private TrainingResult Run(Dataset train, Dataset? validation, int lastEpoch, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
    {
        CheckData(train, nameof(train));
        if (validation is not null)
            CheckData(validation, nameof(validation));
        var history = new List<EpochReport>(Math.Max(0, lastEpoch - CompletedEpochs));
        if (IsFinished)
        {
            _best.Restore();
            return new TrainingResult(history, StoppedEarly, _best.Epoch);
        }
        int rows = train.Rows;
        int batchSize = Options.BatchSize == 0 ? rows : Math.Min(Options.BatchSize, rows);
        int stepsPerEpoch = (rows + batchSize - 1) / batchSize;
        Prepare(batchSize);
        if (_order.Length != rows)
        {
            if (CompletedEpochs > 0)
                throw new ArgumentException($"The trainer has completed {CompletedEpochs} epochs on {_order.Length} rows; the training data now has {rows}.", nameof(train));
            _order = new int[rows];
            for (int i = 0; i < rows; i++)
                _order[i] = i;
        }
        ScheduleTree.SetTotalSteps(Optimizer, Optimizer.StepCount + (long)(Options.Epochs - CompletedEpochs) * stepsPerEpoch);

        for (int epoch = CompletedEpochs + 1; epoch <= lastEpoch; epoch++)
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

            // Validation and the best weights kept are at the optimizer's evaluation point when it has one.
            bool swapped = _evaluationWeights?.SwapIn() ?? false;
            Metrics? metrics;
            double trainLoss = lossRows > 0 ? lossSum / lossRows : double.NaN, monitored;
            bool improved;
            try
            {
                metrics = validation is null ? null : EvaluateAsIs(validation);
                monitored = metrics?.Loss ?? trainLoss;
                improved = _best.Observe(epoch, monitored, Options.MinDelta);
            }
            finally
            {
                if (swapped)
                    _evaluationWeights!.SwapOut();
            }
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
            ScheduleTree.ReportMetric(Optimizer, monitored); // e.g. OptGen.Schedules.ReduceOnPlateau, on the rate or a hyperparameter
            // The state is complete before the report, so a checkpoint saved from the progress callback resumes exactly.
            CompletedEpochs = epoch;
            StoppedEarly = Options.EarlyStoppingPatience > 0 && epoch - _best.Epoch >= Options.EarlyStoppingPatience && epoch < Options.Epochs;
            IsFinished = StoppedEarly || epoch >= Options.Epochs;
            if (IsFinished && !_best.Restore())
                _evaluationWeights?.MoveIn(); // a finished model holds the weights it is evaluated at
            progress?.Report(report);
            if (IsFinished)
                break;
        }
        return new TrainingResult(history, StoppedEarly, _best.Epoch);
    }

    /// <summary>
    /// One optimizer step on the given rows of <paramref name="data"/>: forward, loss, backward, update (with
    /// <see cref="TrainerOptions.Sam"/>, a second forward and backward at the perturbed weights first). Returns the
    /// batch's mean loss at the weights; when it (or, under SAM, the loss at the perturbed weights) is not finite,
    /// nothing is updated and that loss is returned. Allocates nothing once buffers are sized. Data of another width
    /// than the model, or a row that is not in it, is an <see cref="ArgumentException"/> before anything is changed.
    /// </summary>
    public double TrainStep(Dataset data, ReadOnlySpan<int> rows)
    {
        CheckData(data, nameof(data)); // the gather copies rows of the model's width
        int batch = rows.Length;
        if (batch == 0)
            throw new ArgumentException("A step needs at least one row.", nameof(rows));
        Prepare(batch);
        Model.Training = true;
        _buffers.Gather(data, rows, Model.InputRows(batch)); // straight into the model's input rows: no second copy
        ReadOnlySpan<float> outputs = Model.ForwardInput(batch);
        Span<float> gradient = _buffers.Gradient(batch);
        double loss = _buffers.ComputeLoss(Loss, data, outputs, gradient, batch);
        if (!double.IsFinite(loss))
            return loss;
        int correct = data.Labels is not null ? _buffers.CountCorrect(outputs, batch, Loss) : 0;
        Model.ZeroGrad();
        Model.Backward(gradient);
        if (_sam is not null && _sam.Perturb())
        {
            // SAM: the optimizer steps with the gradient at w + e, taken on the same batch; w itself comes back
            // from a copy, bit for bit. A non-finite loss there updates nothing, as one at w would.
            double perturbedLoss = _buffers.ComputeLoss(Loss, data, Model.ForwardInput(batch), gradient, batch); // the rows are still there
            if (double.IsFinite(perturbedLoss))
            {
                Model.ZeroGrad();
                Model.Backward(gradient);
            }
            _sam.Restore();
            if (!double.IsFinite(perturbedLoss))
                return perturbedLoss;
        }
        _epochCorrect += correct;
        if (Optimizer is ILossAware lossAware)
            lossAware.Loss = loss; // an update that reads 'loss' (Polyak's step size) gets this batch's
        Optimizer.Step(Model.Parameters);
        return loss;
    }

    /// <summary>
    /// Loss and accuracy (classification) or MSE and R² (regression) on <paramref name="data"/>, in evaluation mode.
    /// While training is unfinished and the optimizer is an <see cref="IEvaluationWeights"/> (schedule-free), the
    /// metrics are those at its evaluation weights, which are swapped in and the training weights back out bit for
    /// bit; a finished trainer's model already holds them.
    /// </summary>
    public Metrics Evaluate(Dataset data)
    {
        CheckData(data, nameof(data));
        bool swapped = !IsFinished && (_evaluationWeights?.SwapIn() ?? false);
        try
        {
            return EvaluateAsIs(data);
        }
        finally
        {
            if (swapped)
                _evaluationWeights!.SwapOut();
        }
    }

    private Metrics EvaluateAsIs(Dataset data)
    {
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
                _buffers.GatherTargets(data, start, batch);
                ReadOnlySpan<float> outputs = Model.Forward(data.Features.AsSpan(start * data.Columns, batch * data.Columns), batch);
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
